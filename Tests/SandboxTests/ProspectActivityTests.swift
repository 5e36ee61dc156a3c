import Foundation
import HTTPTypes
import HummingbirdTesting
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

/// What sending does to prospects shows in `GET /rest/v1/prospects`: the statuses, dates,
/// filters and campaign details follow from the same messages the reports count.
@Suite struct ProspectActivityTests {
    /// A running two-step campaign (any day, any time) on a connected mailbox: its id.
    func runningCampaign(_ client: some TestClientProtocol, _ sandbox: TestSandbox, account: Int) async throws -> Int {
        let created = try await client.call(.post, "/rest/v2/campaigns", json: reportCampaignBody(account: account))
        let id = try #require((created.body as? [String: Any])?["id"] as? Int)
        #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/run").status == 200)
        return id
    }

    /// The one row of a READY `campaigns` report over the last six days, for `campaign`.
    func campaignRow(_ client: some TestClientProtocol, _ sandbox: TestSandbox, _ campaign: Int) async throws
        -> [String: Any]
    {
        let from = await sandboxDate(sandbox.store, plus: -6)
        let today = await sandboxDate(sandbox.store)
        let asked = try await client.call(.post, "/rest/v2/reports/campaigns", json: periodJSON(from, today))
        let hash = try #require((asked.body as? [String: Any])?["hash"] as? String)
        await sandbox.store.advanceClock(by: .seconds(61))
        let answer = try await client.call(.get, "/rest/v2/reports/\(hash)")
        let report = try #require((answer.body as? [String: Any])?["report"] as? [String: Any])
        let rows = try #require(report["data"] as? [[String: Any]])
        return try #require(rows.first { $0["id"] as? Int == campaign }, "\(rows)")
    }

