import OutreachAPI
import Sandbox

/// wps against an in-process sandbox, as `wps --sandbox` runs it: the sandbox on a free loopback
/// port with three demo mailboxes connected (ids 123001, 123003, 123005), and the client
/// configuration that points at it. The transcript tests run scripts against the same set-up.
public struct EmbeddedSandbox: Sendable {
    public let sandbox: RunningSandbox
    /// The base URLs and the demo key of the sandbox, for every provider.
    public let configuration: OutreachClient.Configuration

    /// Starts the sandbox; `processingDelay` is how long a mailbox batch takes.
    public static func start(processingDelay: Duration = .milliseconds(200)) async throws -> EmbeddedSandbox {
        var sandboxConfiguration = SandboxConfiguration()
        sandboxConfiguration.port = 0
        sandboxConfiguration.processingDelay = processingDelay
        let sandbox = try await SandboxServer.start(sandboxConfiguration)
        var configuration = OutreachClient.Configuration()
        for provider in Provider.allCases {
            configuration.baseURLs[provider] = sandbox.baseURL(for: provider)
            configuration.apiKeys[provider] = "sandbox-demo"
        }
        return EmbeddedSandbox(sandbox: sandbox, configuration: configuration)
    }

    public func stop() async {
        await sandbox.stop()
    }
}
