import Foundation
import OutreachAPI
import Sandbox
import TestSupport
import Testing

/// Every API key is its own account: account B, using every id account A holds, gets the
/// documented not-found (or "not yours") answer at every id-taking endpoint, its lists never
/// show A's objects, and A's state is exactly the same afterwards.
@Suite struct TenantIsolationTests {
    /// What account A holds, as A itself sees it.
    struct Snapshot: Equatable {
        var campaign: Campaign
        var campaigns: [CampaignSummary]
        var mailboxes: [Mailbox]
        var batch: BatchSummary
        var saleshandy: SaleshandyConnectStatus
        var account: AccountInfo

        static func take(_ client: OutreachClient, campaign: Int, batch: Int, request: String) async throws -> Snapshot
        {
            Snapshot(
                campaign: try await client.send(Woodpecker.GetCampaign(id: campaign)),
                campaigns: try await client.send(Woodpecker.ListCampaigns()),
                mailboxes: try await client.send(Woodpecker.ListMailboxes()),
                batch: try await client.send(Woodpecker.GetBatchSummary(batchID: batch)),
                saleshandy: try await client.send(Saleshandy.GetConnectStatus(requestID: request)),
                account: try await client.send(Woodpecker.GetAccountInfo()))
        }
    }

    static let saleshandyAccount = SaleshandyEmailAccount(
        emailServiceProvider: "gsuite", fromFirstName: "Ann", fromLastName: "A", smtpEmailAddress: "sh-a@example.com",
        smtpUserName: "sh-a@example.com", smtpPassword: "pw", smtpHost: "smtp.gmail.com", smtpPort: 465,
        smtpEncryption: "ssl",
        imapEmailAddress: "sh-a@example.com", imapUserName: "sh-a@example.com", imapPassword: "pw",
        imapHost: "imap.gmail.com",
        imapPort: 993, imapEncryption: "ssl")

