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
        /// The provider `mailbox` commands use unless a chosen profile says otherwise.
        public var provider: Provider = .woodpecker
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
        let sandbox: RunningSandbox?

        /// Stops the private or embedded sandbox and the transport.
        public func shutdown() async {
            await sandbox?.stop()
            await transport.shutdown()
        }
    }

    public let options: Options

    public init(_ options: Options) { self.options = options }

    /// Builds the session; a profile or CA problem is a ``RuntimeError`` (exit 2), nothing started.
    public func build() async throws -> Host {
        var configuration = OutreachClient.Configuration()
        var profiles: ProfileConfiguration?
        var activeProfile = "sandbox"
        var provider = options.provider
        var caFile = options.caFile
        var embedded: EmbeddedSandbox?
        if options.sandbox {
            embedded = try await EmbeddedSandbox.start()
            configuration = embedded?.configuration ?? configuration
        } else {
            let loaded = try ProfileConfiguration.load(environment: options.environment)
            let profile = try loaded.profile(options.profile)
            configuration = loaded.clientConfiguration(for: profile)
            profiles = loaded
            activeProfile = profile.name
            if caFile == nil { caFile = profile.caFile }
            if options.profile != nil || options.environment["WPS_PROFILE"] != nil { provider = profile.provider }
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
        var running = embedded?.sandbox
        var clientTransport: any HTTPTransport = transport
        if options.dryRun, !options.sandbox {
            // Answer from a private sandbox; show what would go to the real API.
            let sandbox = try await Self.privateSandbox()
            running = sandbox
            for provider in Provider.allCases where (configuration.apiKeys[provider] ?? "").isEmpty {
                configuration.apiKeys[provider] = "dry-run"  // shown masked; nothing is sent for real
            }
            let routes = Provider.allCases.map { (configuration.baseURL(for: $0), sandbox.baseURL(for: $0)) }
            clientTransport = DryRunTransport(
                inner: transport, routes: routes, sandboxKey: "dry-run", show: options.dryRunOutput)
        }
        configuration.requestTimeout = options.timeout
        let client = OutreachClient(configuration: configuration, transport: clientTransport)
        if let embedded {
            try await embedded.connectDemoMailboxes(client)
            // WPS_SANDBOX_PROCESSING_MS slows later batches down (to try `batch watch` and Ctrl-C).
            if let delay = options.environment["WPS_SANDBOX_PROCESSING_MS"].flatMap({ Int($0) }) {
                await embedded.sandbox.store.setProcessingDelay(.milliseconds(delay))
            }
        }
        var session = Session(
            client: client, provider: provider, profiles: profiles, activeProfile: activeProfile, transport: transport,
            progress: options.progress)
        session.settings.dryRun = options.dryRun
        session.settings.dryRunOutput = options.dryRunOutput
        session.connection.activeCAFile = caFile
        session.connection.caFileIsFixed = options.caFile != nil
        // An in-process sandbox forgets everything when wps exits, so its imports are not journaled.
        if !options.sandbox, !options.dryRun { session.settings.journalDirectory = options.journalDirectory }
        return Host(
            session: session, profileNames: profiles?.profiles.map(\.name) ?? [], transport: transport, sandbox: running
        )
    }

    /// The sandbox a dry run's requests are answered by: no delay, no rate limit, any account.
    public static func privateSandbox() async throws -> RunningSandbox {
        var configuration = SandboxConfiguration()
        configuration.port = 0
        configuration.processingDelay = .zero
        configuration.rateLimit = false
        configuration.acceptsAnyAccountID = true
        return try await SandboxServer.start(configuration)
    }
}