    @Test func statusesDatesAndFiltersFollowFromWhatTheCampaignSent() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            let account = try await connectedAccount(client, sandbox, roomy: true)
            let id = try await runningCampaign(client, sandbox, account: account)
            #expect(try await client.addToCampaign(id, numberedProspects(400)).status == 200)
            await sandbox.store.advanceClock(by: .seconds(2 * 86_400))  // every step and event has happened
            let row = try await campaignRow(client, sandbox, id)
            func total(_ query: String) async throws -> Int {
                let answer = try await client.prospects(query)
                return answer.status == 204 ? 0 : try #require(answer.total)
            }
            let contacted = try #require(row["contacted_prospects"] as? Int)
            #expect(contacted == 400)
            #expect(try await total("contacted=true") == contacted)
            #expect(try await total("contacted=false") == 0)
            #expect(try await total("status=BOUNCED") == row["bounced"] as? Int)
            #expect(try await total("activity=OPENED") == row["opened"] as? Int)
            #expect(try await total("activity=CLICKED") == row["clicked"] as? Int)
            // A reply makes a prospect REPLIED, unless it opted out (BLACKLIST) first.
            let responded = try #require(row["responded"] as? Int)
            let optedOut = try #require(row["opt_out"] as? Int)
            let replied = try await total("status=REPLIED")
            let blacklisted = try await total("status=BLACKLIST")
            #expect(replied > 0 && replied <= responded && blacklisted <= optedOut)
            #expect(replied + blacklisted >= responded && replied + blacklisted <= responded + optedOut)
            #expect(
                try await total("status=ACTIVE") + replied + blacklisted + total("status=BOUNCED") == 400)
            let interested = try await total("interested=INTERESTED")
            #expect(interested > 0 && interested <= (row["interested"] as? Int ?? 0))

            // The records carry the dates and, per campaign, the status and interest sending gave.
            let page = try await client.prospects("status=REPLIED&campaigns_details=true&per_page=1000")
            #expect(page.records.count == replied)
            for record in page.records {
                #expect(record["last_contacted"] is String && record["last_replied"] is String)
                let details = try #require((record["campaigns_details"] as? [[String: Any]])?.first)
                #expect(details["campaign_prospect_status"] as? String == "REPLIED")
                #expect(["INTERESTED", "MAYBE_LATER", "NOT_INTERESTED"].contains(details["interested"] as? String))
            }
            // Sorting by what happened: most mails first, only with the activity filter.
            let byMails = try await client.prospects("activity=OPENED&sort=-sent_mails,-last_opened&per_page=1000")
            #expect(byMails.records.count == row["opened"] as? Int)
            // The stored prospect keeps what the import gave: an update still sees it ACTIVE.
            let stored = try await client.prospects("status=ACTIVE&per_page=1")
            #expect(stored.status == 200)
        }
    }

    @Test func aProspectStoppedByOneCampaignIsNotWrittenToByAnother() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            let account = try await connectedAccount(client, sandbox, roomy: true)
            let first = try await runningCampaign(client, sandbox, account: account)
            #expect(try await client.addToCampaign(first, numberedProspects(300)).status == 200)
            await sandbox.store.advanceClock(by: .seconds(2 * 86_400))
            let stillActive = try #require(try await client.prospects("status=ACTIVE").total)
            #expect(stillActive < 300)
            // The second campaign starts after the first has stopped some: it writes to the others only.
            let second = try await runningCampaign(client, sandbox, account: account)
            #expect(try await client.addToCampaign(second, numberedProspects(300)).status == 200)
            await sandbox.store.advanceClock(by: .seconds(2 * 86_400))
            let row = try await campaignRow(client, sandbox, second)
            #expect(row["contacted_prospects"] as? Int == stillActive)
            // The first campaign's numbers are what they were.
            let firstRow = try await campaignRow(client, sandbox, first)
            #expect(firstRow["contacted_prospects"] as? Int == 300)
        }
    }

    /// A prospect whose global status the sandbox's own sending made `REPLIED` or `BOUNCED` (its
    /// stored status still `ACTIVE`) is refused by another campaign without `force`, as a stored
    /// `REPLIED` or `BOUNCED` is; with `force` it is admitted.
    @Test func aProspectSendingMadeRepliedOrBouncedIsRefusedWithoutForce() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            let account = try await connectedAccount(client, sandbox, roomy: true)
            let first = try await runningCampaign(client, sandbox, account: account)
            #expect(try await client.addToCampaign(first, numberedProspects(300)).status == 200)
            await sandbox.store.advanceClock(by: .seconds(2 * 86_400))
            func emails(_ status: String) async throws -> [String] {
                try await client.prospects("status=\(status)&per_page=1000").records.compactMap {
                    $0["email"] as? String
                }
            }
            let replied = try #require(try await emails("REPLIED").first)
            let bounced = try #require(try await emails("BOUNCED").first)
            let active = try #require(try await emails("ACTIVE").first)
            let second = try await sandboxCampaign(client, sandbox)
            let refused = try await client.addToCampaign(second, [replied, bounced, active].map { prospectJSON($0) })
            #expect(refused.status == 200)
            let entries = refused.entries
            #expect(entries.count == 3)
            #expect(entries[0]["code"] as? String == "E_INV_STATUS")
            #expect((entries[0]["msg"] as? String)?.contains("status is REPLIED") == true, "\(entries[0])")
            #expect(entries[0]["id"] is Int)
            #expect(entries[1]["code"] as? String == "E_INV_STATUS")
            #expect((entries[1]["msg"] as? String)?.contains("status is BOUNCED") == true, "\(entries[1])")
            #expect(entries[2]["code"] == nil && entries[2]["id"] is Int)
            let enrolled = try await client.prospects("campaigns_id=\(second)").records.compactMap {
                $0["email"] as? String
            }
            #expect(enrolled == [active])
            // force admits them, and leaves their status as it is.
            let forced = try await client.addToCampaign(
                second, [replied, bounced].map { prospectJSON($0) }, extra: #""force":true"#)
            #expect(forced.entries.allSatisfy { $0["code"] == nil })
            #expect(try await client.prospects("campaigns_id=\(second)").total == 3)
            #expect(try await emails("REPLIED").contains(replied))
        }
    }
}