    @Test func anotherAccountCannotSeeOrChangeAnythingByID() async throws {
        try await SandboxHarness.with { harness in
            let a = harness.client(key: "tenant-a-key")
            let b = harness.client(key: "tenant-b-key")

            // Account A: manual mailboxes (a batch), a Microsoft mailbox, a campaign, a Saleshandy request.
            let accepted = try await a.send(
                Woodpecker.SubmitManualBatch(
                    ManualBulkRequest(mailboxes: [mailbox("a1@example.com"), mailbox("a2@example.com")])))
            _ = try await waitForBatch(a, accepted.batch_id)
            let microsoft = try await a.send(
                Woodpecker.ConnectMicrosoftMailboxes(
                    .init(accounts: [MicrosoftAccount(mailbox_email: "ms-a@example.com")])))
            #expect(microsoft.map(\.success) == [true])
            let aMailboxes = try await a.send(Woodpecker.ListMailboxes())
            #expect(aMailboxes.count == 5)  // 2 × (SMTP + IMAP) + 1 Microsoft
            let smtpIDs = aMailboxes.filter { $0.type == "SMTP" }.map(\.id)
            let campaign = try await a.send(
                Woodpecker.CreateCampaign(draft(accounts: smtpIDs, name: "A's secret campaign")))
            let steps = campaign.steps.path
            let email = try #require(steps.last { $0.body != nil })
            let version = try #require(email.body?.versions.first?.id)
            let stepID = try #require(email.id)
            let connect = try await a.send(Saleshandy.ConnectEmailAccounts([Self.saleshandyAccount]))
            let request = connect.payload.requestId
            var status = try await a.send(Saleshandy.GetConnectStatus(requestID: request))
            try await waitUntil("the connect request to complete") {
                if status.payload.isCompleted { return true }
                status = try await a.send(Saleshandy.GetConnectStatus(requestID: request))
                return status.payload.isCompleted
            }
            let before = try await Snapshot.take(a, campaign: campaign.id, batch: accepted.batch_id, request: request)

            // Account B, with A's ids.
            func expectCampaignNotFound(_ what: String, _ body: () async throws -> Void) async {
                let error = await expectAPIError(body)
                #expect(error?.status == 404, "\(what)")
                #expect(error?.code == "CAMPAIGN_NOT_EXIST", "\(what)")
            }
            await expectCampaignNotFound("GET campaign") {
                _ = try await b.send(Woodpecker.GetCampaign(id: campaign.id))
            }
            await expectCampaignNotFound("PATCH campaign") {
                _ = try await b.send(Woodpecker.UpdateCampaign(id: campaign.id, CampaignPatch(name: "taken over")))
            }
            for action in Woodpecker.CampaignAction.Action.allCases {
                await expectCampaignNotFound("POST \(action.rawValue)") {
                    _ = try await b.send(Woodpecker.CampaignAction(id: campaign.id, action: action))
                }
            }
            await expectCampaignNotFound("PATCH version") {
                _ = try await b.send(
                    Woodpecker.UpdateVersion(
                        campaignID: campaign.id, stepID: stepID, versionID: version, VersionPatch(subject: "pwned")))
            }
            await expectCampaignNotFound("POST steps") {
                _ = try await b.send(
                    Woodpecker.AddStep(
                        campaignID: campaign.id, NewStepRequest(parent_id: stepID, step: emailStep(subject: "x"))))
            }
            for step in steps.compactMap(\.id) {
                await expectCampaignNotFound("DELETE step") {
                    _ = try await b.send(Woodpecker.DeleteStep(campaignID: campaign.id, stepID: step))
                }
            }
            await expectCampaignNotFound("DELETE campaign") {
                _ = try await b.send(Woodpecker.DeleteCampaign(id: campaign.id))
            }

            let batch = await expectAPIError {
                _ = try await b.send(Woodpecker.GetBatchSummary(batchID: accepted.batch_id))
            }
            #expect(batch?.status == 404)
            for mailbox in aMailboxes {
                let missing = await expectAPIError { _ = try await b.send(Woodpecker.GetMailbox(id: mailbox.id)) }
                #expect(missing?.status == 404, "mailbox \(mailbox.id)")
                #expect(missing?.message == "Requested resource does not exist")
            }
            let shStatus = await expectAPIError {
                _ = try await b.send(Saleshandy.GetConnectStatus(requestID: request))
            }
            #expect(shStatus?.status == 404)
            #expect(shStatus?.message == "Request not found")
            let csv = try await harness.transport.send(
                PreparedRequest(
                    method: .get,
                    url: harness.sandbox.baseURL(for: .saleshandy)
                        + "/email-accounts/connect/status/\(request)/results.csv",
                    headers: [("x-api-key", "tenant-b-key")], body: nil, endpoint: "GET results.csv"),
                timeout: .seconds(60))
            #expect(csv.status == 404)
            #expect(!String(decoding: csv.body, as: UTF8.self).contains("sh-a@example.com"))

            // A's email account ids are not B's: campaigns refuse them (409, "not an active mailbox of this account").
            let refused = await expectAPIError {
                _ = try await b.send(Woodpecker.CreateCampaign(draft(accounts: smtpIDs)))
            }
            #expect(refused?.status == 409)
            #expect(refused?.message?.contains("is not an active mailbox of this account") == true)
            let bMailboxIDs = try await connectMailboxes(b, ["b1@example.com"])
            let bCampaign = try await b.send(
                Woodpecker.CreateCampaign(draft(accounts: bMailboxIDs, name: "B's campaign")))
            let patched = await expectAPIError {
                _ = try await b.send(
                    Woodpecker.UpdateCampaign(id: bCampaign.id, CampaignPatch(email_account_ids: smtpIDs)))
            }
            #expect(patched?.status == 409)

            // A's emails mean nothing in B: the same mailboxes connect afresh (no 409 naming A's batch),
            // and the same Microsoft mailbox is not "already connected".
            let again = try await b.send(
                Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("a1@example.com")])))
            #expect(again.batch_id != accepted.batch_id)
            _ = try await waitForBatch(b, again.batch_id)
            let msAgain = try await b.send(
                Woodpecker.ConnectMicrosoftMailboxes(
                    .init(accounts: [MicrosoftAccount(mailbox_email: "ms-a@example.com")])))
            #expect(msAgain.map(\.success) == [true])

            // B's lists hold B's objects only.
            let bCampaigns = try await b.send(Woodpecker.ListCampaigns())
            #expect(bCampaigns.map(\.id) == [bCampaign.id])
            let bMailboxes = try await b.send(Woodpecker.ListMailboxes())
            #expect(Set(bMailboxes.map(\.id)).isDisjoint(with: aMailboxes.map(\.id)))
            #expect(
                bMailboxes.filter { $0.type == "SMTP" }.map(\.details.email).sorted() == [
                    "a1@example.com", "b1@example.com", "ms-a@example.com",
                ])
            #expect(try await b.send(Woodpecker.GetAccountInfo()).id != before.account.id)

            // A's state is unchanged by all of it.
            let after = try await Snapshot.take(a, campaign: campaign.id, batch: accepted.batch_id, request: request)
            #expect(after == before)
            #expect(after.campaign.name == "A's secret campaign")
        }
    }

    @Test func aFreshAccountSeesEmptyLists() async throws {
        try await SandboxHarness.with { harness in
            let a = harness.client(key: "tenant-a-key")
            _ = try await connectMailboxes(a, ["lists-a@example.com"])
            let ids = try await a.send(Woodpecker.ListMailboxes()).filter { $0.type == "SMTP" }.map(\.id)
            _ = try await a.send(Woodpecker.CreateCampaign(draft(accounts: ids)))
            let b = harness.client(key: "tenant-b-key")
            #expect(try await b.send(Woodpecker.ListCampaigns()).isEmpty)
            #expect(try await b.send(Woodpecker.ListMailboxes()).isEmpty)
            // keys differing only in case or surrounding text are different accounts too
            #expect(try await harness.client(key: "TENANT-A-KEY").send(Woodpecker.ListCampaigns()).isEmpty)
            #expect(try await harness.client(key: "tenant-a-key2").send(Woodpecker.ListMailboxes()).isEmpty)
        }
    }
}
