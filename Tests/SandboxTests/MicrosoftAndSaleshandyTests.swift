import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

@Suite struct MicrosoftAndSaleshandyTests {
    @Test func microsoftStatuses() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let ok = try await client.call(
                .post, "/rest/v2/mailboxes/microsoft/bulk",
                json:
                    #"{"auth_type":"APP_ONLY","accounts":[{"mailbox_email":"jim@example.com","display_name":"Jimothy H"}]}"#
            )
            #expect(ok.status == 201)
            let mixed = try await client.call(
                .post, "/rest/v2/mailboxes/microsoft/bulk",
                json:
                    #"{"credential_id":22334455,"accounts":[{"mailbox_email":"michael@example.com"},{"mailbox_email":"wrong@example.com","display_name":"Michael Scarn"}]}"#
            )
            #expect(mixed.status == 207)
            let items = try #require(mixed.body as? [[String: Any]])
            #expect(items[1]["error"] as? String == "WRONG_ALIAS")
            #expect(items[1]["id"] is NSNull && items[1]["deliverability"] is NSNull)
            for body in [
                "", "{", #"{"accounts":[]}"#, #"{"accounts":[{"mailbox_email":"not-an-email"}]}"#,
                #"{"auth_type":"DELEGATED","accounts":[{"mailbox_email":"a@example.com"}]}"#,
            ] {
                let answer = try await client.call(.post, "/rest/v2/mailboxes/microsoft/bulk", json: body)
                #expect(answer.status == 400, "\(body)")
                #expect(answer.body == nil, "\(body)")
            }
            let credential = try await client.call(
                .post, "/rest/v2/mailboxes/microsoft/bulk",
                json: #"{"credential_id":5,"accounts":[{"mailbox_email":"a@example.com"}]}"#)
            #expect(credential.status == 422)
            #expect((credential.body as? [String: Any])?["message"] as? String == "INVALID_CREDENTIAL_ID")
        }
    }

    @Test func saleshandyConnectStatusAndCSV() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let body =
                #"[{"emailServiceProvider":"gsuite","smtpEmailAddress":"john@example.com","smtpPassword":"p","smtpHost":"smtp.gmail.com","smtpPort":465,"imapEmailAddress":"john@example.com","imapPassword":"p","imapHost":"imap.gmail.com","imapPort":993},{"smtpEmailAddress":"jane@example.com","smtpPassword":"wrong","smtpHost":"smtp.gmail.com","smtpPort":465,"imapEmailAddress":"jane@example.com","imapPassword":"p","imapHost":"imap.gmail.com","imapPort":993}]"#
            let accepted = try await client.call(.post, "/v1/email-accounts/connect", json: body)
            #expect(accepted.status == 200)
            let id = try #require(
                ((accepted.body as? [String: Any])?["payload"] as? [String: Any])?["requestId"] as? String)
            let pending = try #require(
                ((try await client.call(.get, "/v1/email-accounts/connect/status/\(id)").body as? [String: Any])?[
                    "payload"]) as? [String: Any])
            #expect(pending["status"] as? String == "in-progress")
            await sandbox.store.advanceClock(by: .seconds(61))
            let done = try #require(
                ((try await client.call(.get, "/v1/email-accounts/connect/status/\(id)").body as? [String: Any])?[
                    "payload"]) as? [String: Any])
            #expect(done["status"] as? String == "completed")
            #expect(done["connected"] as? Int == 1 && done["failed"] as? Int == 1)
            let file = try #require(done["fileUrl"] as? String)
            let csv = try await client.execute(uri: file, method: .get, headers: [.init("x-api-key")!: "test-key"]) {
                String(buffer: $0.body)
            }
            #expect(
                csv
                    == "email,status,error\r\njohn@example.com,connected,\r\njane@example.com,failed,Authentication failed for jane@example.com\r\n"
            )

            let bearer = try await client.execute(
                uri: "/v1/email-accounts/connect/status/\(id)", method: .get,
                headers: [.authorization: "Bearer test-key"]
            ) { $0.status.code }
            #expect(bearer == 200)
            #expect(
                try await client.call(.get, "/v1/email-accounts/connect/status/\(id)", key: "another").status == 404)
            let invalid = try await client.call(
                .post, "/v1/email-accounts/connect", json: #"[{"smtpEmailAddress":"x"}]"#)
            #expect(invalid.status == 400)
            #expect(
                ((invalid.body as? [String: Any])?["message"] as? String)?.contains(
                    "[0].smtpEmailAddress: must be a valid email address") == true)
        }
    }
}
