import Crypto
import Foundation
import OutreachAPI
import WPSLanguage

/// What API commands talk to: the client and the profile it was made from. `profile use`
/// replaces both.
public struct Connection: Sendable {
    public private(set) var client: OutreachClient
    /// The provider commands talk to unless `--provider` says otherwise.
    public private(set) var provider: Provider
    /// The profiles `profile list|use` work with (nil with `--sandbox`).
    public let profiles: ProfileConfiguration?
    public private(set) var activeProfile: String
    /// The transport a new profile's client uses (nil: profiles cannot be switched).
    public let transport: (any HTTPTransport)?
    /// The CA file the transport trusts besides the system's roots (`--ca-file` or the starting
    /// profile's `ca_file`); `profile use` refuses a profile that needs another one.
    public var activeCAFile: String?
    /// Whether `--ca-file` was given: it applies to every profile.
    public var caFileIsFixed = false
    /// The key a provider without one gets in every client this connection makes (a dry run's
    /// placeholder, so its requests can be shown and answered; nil: none, a missing key is an error).
    public var keyIfMissing: String?

    public init(
        client: OutreachClient, provider: Provider = .default, profiles: ProfileConfiguration? = nil,
        activeProfile: String = "sandbox", transport: (any HTTPTransport)? = nil
    ) {
        self.client = client
        self.provider = provider
        self.profiles = profiles
        self.activeProfile = activeProfile
        self.transport = transport
    }

    /// Names the account an import journal belongs to: a fingerprint of the API key (another key
    /// is another account, whose import starts afresh), the profile and where it points. The
    /// fingerprint is 12 hex digits of the key's SHA-256: it names the key without revealing it.
    var profileKey: String {
        let key = client.configuration.apiKeys[provider] ?? ""
        let fingerprint = SHA256.hash(data: Data(key.utf8)).prefix(6).map { String(format: "%02x", $0) }.joined()
        let url = client.configuration.baseURL(for: provider).replacingOccurrences(of: "https://", with: "")
        return fingerprint + "-" + activeProfile + "-" + url
    }

    /// The same connection with its requests going through `transport` instead (a dry run's);
    /// a provider without a key gets `key`, so its requests can be shown.
    /// A copy that switches profiles through the same transport (`profile use` in a dry run
    /// stays in it).
    public func routed(through transport: any HTTPTransport, keyIfMissing key: String) -> Connection {
        var copy = Connection(
            client: OutreachClient(
                configuration: Self.filled(client.configuration, key), transport: transport),
            provider: provider, profiles: profiles, activeProfile: activeProfile, transport: transport)
        copy.activeCAFile = activeCAFile
        copy.caFileIsFixed = caFileIsFixed
        copy.keyIfMissing = key
        return copy
    }

    /// `configuration` with `key` for each provider that has none.
    static func filled(_ configuration: OutreachClient.Configuration, _ key: String?) -> OutreachClient.Configuration {
        guard let key else { return configuration }
        var configuration = configuration
        for provider in Provider.allCases
        where (configuration.apiKeys[provider] ?? "").isEmpty && configuration.refusedProviders[provider] == nil {
            configuration.apiKeys[provider] = key
        }
        return configuration
    }

    /// Switches to another profile (`profile use NAME`).
    mutating func use(profile name: String) throws {
        guard let profiles, let transport else { throw RuntimeError("profiles do not apply with --sandbox") }
        let profile = try profiles.profile(name)
        if caFileIsFixed == false, profile.caFile != activeCAFile {
            let wanted = profile.caFile.map { "the CA in \($0)" } ?? "only the system's roots"
            let trusted = activeCAFile.map { "the CA in \($0)" } ?? "only the system's roots"
            throw RuntimeError(
                "profile '\(profile.name)' trusts \(wanted), this session \(trusted); "
                    + "start wps with --profile \(profile.name) (or give --ca-file)")
        }
        var configuration = Self.filled(profiles.clientConfiguration(for: profile), keyIfMissing)
        configuration.requestTimeout = client.configuration.requestTimeout  // --timeout holds for every profile
        client = OutreachClient(configuration: configuration, transport: transport)
        provider = profile.provider
        activeProfile = profile.name
    }

    /// Sends a request; API failures become runtime errors (exit 1), broken rules exit 2.
    func send<E: Endpoint>(_ endpoint: E, at range: SourceRange?) async throws -> E.Success {
        do {
            return try await client.send(endpoint)
        } catch let error as OutreachError {
            throw RuntimeError(error, at: range)
        }
    }

    /// Sends a request a command compiled to; broken rules are reported at the flags that
    /// produced the broken fields.
    func send<E: Endpoint>(_ endpoint: E, for command: Command) async throws -> E.Success {
        do {
            return try await client.send(endpoint)
        } catch let error as OutreachError where error.kind == .validation {
            throw FlagForField.error(error, command: command)
        } catch let error as OutreachError {
            throw RuntimeError(error, at: command.range)
        }
    }
}
