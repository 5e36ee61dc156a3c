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

    /// What a config file says, checked.
    struct File {
        var `default`: (name: String, place: String)?
        var profiles: [(name: String, entry: Entry)] = []
        struct Entry {
            var provider: Provider
            var base_url: String?
            var api_key: String?
            var api_key_env: String?
            var ca_file: String?
        }
    }

    /// Checks the file's nodes, reporting every problem as `FILE:LINE:COL: …` — never with a
    /// value that could be a key (or a URL holding a password).
    static func parse(_ locator: YAMLLocator) throws(RuntimeError) -> File {
        var file = File()
        guard let root = locator.root, root.null == nil else { return file }  // an empty file: no profiles
        func place(_ node: Node) -> String {
            node.mark.map { "\(locator.name):\($0.line):\($0.column)" } ?? "\(locator.name):1:1"
        }
        guard let top = root.mapping else {
            throw RuntimeError("\(place(root)): a wps config is a mapping with 'default:' and 'profiles:'")
        }
        var problems = locator.unknownKeys(at: "", allowed: ["default", "profiles"])
        for (key, value) in top {
            switch key.string {
            case "default":
                if let name = value.scalar?.string, !name.isEmpty {
                    file.default = (name, place(value))
                } else {
                    problems.append("\(place(value)): default: expected a profile name")
                }
            case "profiles":
                if value.null != nil { continue }
                guard let entries = value.mapping else {
                    problems.append(
                        "\(place(value)): profiles: expected a mapping of profile names to profiles, got \(value.sequence != nil ? "a list" : "text")"
                    )
                    continue
                }
                for (nameNode, entryNode) in entries {
                    let name = nameNode.string ?? ""
                    guard let fields = entryNode.mapping else {
                        problems.append(
                            "\(place(entryNode)): profiles.\(name): expected a mapping with provider, base_url, api_key or api_key_env, ca_file"
                        )
                        continue
                    }
                    var text: [String: String] = [:]
                    for (fieldNode, fieldValue) in fields {
                        let field = fieldNode.string ?? ""
                        let known = ["provider", "base_url", "api_key", "api_key_env", "ca_file"]
                        guard known.contains(field) else {
                            let suggestion =
                                Suggestion.closest(to: field, in: known).map { " — did you mean '\($0)'?" }
                                ?? "; known: \(known.joined(separator: ", "))"
                            problems.append("\(place(fieldNode)): profiles.\(name).\(field): unknown key\(suggestion)")
                            continue
                        }
                        guard let scalar = fieldValue.scalar else {
                            problems.append(
                                "\(place(fieldValue)): profiles.\(name).\(field): expected text, got \(fieldValue.sequence != nil ? "a list" : "a mapping")"
                            )
                            continue
                        }
                        text[field] = scalar.string
                    }
                    let providerText = text["provider"] ?? Provider.default.rawValue
                    guard let provider = Provider(rawValue: providerText) else {
                        let node = fields.first { $0.key.string == "provider" }?.value ?? entryNode
                        let suggestion =
                            Suggestion.closest(to: providerText, in: Provider.allCases.map(\.rawValue)).map {
                                " — did you mean '\($0)'?"
                            } ?? ""
                        problems.append(
                            "\(place(node)): profiles.\(name).provider: must be \(Provider.names.joined(separator: " or ")), got '\(providerText)'\(suggestion)"
                        )
                        continue
                    }
                    if let url = text["base_url"] {
                        let parsed = URL(string: url)
                        if !["http", "https"].contains(parsed?.scheme?.lowercased() ?? "")
                            || (parsed?.host ?? "").isEmpty
                        {
                            let node = fields.first { $0.key.string == "base_url" }?.value ?? entryNode
                            problems.append(
                                "\(place(node)): profiles.\(name).base_url: expected an http:// or https:// URL such as \(provider.defaultBaseURL)"
                            )
                            continue
                        }
                    }
                    if text["api_key"] != nil, text["api_key_env"] != nil {
                        problems.append("\(place(entryNode)): profiles.\(name): give api_key or api_key_env, not both")
                        continue
                    }
                    file.profiles.append(
                        (
                            name,
                            File.Entry(
                                provider: provider, base_url: text["base_url"], api_key: text["api_key"],
                                api_key_env: text["api_key_env"],
                                ca_file: text["ca_file"])
                        ))
                }
            default:
                continue
            }
        }
        if !problems.isEmpty { throw RuntimeError(problems.joined(separator: "\n")) }
        file.profiles.sort { $0.name < $1.name }
        return file
    }

    /// Where the config file is looked for.
    public static func path(environment: [String: String]) -> String {
        if let explicit = environment["WPS_CONFIG"], !explicit.isEmpty { return explicit }
        let base =
            environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.config"
        return base + "/wps/config.yaml"
    }

    /// Loads the profiles; throws a ``RuntimeError`` (exit 2) for an unsafe or malformed file.
    public static func load(environment: [String: String]) throws -> ProfileConfiguration {
        var profiles = Provider.allCases.map { provider in
            let variable = provider.rawValue.uppercased() + "_API_KEY"
            return Profile(
                name: provider.rawValue, provider: provider, apiKey: environment[variable], keySource: "env \(variable)"
            )
        }
        var defaultName = environment["WPS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 } ?? Provider.default.rawValue
        let path = path(environment: environment)
        guard FileManager.default.fileExists(atPath: path) else {
            return ProfileConfiguration(profiles: profiles, defaultName: defaultName)
        }
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        let mode = (attributes?[.posixPermissions] as? NSNumber)?.intValue ?? 0
        guard mode & 0o077 == 0 else {
            throw RuntimeError(
                "\(path) is readable by group or others (mode \(String(mode & 0o777, radix: 8))); it may hold API keys. Run: chmod 600 \(path)"
            )
        }
        guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeError("cannot read \(path)") }
        if let problem = TextScanner.check(data) {
            throw RuntimeError("\(path):\(problem.line):\(problem.column): \(problem.message)")
        }
        let file = try parse(YAMLLocator(name: path, text: String(decoding: data, as: UTF8.self)))
        for (name, entry) in file.profiles {
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
                file.hasPrefix("/")
                    ? file : ((path as NSString).deletingLastPathComponent as NSString).appendingPathComponent(file)
            }
            profiles.append(
                Profile(
                    name: name, provider: entry.provider, baseURL: entry.base_url, apiKey: key, keySource: source,
                    caFile: caFile))
        }
        if let configured = file.default, !profiles.contains(where: { $0.name == configured.name }) {
            let suggestion =
                Suggestion.closest(to: configured.name, in: profiles.map(\.name)).map { " — did you mean '\($0)'?" }
                ?? ""
            throw RuntimeError(
                "\(configured.place): default: no profile '\(configured.name)'\(suggestion); profiles: \(profiles.map(\.name).joined(separator: ", "))"
            )
        }
        let configured = file.default?.name
        if environment["WPS_PROFILE"]?.isEmpty ?? true, let configured { defaultName = configured }
        return ProfileConfiguration(profiles: profiles, defaultName: defaultName)
    }

    /// The named profile, with a did-you-mean when there is none.
    public func profile(_ name: String?) throws -> Profile {
        let wanted = name ?? defaultName
        if let profile = profiles.first(where: { $0.name == wanted }) { return profile }
        let suggestion =
            Suggestion.closest(to: wanted, in: profiles.map(\.name)).map { " — did you mean '\($0)'?" } ?? ""
        throw RuntimeError(
            "no profile '\(wanted)'\(suggestion); profiles: \(profiles.map(\.name).joined(separator: ", "))")
    }

    /// A client configuration for a profile: its provider's base URL and its own key (from what
    /// the profile says, nothing else). A profile binds one provider: requests to another are
    /// refused before sending, naming the profile, never sent with another variable's key.
    public func clientConfiguration(for profile: Profile) -> OutreachClient.Configuration {
        var configuration = OutreachClient.Configuration()
        configuration.apiKeys[profile.provider] = profile.apiKey?.isEmpty == false ? profile.apiKey : nil
        if configuration.apiKeys[profile.provider] == nil {
            configuration.missingKeyHints[profile.provider] =
                profile.keySource.hasPrefix("env ")
                ? "profile '\(profile.name)' takes its API key from \(profile.keySource.dropFirst(4)), which is not set (nothing was sent)"
                : "profile '\(profile.name)' has no API key (nothing was sent)"
        }
        if let base = profile.baseURL { configuration.baseURLs[profile.provider] = base }
        for other in Provider.allCases where other != profile.provider {
            let candidates = profiles.filter { $0.provider == other }.map(\.name)
            let hint =
                candidates.isEmpty
                ? "add a \(other.rawValue) profile to \(Self.displayPath)"
                : "use a \(other.rawValue) profile: --profile \(candidates.joined(separator: " | "))"
            configuration.refusedProviders[other] =
                "profile '\(profile.name)' is a \(profile.provider.rawValue) profile; this needs \(other.rawValue) (nothing was sent): \(hint)"
        }
        return configuration
    }

    /// Where the config file is, as messages name it.
    static let displayPath = "~/.config/wps/config.yaml"
}
