import Foundation
import OutreachAPI
import Sandbox
import WPSLanguage
import WPSRuntime

/// Sets up what a run of wps works against, from its options: the profile (or an in-process
/// sandbox with its demo mailboxes), the trusted CA, the transport, a private sandbox that answers
/// a `--dry-run`, and the session commands run in. The executable only reads its arguments and
/// the terminal, and hands them here.
///
/// ```swift
/// let host = try await SessionBuilder(options).build()
/// var interpreter = Interpreter(session: host.session) { print($0) }
/// …
/// await host.shutdown()
/// ```
public struct SessionBuilder: Sendable {
    /// What the command line and the environment say.
    public struct Options: Sendable {
        public var sandbox = false
        public var dryRun = false
        public var profile: String?
        /// `--provider`: with no profile named, picks the profile of that provider; against a
        /// profile of another provider, a usage error. nil: the profile's own.
        public var provider: Provider?
        public var caFile: String?
        public var timeout: Duration = .seconds(30)
        public var environment: [String: String] = ProcessInfo.processInfo.environment
        /// Where a dry run shows each request it would send (stderr).
        public var dryRunOutput: @Sendable (String) -> Void = { _ in }
        /// Where progress goes (stderr).
        public var progress: @Sendable (String) -> Void = { _ in }
        /// Where import journals go; nil: not journaled (the in-process sandbox and dry runs
        /// never are).
        public var journalDirectory: String?

        public init() {}
    }

    /// What was built, and what to stop when the run ends.
    public struct Host: Sendable {
        public var session: Session
        /// The loaded profiles' names, for completion (none with `--sandbox`).
        public let profileNames: [String]
        let transport: AsyncHTTPTransport
        /// The embedded sandbox (`--sandbox`) and the dry run's overlay, those that run.
        let sandboxes: [RunningSandbox]

        /// Stops the transport, then the embedded sandbox and the dry run's overlay: the client's
        /// connections (a page fetched ahead and no longer wanted, still connecting) are closed
        /// before the server they go to stops, so no connection reaches a server shutting down.
        public func shutdown() async {
            await transport.shutdown()
            for sandbox in sandboxes { await sandbox.stop() }
        }
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    /// Builds the session; a profile or CA problem is a ``RuntimeError`` (exit 2), nothing started.
    public func build() async throws -> Host {
        var configuration = OutreachClient.Configuration()
        var profiles: ProfileConfiguration?
        var activeProfile = "sandbox"
        var provider = options.provider ?? .default
        var caFile = options.caFile
        var embedded: EmbeddedSandbox?
        if options.sandbox {
            embedded = try await EmbeddedSandbox.start()
            configuration = embedded?.configuration ?? configuration
        } else {
            let loaded = try ProfileConfiguration.load(environment: options.environment)
            let profile = try Self.profile(in: loaded, options)
            configuration = loaded.clientConfiguration(for: profile)
            profiles = loaded
            activeProfile = profile.name
            if caFile == nil { caFile = profile.caFile }
            provider = profile.provider
        }
        var trusted: TrustedCertificates?
        if let caFile {
            do {
                trusted = try TrustedCertificates(pemFile: caFile)
            } catch {
                await embedded?.stop()
                throw RuntimeError("\(error)", exitCode: 2)
            }
        }
        let transport = AsyncHTTPTransport(readTimeout: options.timeout, trusting: trusted)
        // Every client of the run, also one `profile use` makes later, sends through this one
        // transport: under --dry-run it is the dry run's, so no write can leave by another way.
        var sessionTransport: any HTTPTransport = transport
        var overlaySandbox: RunningSandbox?
        if options.dryRun {
            let sandbox: RunningSandbox
            do {
                sandbox = try await DryRunOverlay.startSandbox()
            } catch {
                await embedded?.stop()
                throw error
            }
            overlaySandbox = sandbox
            let overlay = DryRunOverlay(sandbox: sandbox, accountKey: DryRunOverlay.placeholderKey)
            sessionTransport = DryRunTransport(
                network: transport, overlay: overlay, show: options.dryRunOutput, notice: options.progress)
            for provider in Provider.allCases where (configuration.apiKeys[provider] ?? "").isEmpty {
                configuration.apiKeys[provider] = DryRunOverlay.placeholderKey  // shown masked, never sent
            }
        }
        configuration.requestTimeout = options.timeout
        let client = OutreachClient(configuration: configuration, transport: sessionTransport)
        if let embedded {
            // The demo account is set up for real, also under --dry-run: it is the account the
            // run then reads.
            try await embedded.connectDemoMailboxes(OutreachClient(configuration: configuration, transport: transport))
            // WPS_SANDBOX_PROCESSING_MS slows later batches down (to try `batch watch` and Ctrl-C).
            if let delay = options.environment["WPS_SANDBOX_PROCESSING_MS"].flatMap({ Int($0) }) {
                await embedded.sandbox.store.setProcessingDelay(.milliseconds(delay))
            }
        }
        var session = Session(
            client: client, provider: provider, profiles: profiles, activeProfile: activeProfile,
            transport: sessionTransport, progress: options.progress)
        if options.dryRun { session.connection.keyIfMissing = DryRunOverlay.placeholderKey }
        session.settings.dryRun = options.dryRun
        session.settings.dryRunOutput = options.dryRunOutput
        session.connection.activeCAFile = caFile
        session.connection.caFileIsFixed = options.caFile != nil
        // An in-process sandbox forgets everything when wps exits, so its imports are not journaled.
        if !options.sandbox, !options.dryRun { session.settings.journalDirectory = options.journalDirectory }
        return Host(
            session: session, profileNames: profiles?.profiles.map(\.name) ?? [], transport: transport,
            sandboxes: [embedded?.sandbox, overlaySandbox].compactMap { $0 })
    }

    /// The profile a run uses: `--profile` (or `WPS_PROFILE`), which `--provider` must agree
    /// with; else with `--provider` the default profile if it is of that provider, or the
    /// provider's own (`saleshandy`: `SALESHANDY_API_KEY`); else the default profile.
    static func profile(in loaded: ProfileConfiguration, _ options: Options) throws -> Profile {
        let named = options.profile ?? options.environment["WPS_PROFILE"].flatMap { $0.isEmpty ? nil : $0 }
        guard let wanted = options.provider else { return try loaded.profile(named) }
        if let named {
            let profile = try loaded.profile(named)
            guard profile.provider == wanted else {
                let others = loaded.profiles.filter { $0.provider == wanted }.map(\.name)
                throw RuntimeError(
                    "--provider \(wanted.rawValue) does not match profile '\(profile.name)', a \(profile.provider.rawValue) profile: "
                        + "leave out --provider, or choose a \(wanted.rawValue) profile"
                        + (others.isEmpty ? "" : " (--profile \(others.joined(separator: " | ")))"),
                    exitCode: 2)
            }
            return profile
        }
        let standard = try loaded.profile(nil)
        if standard.provider == wanted { return standard }
        let ofProvider = loaded.profiles.filter { $0.provider == wanted }
        return ofProvider.first { $0.name == wanted.rawValue } ?? ofProvider.first ?? standard
    }
}
