import Foundation
import OutreachAPI
import WPSLanguage
import Yams

/// The profiles wps knows: from `$XDG_CONFIG_HOME/wps/config.yaml` (or `$WPS_CONFIG`) when it
/// exists, plus one profile per provider built from `WOODPECKER_API_KEY` / `SALESHANDY_API_KEY`.
///
/// ```yaml
/// default: prod
/// profiles:
///   prod:
///     provider: woodpecker
///     api_key_env: WOODPECKER_PROD_KEY     # or api_key: "…" (the file must then be private)
///   outreach-sh:
///     provider: saleshandy
///     base_url: https://open-api.saleshandy.com/v1
///     api_key_env: SALESHANDY_API_KEY
///   local-tls:
///     base_url: https://127.0.0.1:8443/rest/v2
///     api_key_env: SANDBOX_KEY
///     ca_file: sandbox-ca.pem               # trusted besides the system's roots; relative to this file
/// ```
/// A config file readable by group or others is refused, with the `chmod` that fixes it.
public struct ProfileConfiguration: Sendable {
    public var profiles: [Profile]
    /// The profile used when none is named.
    public var defaultName: String

    struct File: Decodable {
        var `default`: String?
        var profiles: [String: Entry]?
        struct Entry: Decodable {
            var provider: String?
            var base_url: String?
            var api_key: String?
            var api_key_env: String?
            var ca_file: String?
        }
    }

    /// Where the config file is looked for.
    public static func path(environment: [String: String]) -> String {
        if let explicit = environment["WPS_CONFIG"], !explicit.isEmpty { return explicit }
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/wps/config.yaml"
    }

    /// Loads the profiles; throws a ``RuntimeError`` (exit 2) for an unsafe or malformed file.
    public static func load(environment: [String: String]) throws -> ProfileConfiguration {
        var profiles = Provider.allCases.map { provider in
            let variable = provider.rawValue.uppercased() + "_API_KEY"
            return Profile(name: provider.rawValue, provider: provider, apiKey: environment[variable], keySource: "env \(variable)")
        }
        var defaultName = environment["WPS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? "woodpecker"
        let path = path(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else { return ProfileConfiguration(profiles: profiles, defaultName: defaultName) }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw RuntimeError(
                "\(path) is readable by group or others (mode \(String(mode & 0o777, radix: 8))); it may hold API keys. Run: chmod 600 \(path)")
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { throw RuntimeError("cannot read \(path)") }
        let file: File
        do {
            file = try YAMLDecoder().decode(File.self, from: text)
        } catch {
            throw RuntimeError("\(path): not a wps config: \(error)")
        }
        for (name, entry) in (file.profiles ?? [:]).sorted(by: { $0.key < $1.key }) {
            guard let provider = Provider(rawValue: entry.provider ?? "woodpecker") else {
                throw RuntimeError("\(path): profile '\(name)': provider must be woodpecker or saleshandy, got '\(entry.provider ?? "")'")
            }
            let key: String?
            let source: String
            if let variable = entry.api_key_env {
                key = environment[variable]
                source = "env \(variable)"
            } else {
                key = entry.api_key
                source = "config file"
            }
            profiles.removeAll { $0.name == name }
            let caFile = entry.ca_file.map { file in
                file.hasPrefix("/") ? file : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file)
            }
            profiles.append(
                Profile(name: name, provider: provider, baseURL: entry.base_url, apiKey: key, keySource: source, caFile: caFile))
        }
        if environment["WPS_PROFILE"]?.isEmpty ?? true, let configured = file.default { defaultName = configured }
        return ProfileConfiguration(profiles: profiles, defaultName: defaultName)
    }

    /// The named profile, with a did-you-mean when there is none.
    public func profile(_ name: String?) throws -> Profile {
        let wanted = name ?? defaultName
        if let profile = profiles.first(where: { $0.name == wanted }) { return profile }
        let suggestion = Suggestion.closest(to: wanted, in: profiles.map(\.name)).map { " — did you mean '\($0)'?" } ?? ""
        throw RuntimeError("no profile '\(wanted)'\(suggestion); profiles: \(profiles.map(\.name).joined(separator: ", "))")
    }

    /// A client configuration for a profile: its provider's base URL and key, and the
    /// environment's keys for the other provider.
    public func clientConfiguration(for profile: Profile) -> OutreachClient.Configuration {
        var configuration = OutreachClient.Configuration()
        for other in profiles where other.name == other.provider.rawValue {
            if let key = other.apiKey { configuration.apiKeys[other.provider] = key }
        }
        if let key = profile.apiKey { configuration.apiKeys[profile.provider] = key }
        if let base = profile.baseURL { configuration.baseURLs[profile.provider] = base }
        return configuration
    }
}
