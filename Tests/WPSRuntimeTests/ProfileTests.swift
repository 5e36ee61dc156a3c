import Foundation
import OutreachAPI
import Testing

@testable import WPSRuntime

@Suite struct ProfileTests {
    let home = FileManager.default.temporaryDirectory.appendingPathComponent("wps-profiles-\(UUID().uuidString)").path

    func write(_ text: String, mode: Int) throws -> String {
        try FileManager.default.createDirectory(atPath: home + "/wps", withIntermediateDirectories: true)
        let path = home + "/wps/config.yaml"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: path)
        return path
    }

    @Test func environmentKeysWithoutAFile() throws {
        let config = try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home, "WOODPECKER_API_KEY": "wk"])
        let profile = try config.profile(nil)
        #expect(profile.name == "woodpecker" && profile.apiKey == "wk")
        #expect(config.clientConfiguration(for: profile).apiKeys[.woodpecker] == "wk")
        #expect(config.clientConfiguration(for: profile).baseURL(for: .woodpecker) == "https://api.woodpecker.co/rest/v2")
    }

    @Test func profilesFromTheFile() throws {
        _ = try write("""
            default: prod
            profiles:
              prod: { provider: woodpecker, base_url: "http://localhost:9/rest/v2", api_key_env: PROD_KEY }
              sh: { provider: saleshandy, api_key: inline-secret }
            """, mode: 0o600)
        let config = try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home, "PROD_KEY": "pk"])
        let prod = try config.profile(nil)
        #expect(prod.name == "prod" && prod.apiKey == "pk" && prod.baseURL == "http://localhost:9/rest/v2")
        #expect(try config.profile("sh").apiKey == "inline-secret")
        let chosen = try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home, "WPS_PROFILE": "sh"])
        #expect(try chosen.profile(nil).provider == .saleshandy)
        #expect(throws: RuntimeError("no profile 'prd' — did you mean 'prod'?; profiles: woodpecker, saleshandy, prod, sh")) { try config.profile("prd") }
        let listed = JSONRenderer().render(.list(config.profiles.map { $0.value(active: false) }))
        #expect(!listed.contains("inline-secret") && !listed.contains("\"pk\""))
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let path = try write("profiles: {}\n", mode: 0o644)
        #expect(throws: RuntimeError("\(path) is readable by group or others (mode 644); it may hold API keys. Run: chmod 600 \(path)")) {
            try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home])
        }
    }

    @Test func malformedFilesSayWhere() throws {
        let path = try write("profiles:\n  bad: { provider: mailchimp }\n", mode: 0o600)
        #expect(throws: RuntimeError("\(path): profile 'bad': provider must be woodpecker or saleshandy, got 'mailchimp'")) {
            try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home])
        }
        _ = try write("profiles: [1, 2\n", mode: 0o600)
        #expect(throws: RuntimeError.self) { try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home]) }
    }
}
