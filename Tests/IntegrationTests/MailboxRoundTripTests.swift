import OutreachAPI
import Sandbox
import TestSupport
import Testing

@Suite struct MailboxRoundTripTests {
    @Test func manualBatchIsAcceptedProcessedAndListed() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accepted = try await client.send(
                Woodpecker.SubmitManualBatch(
                    ManualBulkRequest(
                        mailboxes: [
                            mailbox("ok@example.com"),
                            mailbox("cond@example.com", imap: "imap.bad.invalid"),
                            mailbox("fail@example.com", smtp: "smtp.bad.invalid"),
                            mailbox("auth@example.com", password: "wrong"),
                        ], completion_notification_types: [.mail])))
            let summary = try await waitForBatch(client, accepted.batch_id)
            #expect(summary.batch_size == 4)
            #expect(summary.pending_mailboxes_count == 0)
            #expect(summary.connected_mailboxes_count == 1)
            #expect(summary.conditionally_connected_mailboxes_count == 1)
            #expect(summary.conditionally_connected_mailboxes.map(\.smtp_email) == ["cond@example.com"])
            #expect(Set(summary.failed_mailboxes.map(\.smtp_email)) == ["fail@example.com", "auth@example.com"])
            #expect(
                summary.failed_mailboxes.first { $0.smtp_email == "fail@example.com" }?.error_message?.contains(
                    "smtp.bad.invalid") == true)

            let mailboxes = try await client.send(Woodpecker.ListMailboxes())
            let smtp = mailboxes.filter { $0.type == "SMTP" }
            #expect(Set(smtp.map(\.details.email)) == ["ok@example.com", "cond@example.com"])
            let conditional = try #require(smtp.first { $0.details.email == "cond@example.com" })
            #expect(conditional.details.error != nil)
            let twinID = try #require(conditional.details.imap_id)
            let twin = try await client.send(Woodpecker.GetMailbox(id: twinID))
            #expect(twin.type == "IMAP")
            #expect(try await client.send(Woodpecker.GetMailbox(id: conditional.id)) == conditional)
        }
    }

    @Test func manualBatchErrors() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            // 400 from the server's own rules (client-side validation bypassed).
            let invalid = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [])), validate: false)
            }
            #expect(invalid?.status == 400)
            #expect(invalid?.code == "VALIDATION_FAILURE")
            #expect(invalid?.shape == .codeDetails)

            var broken = mailbox("x@example.com")
            broken.smtp_port = 70000
            let portError = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [broken])), validate: false)
            }
            #expect(portError?.details.contains { $0.contains("mailboxes[0].smtp_port") } == true)

            // 409 for a mailbox already pending or connected.
            _ = try await client.send(
                Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("dup@example.com")])))
            let conflict = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("dup@example.com")])))
            }
            #expect(conflict?.status == 409)
            #expect(conflict?.details.contains { $0.contains("dup@example.com") } == true)

            // 404 with no body for an unknown batch.
            let missing = await expectAPIError {
                _ = try await client.send(Woodpecker.GetBatchSummary(batchID: 999_999))
            }
            #expect(missing?.status == 404)
            #expect(missing?.shape == ErrorShape.none)

            let unknownMailbox = await expectAPIError { _ = try await client.send(Woodpecker.GetMailbox(id: 999_999)) }
            #expect(unknownMailbox?.status == 404)
        }
    }

    @Test func microsoftMailboxes() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let all = try await client.send(
                Woodpecker.ConnectMicrosoftMailboxes(
                    MicrosoftBulkRequest(accounts: [
                        MicrosoftAccount(mailbox_email: "jim@example.com", display_name: "Jimothy H")
                    ])))
            #expect(all.count == 1)
            #expect(all[0].success)
            #expect(all[0].id != nil)
            #expect(all[0].deliverability == .init(spf_correct: true, dkim_correct: true))

            let mixed = try await client.send(
                Woodpecker.ConnectMicrosoftMailboxes(
                    MicrosoftBulkRequest(accounts: [
                        MicrosoftAccount(mailbox_email: "michael@example.com"),
                        MicrosoftAccount(mailbox_email: "wrong.alias@example.com"),
                    ])))
            #expect(mixed.map(\.success) == [true, false])
            #expect(mixed[1].error == "WRONG_ALIAS")
            #expect(mixed[1].id == nil)

            let badCredential = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.ConnectMicrosoftMailboxes(
                        MicrosoftBulkRequest(
                            credential_id: 1, accounts: [MicrosoftAccount(mailbox_email: "a@example.com")])))
            }
            #expect(badCredential?.status == 422)
            #expect(badCredential?.code == "INVALID_CREDENTIAL_ID")

            let empty = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.ConnectMicrosoftMailboxes(MicrosoftBulkRequest(accounts: [])), validate: false)
            }
            #expect(empty?.status == 400)
            #expect(empty?.shape == ErrorShape.none)

            let unauthorized = await expectAPIError {
                _ = try await harness.client(key: " ").send(
                    Woodpecker.ConnectMicrosoftMailboxes(
                        MicrosoftBulkRequest(accounts: [MicrosoftAccount(mailbox_email: "a@example.com")])))
            }
            #expect(unauthorized?.status == 401)
            #expect(unauthorized?.shape == .problem)
            #expect(unauthorized?.message == "Invalid api key")

            let accounts = try await client.send(Woodpecker.ListMailboxes())
            #expect(accounts.contains { $0.details.email == "jim@example.com" })
        }
    }

    @Test func accountInfo() async throws {
        try await SandboxHarness.with { harness in
            let me = try await harness.client().send(Woodpecker.GetAccountInfo())
            let other = try await harness.client(key: "someone-else").send(Woodpecker.GetAccountInfo())
            #expect(me.id != other.id)
        }
    }

    @Test func saleshandyConnectAndStatus() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let account = SaleshandyEmailAccount(
                emailServiceProvider: "gsuite", fromFirstName: "John", fromLastName: "Snow",
                smtpEmailAddress: "john@example.com",
                smtpUserName: "john@example.com", smtpPassword: "pw", smtpHost: "smtp.gmail.com", smtpPort: 465,
                smtpEncryption: "ssl",
                imapEmailAddress: "john@example.com", imapUserName: "john@example.com", imapPassword: "pw",
                imapHost: "imap.gmail.com",
                imapPort: 993, imapEncryption: "ssl")
            var failing = account
            failing.smtpEmailAddress = "jane@example.com"
            failing.imapEmailAddress = "jane@example.com"
            failing.smtpHost = "smtp.nowhere.invalid"
            let accepted = try await client.send(Saleshandy.ConnectEmailAccounts([account, failing]))
            let id = accepted.payload.requestId
            #expect(accepted.message.contains(id))
            var status = try await client.send(Saleshandy.GetConnectStatus(requestID: id))
            try await waitUntil("the connect request to complete") {
                if status.payload.isCompleted { return true }
                status = try await client.send(Saleshandy.GetConnectStatus(requestID: id))
                return status.payload.isCompleted
            }
            #expect(status.payload.isCompleted)
            #expect(status.payload.connected == 1)
            #expect(status.payload.failed == 1)
            #expect(status.payload.accounts?.count == 2)
            #expect(status.payload.fileUrl != nil)

            let missing = await expectAPIError {
                _ = try await client.send(Saleshandy.GetConnectStatus(requestID: "nope"))
            }
            #expect(missing?.status == 404)
            #expect(missing?.shape == .message)
            let invalid = await expectAPIError {
                _ = try await client.send(Saleshandy.ConnectEmailAccounts([]), validate: false)
            }
            #expect(invalid?.status == 400)
        }
    }
}
