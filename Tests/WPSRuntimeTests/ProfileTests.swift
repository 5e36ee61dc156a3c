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
        #expect(
            config.clientConfiguration(for: profile).baseURL(for: .woodpecker) == "https://api.woodpecker.co/rest/v2")
    }

    @Test func profilesFromTheFile() throws {
        _ = try write(
            """
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
        #expect(
            throws: RuntimeError("no profile 'prd' — did you mean 'prod'?; profiles: woodpecker, saleshandy, prod, sh")
        ) { try config.profile("prd") }
        let listed = JSONRenderer().render(.list(config.profiles.map { $0.value(active: false) }))
        #expect(!listed.contains("inline-secret") && !listed.contains("\"pk\""))
    }

    @Test func aFileOthersCanReadIsRefused() throws {
        let path = try write("profiles: {}\n", mode: 0o644)
        #expect(
            throws: RuntimeError(
                "\(path) is readable by group or others (mode 644); it may hold API keys. Run: chmod 600 \(path)")
        ) {
            try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home])
        }
    }

    @Test func malformedFilesSayWhere() throws {
        let path = try write("profiles:\n  bad: { provider: mailchimp }\n", mode: 0o600)
        #expect(
            throws: RuntimeError(
                "\(path):2:20: profiles.bad.provider: must be woodpecker or saleshandy, got 'mailchimp'")
        ) {
            try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home])
        }
        _ = try write("profiles: [1, 2\n", mode: 0o600)
        #expect(throws: RuntimeError.self) { try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home]) }
    }

    @Test func everyProblemIsLocatedAndNoValueIsShown() throws {
        let path = try write(
            """
            default: prd
            profiles:
              prod:
                provider: woodpecker
                apikey: key-one-1234
                base_url: not-a-url
              other: { provider: woodpecker, api_key: [key-two-5678] }
            """, mode: 0o600)
        do {
            _ = try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home])
            Issue.record("loaded a broken config")
        } catch let error as RuntimeError {
            #expect(error.message.contains("\(path):5:5: profiles.prod.apikey: unknown key — did you mean 'api_key'?"))
            #expect(error.message.contains("\(path):6:15: profiles.prod.base_url: expected an http:// or https:// URL"))
            #expect(error.message.contains("\(path):7:43: profiles.other.api_key: expected text, got a list"))
            #expect(
                !error.message.contains("key-one-1234") && !error.message.contains("key-two-5678")
                    && !error.message.contains("not-a-url"))
        }
        // A syntax error names its place but never shows the line, which may hold a key.
        _ = try write("profiles:\n  prod:\n    api_key: \"key-three-9012\n", mode: 0o600)
        do {
            _ = try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home])
            Issue.record("loaded a broken config")
        } catch let error as RuntimeError {
            #expect(error.message.hasPrefix("\(path):4:1: YAML syntax: "))
            #expect(!error.message.contains("key-three-9012"))
        }
        // The default must name a profile.
        _ = try write("default: prd\nprofiles:\n  prod: { provider: woodpecker }\n", mode: 0o600)
        #expect(
            throws: RuntimeError(
                "\(path):1:10: default: no profile 'prd' — did you mean 'prod'?; profiles: woodpecker, saleshandy, prod"
            )
        ) {
            try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home])
        }
        // An empty file holds no profiles.
        _ = try write("", mode: 0o600)
        #expect(
            try ProfileConfiguration.load(environment: ["XDG_CONFIG_HOME": home]).profiles.map(\.name) == [
                "woodpecker", "saleshandy",
            ])
    }
}
