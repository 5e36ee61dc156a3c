import OutreachAPI
import Sandbox

/// wps against an in-process sandbox, as `wps --sandbox` runs it: the sandbox on a free loopback
/// port with three demo mailboxes connected (ids 123001, 123003, 123005), and the client
/// configuration that points at it. The transcript tests run scripts against the same set-up.
public struct EmbeddedSandbox: Sendable {
    public let sandbox: RunningSandbox
    /// The base URLs and the demo key of the sandbox, for both providers.
    public let configuration: OutreachClient.Configuration

    /// Starts the sandbox; `processingDelay` is how long a mailbox batch takes.
    public static func start(processingDelay: Duration = .milliseconds(200)) async throws -> EmbeddedSandbox {
        var sandboxConfiguration = SandboxConfiguration()
        sandboxConfiguration.port = 0
        sandboxConfiguration.processingDelay = processingDelay
        let sandbox = try await SandboxServer.start(sandboxConfiguration)
        var configuration = OutreachClient.Configuration()
        configuration.baseURLs = [
            .woodpecker: sandbox.baseURL(for: .woodpecker), .saleshandy: sandbox.baseURL(for: .saleshandy),
        ]
        configuration.apiKeys = [.woodpecker: "sandbox-demo", .saleshandy: "sandbox-demo"]
        return EmbeddedSandbox(sandbox: sandbox, configuration: configuration)
    }

    /// Connects the three demo mailboxes, so campaigns have email account ids.
    public func connectDemoMailboxes(_ client: OutreachClient) async throws {
        let mailboxes = ["ann", "bob", "cyd"].map { name in
            ManualMailbox(
                smtp_email: "\(name)@demo.example.com", smtp_password: "demo", smtp_server: "smtp.demo.example.com",
                smtp_port: 465,
                smtp_from_name: name.capitalized, imap_email: "\(name)@demo.example.com", imap_password: "demo",
                imap_server: "imap.demo.example.com", imap_port: 993)
        }
        let batch = try await client.send(Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: mailboxes)))
        // The sandbox processes a batch after its delay: asked until it says so.
        while try await !client.send(Woodpecker.GetBatchSummary(batchID: batch.batch_id)).processing_finished {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    public func stop() async {
        await sandbox.stop()
    }
}
