import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

@Suite struct PersistenceTests {
    @Test func stateSurvivesARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wps-sandbox-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sandbox = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        let (campaignID, batchID) = try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let batch =
                (try await client.call(
                    .post, "/rest/v2/mailboxes/manual_connection/bulk", json: bulk(mailboxBody("p@example.com"))
                ).body as? [String: Any])?["batch_id"] as? Int ?? 0
            let campaign =
                (try await client.call(.post, "/rest/v2/campaigns", json: String(format: campaignBody, "\(account)"))
                .body as? [String: Any])?["id"] as? Int ?? 0
            return (campaign, batch)
        }
        #expect(campaignID > 0 && batchID > 0)
        let restarted = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        try await restarted.app.test(.router) { client in
            let campaign = try await client.call(.get, "/rest/v2/campaigns/\(campaignID)")
            #expect(campaign.status == 200)
            #expect((campaign.body as? [String: Any])?["name"] as? String == "Q4")
            let summary = try await client.call(.get, "/rest/v2/mailboxes/manual_connection/bulk/\(batchID)/summary")
            #expect((summary.body as? [String: Any])?["batch_size"] as? Int == 1)
            // Ids keep counting from where they were.
            let next = try await client.call(
                .post, "/rest/v2/mailboxes/manual_connection/bulk", json: bulk(mailboxBody("q@example.com")))
            #expect(((next.body as? [String: Any])?["batch_id"] as? Int ?? 0) > batchID)
            #expect(try await client.call(.get, "/rest/v2/campaigns/\(campaignID)", key: "someone-else").status == 404)
            // The email indexes (not stored) are rebuilt: a pending mailbox is still named with its batch.
            let again = try await client.call(
                .post, "/rest/v2/mailboxes/manual_connection/bulk", json: bulk(mailboxBody("p@example.com")))
            #expect(again.status == 409)
            #expect(
                ((again.body as? [String: Any])?["details"] as? [String])?.first?.hasSuffix(
                    "is already pending in batch \(batchID)") == true)
        }
        let raw = try String(contentsOfFile: path, encoding: .isoLatin1)
        #expect(!raw.contains("test-key"))  // keys are stored hashed
    }
}
