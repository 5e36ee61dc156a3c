import Foundation
import HummingbirdTesting
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

/// A prospect stopped in one campaign (`add_prospects_campaign` with `update` and `status:
/// PAUSED`, docs/contract/inbox.md proposal 9): no step goes to it after the pause, `ACTIVE`
/// resumes it, the listing shows it, and `--data` keeps it.
@Suite struct ProspectPauseTests {
    let monday = "2025-01-06"

    @Test func aPausedProspectGetsNoStepAfterThePauseAndResumesWhenActiveAgain() throws {
        let day = 86_400.0
        let steps = [SendingStep(followupAfter: day), SendingStep(followupAfter: day), SendingStep()]
        let start = utc(monday, 10)
        let campaign = sendingCampaign(steps: steps, runs: runs(start))
        let prospect = try #require((1...500).first { isPlain(campaignID: 777_001, prospectID: $0, steps: 3) })
        // Paused an hour after step 1: nothing more, however late.
        var pauses = PauseHistory()
        pauses.paused(at: start + 3_600)
        let paused = SendingEnrolment(prospectID: prospect, enrolledAt: start, pauses: pauses)
        #expect(SendingRule.messages(campaign, [paused], now: start + 30 * day).map(\.sentAt) == [start])
        // Resumed two days later: step 2, due meanwhile, goes at the resumption; step 3 a day on.
        pauses.resumed(at: start + 3 * day)
        let resumed = SendingEnrolment(prospectID: prospect, enrolledAt: start, pauses: pauses)
        #expect(
            SendingRule.messages(campaign, [resumed], now: start + 30 * day).map(\.sentAt) == [
                start, start + 3 * day, start + 4 * day,
            ])
        // A pause that ended before step 2 fell due changes nothing.
        var brief = PauseHistory()
        brief.paused(at: start + 3_600)
        brief.resumed(at: start + 7_200)
        let unaffected = SendingEnrolment(prospectID: prospect, enrolledAt: start, pauses: brief)
        #expect(
            SendingRule.messages(campaign, [unaffected], now: start + 30 * day).map(\.sentAt) == [
                start, start + day, start + 2 * day,
            ])
        // Resumed outside the step's window: it waits for the window, as after a campaign pause.
        let weekdays = [
            SendingStep(followupAfter: day), SendingStep(schedule: schedule([0, 1, 2, 3, 4], "09:00", "17:00")),
        ]
        var weekend = PauseHistory()
        weekend.paused(at: start + 3_600)
        weekend.resumed(at: utc("2025-01-11", 12))  // a Saturday
        let waiting = SendingEnrolment(prospectID: prospect, enrolledAt: start, pauses: weekend)
        #expect(
            SendingRule.messages(sendingCampaign(steps: weekdays, runs: runs(start)), [waiting], now: start + 30 * day)
                .map(\.sentAt) == [start, utc("2025-01-13", 9)])
    }

    @Test func pausedIsAStatusInTheCampaignOnlyWithUpdate() async throws {
        // One rule for the client's checks and the sandbox.
        var paused = ProspectFields(email: "ann@example.com")
        paused.status = "PAUSED"
        let target = ProspectCampaignRequest.Target(campaign_id: 7)
        #expect(Validation.prospectCampaign(.init(campaign: target, prospects: [paused], update: true)).isEmpty)
        #expect(
            Validation.prospectCampaign(.init(campaign: target, prospects: [paused])).map(\.path) == [
                "prospects[0].status"
            ])
        #expect(
            Validation.prospectList(.init(prospects: [paused], update: true)).map(\.path) == ["prospects[0].status"])
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            _ = try await client.addToCampaign(campaign, [prospectJSON("ann@example.com")])
            let pause = prospectJSON("ann@example.com", ["status": "PAUSED"])
            // Without update, or into the database: that entry's E_WRONG_PARAM.
            #expect(
                try await client.addToCampaign(campaign, [pause]).entries.first?["code"] as? String == "E_WRONG_PARAM")
            #expect(
                try await client.addToList([pause], extra: #""update":true"#).entries.first?["code"] as? String
                    == "E_WRONG_PARAM")
            let updated = try await client.addToCampaign(campaign, [pause], extra: #""update":true"#)
            #expect(updated.entries.first?["status"] as? String == "UPDATED")
            // PAUSED in the campaign; the global status stays ACTIVE.
            let record = try #require(try await client.prospects("campaigns_details=true").records.first)
            #expect(record["status"] as? String == "ACTIVE")
            let detail = (record["campaigns_details"] as? [[String: Any]])?.first
            #expect(detail?["campaign_prospect_status"] as? String == "PAUSED")
            // ACTIVE again resumes it.
            let active = prospectJSON("ann@example.com", ["status": "ACTIVE"])
            _ = try await client.addToCampaign(campaign, [active], extra: #""update":true"#)
            let again = try #require(try await client.prospects("campaigns_id=\(campaign)").records.first)
            #expect(
                (again["campaigns_details"] as? [[String: Any]])?.first?["campaign_prospect_status"] as? String
                    == "ACTIVE")
            let tenant = try #require(await sandbox.store.tenants.values.first)
            #expect(tenant.enrolments[campaign]?[100001]?.pauses.periods.count == 1)
            #expect(tenant.enrolments[campaign]?[100001]?.pauses.isPaused == false)
        }
    }

    @Test func aPauseSurvivesARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wps-pause-\(UUID().uuidString).sqlite"
        )
        .path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sandbox = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        let campaign = try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            _ = try await client.addToCampaign(
                campaign, [prospectJSON("ann@example.com"), prospectJSON("bob@example.com")])
            _ = try await client.addToCampaign(
                campaign, [prospectJSON("ann@example.com", ["status": "PAUSED"])], extra: #""update":true"#)
            return campaign
        }
        let restarted = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        let tenant = try #require(await restarted.store.tenants.values.first)
        #expect(tenant.enrolments[campaign]?[100001]?.status == "PAUSED")
        #expect(tenant.enrolments[campaign]?[100001]?.pauses.isPaused == true)
        #expect(tenant.enrolments[campaign]?[100002]?.pauses.periods.isEmpty == true)
    }
}
