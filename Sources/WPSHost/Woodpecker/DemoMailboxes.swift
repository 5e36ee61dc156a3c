import Foundation
import OutreachAPI

extension EmbeddedSandbox {
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
        // The sandbox processes a batch after its delay: asked until it says so, for at most a minute.
        let deadline = ContinuousClock.now.advanced(by: .seconds(60))
        while try await !client.send(Woodpecker.GetBatchSummary(batchID: batch.batch_id)).processing_finished {
            guard ContinuousClock.now < deadline else {
                throw DemoMailboxesTimeout()
            }
            try await Task.sleep(for: .milliseconds(20))
        }
    }
}

/// The sandbox did not process the demo mailboxes within a minute.
struct DemoMailboxesTimeout: Error, CustomStringConvertible {
    var description: String { "the sandbox did not process the demo mailboxes in 60 s" }
}
