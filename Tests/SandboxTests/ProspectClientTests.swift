import Foundation
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

/// The real `OutreachClient` against the sandbox over HTTP: what the sandbox answers on the v1
/// prospect paths is what the client's types decode.
@Suite struct ProspectClientTests {
    @Test func theClientAddsListsAndDecodesEveryAnswer() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let accounts = try await connectMailboxes(client, ["owner@example.com"])
            let campaign = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            var ann = ProspectFields(email: "ann@example.com")
            ann.first_name = "Ann"
            ann.snippets[9] = "nine"
            var bounced = ProspectFields(email: "bounced@example.com")
            bounced.status = "BOUNCED"
            let listed = try await client.send(Woodpecker.AddProspectsList(ProspectListRequest(prospects: [bounced])))
            #expect(listed.prospects.first?.id == 100001)
            let added = try await client.send(
                Woodpecker.AddProspectsCampaign(
                    ProspectCampaignRequest(
                        campaign: .init(campaign_id: campaign.id, send_after: "2025-04-01T00:01:01-0000"),
                        prospects: [ann, ProspectFields(email: "bounced@example.com"), ann])))
            #expect(added.status.code == "OK")
            #expect(added.prospects.map(\.id) == [100002, 100001, 100002])
            #expect(added.prospects[0].isRejected == false)
            #expect(added.prospects[1].code == "E_INV_STATUS")
            #expect(added.prospects[2].isDuplicate)

            let page = try await client.send(
                Woodpecker.ListProspects(ProspectQuery(per_page: 1, sort: "+email", campaigns_id: [campaign.id])))
            #expect(page.total == 1)
            let record = try #require(page.prospects.first)
            #expect(record.email == "ann@example.com")
            #expect(record.fields.first_name == "Ann")
            #expect(record.fields.snippets[9] == "nine")
            #expect(record.updated?.hasSuffix("+0000") == true)
            #expect(record.campaigns_details?.first?.campaign_id == campaign.id)
            #expect(record.campaigns_details?.first?.campaign_prospect_status == "ACTIVE")

            let empty = try await client.send(Woodpecker.ListProspects(ProspectQuery(page: 5)))
            #expect(empty.prospects.isEmpty)
            #expect(empty.total == 2)

            let missing = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.AddProspectsCampaign(
                        ProspectCampaignRequest(campaign: .init(campaign_id: 999), prospects: [ann])))
            }
            #expect(missing?.status == 400)
            #expect(missing?.shape == .v1Status)
            #expect(missing?.code == "E_RECORD_NOT_FOUND")
        }
    }
}
