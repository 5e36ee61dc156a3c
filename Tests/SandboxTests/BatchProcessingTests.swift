import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

@Suite struct BatchProcessingTests {
    @Test func pendingCountFallsAsTimePassesUntilFinished() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let accepted = try await client.call(
                .post, "/rest/v2/mailboxes/manual_connection/bulk",
                json: bulk(mailboxBody("a@example.com"), mailboxBody("b@example.com")))
            #expect(accepted.status == 202)
            let id = try #require((accepted.body as? [String: Any])?["batch_id"] as? Int)
            let path = "/rest/v2/mailboxes/manual_connection/bulk/\(id)/summary"

            var summary = try await client.call(.get, path).body as? [String: Any]
            #expect(summary?["pending_mailboxes_count"] as? Int == 2)
            #expect(summary?["processing_finished"] as? Bool == false)
            let none = try await client.call(.get, "/rest/v2/mailboxes").body as? [Any]
            #expect(none?.isEmpty == true)

            await sandbox.store.advanceClock(by: .seconds(31))
            summary = try await client.call(.get, path).body as? [String: Any]
            #expect(summary?["pending_mailboxes_count"] as? Int == 1)
            #expect(summary?["connected_mailboxes_count"] as? Int == 1)

            await sandbox.store.advanceClock(by: .seconds(30))
            summary = try await client.call(.get, path).body as? [String: Any]
            #expect(summary?["pending_mailboxes_count"] as? Int == 0)
            #expect(summary?["processing_finished"] as? Bool == true)
            let mailboxes = try await client.call(.get, "/rest/v2/mailboxes").body as? [[String: Any]]
            #expect(mailboxes?.count == 4)  // an SMTP entry and its IMAP twin each
        }
    }

    @Test func deterministicOutcomes() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let accepted = try await client.call(
                .post, "/rest/v2/mailboxes/manual_connection/bulk",
                json: bulk(
                    mailboxBody("ok@example.com"), mailboxBody("smtp@example.com", smtp: "smtp.nowhere.invalid"),
                    mailboxBody("imap@example.com", imap: "imap.nowhere.invalid"),
                    mailboxBody("pw@example.com", password: "wrong")))
            let id = try #require((accepted.body as? [String: Any])?["batch_id"] as? Int)
            await sandbox.store.advanceClock(by: .seconds(61))
            let summary = try #require(
                try await client.call(.get, "/rest/v2/mailboxes/manual_connection/bulk/\(id)/summary").body
                    as? [String: Any])
            #expect(summary["connected_mailboxes_count"] as? Int == 1)
            #expect(summary["conditionally_connected_mailboxes_count"] as? Int == 1)
            let failed = try #require(summary["failed_mailboxes"] as? [[String: Any]])
            #expect(failed.map { $0["smtp_email"] as? String } == ["smtp@example.com", "pw@example.com"])
            #expect(
                failed.map { $0["error_message"] as? String } == [
                    "SMTP connection failed: cannot resolve host smtp.nowhere.invalid",
                    "Authentication failed for pw@example.com",
                ])
            #expect(failed.allSatisfy { $0.keys.contains("smtp_login") && $0["smtp_login"] is NSNull })
            let conditional = try #require(summary["conditionally_connected_mailboxes"] as? [[String: Any]])
            #expect(conditional.first?["smtp_email"] as? String == "imap@example.com")
            #expect(conditional.first?["error_message"] == nil)

            // A failed mailbox may be resubmitted; a connected one is a conflict.
            let retry = try await client.call(
                .post, "/rest/v2/mailboxes/manual_connection/bulk", json: bulk(mailboxBody("pw@example.com")))
            #expect(retry.status == 202)
            let conflict = try await client.call(
                .post, "/rest/v2/mailboxes/manual_connection/bulk",
                json: bulk(mailboxBody("ok@example.com"), mailboxBody("new@example.com")))
            #expect(conflict.status == 409)
            #expect((conflict.body as? [String: Any])?["code"] as? String == "VALIDATION_FAILURE")
            let details = (conflict.body as? [String: Any])?["details"] as? [String] ?? []
            #expect(details.count == 1)
            #expect(
                details.first?.hasPrefix("mailboxes[0].smtp_email: ok@example.com is already connected (batch ") == true
            )

            // The indexes the store keeps as batches come and settle equal those computed from scratch.
            await sandbox.store.advanceClock(by: .seconds(61))
            _ = try await client.call(.get, "/rest/v2/mailboxes")
            let tenants = await sandbox.store.tenants
            #expect(tenants.count == 1)
            for tenant in tenants.values {
                let computed = tenant.computedIndexes()
                #expect(tenant.connectedEmails == computed.connected)
                #expect(tenant.batchOfEmails == computed.batchOfEmails)
                // pw connected on its retry
                #expect(tenant.connectedEmails == ["ok@example.com", "imap@example.com", "pw@example.com"])
                #expect(tenant.batchOfEmails.keys.sorted() == ["imap@example.com", "ok@example.com", "pw@example.com"])
            }
        }
    }

    @Test func malformedBodiesAnswer400InTheDocumentedShape() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            for body in ["", "{", "[]", #"{"mailboxes":"x"}"#, #"{"mailboxes":[{"smtp_port":"465"}]}"#] {
                let answer = try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", json: body)
                #expect(answer.status == 400, "\(body)")
                #expect((answer.body as? [String: Any])?["code"] as? String == "VALIDATION_FAILURE", "\(body)")
            }
            let tooMany = bulk(Array(repeating: mailboxBody("x@example.com"), count: 201).joined(separator: ","))
            let answer = try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", json: tooMany)
            #expect(
                ((answer.body as? [String: Any])?["details"] as? [String])?.first
                    == "mailboxes: must hold at most 200 mailboxes, got 201")
            #expect(await sandbox.store.tenants.values.allSatisfy { $0.batches.isEmpty })
        }
    }

    @Test func unknownBatchIs404WithoutBody() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            for path in [
                "/rest/v2/mailboxes/manual_connection/bulk/424242/summary",
                "/rest/v2/mailboxes/manual_connection/bulk/abc/summary",
            ] {
                let answer = try await client.call(.get, path)
                #expect(answer.status == 404)
                #expect(answer.body == nil)
            }
        }
    }

    @Test func missingOrBlankKeysAre401() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            for key in [nil, "", "   "] as [String?] {
                let answer = try await client.call(.get, "/rest/v2/campaigns", key: key)
                #expect(answer.status == 401)
                let body = answer.body as? [String: Any]
                #expect(body?["title"] as? String == "Unauthorized")
                #expect(body?["detail"] as? String == "Invalid api key")
                #expect(body?["status"] as? Int == 401)
                #expect((body?["timestamp"] as? String)?.count == 19)
            }
            let saleshandy = try await client.call(.post, "/v1/email-accounts/connect", key: nil, json: "[]")
            #expect(saleshandy.status == 401)
            #expect((saleshandy.body as? [String: Any])?["message"] as? String == "Unauthorized")
            let unknown = try await client.call(.get, "/rest/v2/nothing-here")
            #expect(unknown.status == 404)
            #expect((unknown.body as? [String: Any])?["detail"] as? String == "Requested resource does not exist")
        }
    }
}
