import Foundation
import HummingbirdTesting
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

@Suite struct ReportPersistenceTests {
    @Test func aReadyReportAndTheRunHistorySurviveARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wps-sandbox-\(UUID().uuidString).sqlite"
        ).path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sandbox = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        let (campaignID, hash, pendingHash, text) = try await sandbox.app.test(.live) { client in
            let account = try await connectedAccount(client, sandbox, roomy: true)
            let created = try await client.call(.post, "/rest/v2/campaigns", json: reportCampaignBody(account: account))
            let id = try #require((created.body as? [String: Any])?["id"] as? Int)
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/run").status == 200)
            let now = await sandbox.store.clock.now
            try await sandbox.store.setEnrolmentsForTesting(
                key: "test-key", campaignID: id, (1...30).map { SendingEnrolment(prospectID: $0, enrolledAt: now) })
            await sandbox.store.advanceClock(by: .seconds(2 * 3_600))
            // From yesterday: the two hours may run over midnight (UTC), whatever the wall clock says.
            let from = await sandboxDate(sandbox.store, plus: -1)
            let today = await sandboxDate(sandbox.store)
            let hash = try #require(
                (try await client.call(.post, "/rest/v2/reports/campaigns", json: periodJSON(from, today)).body
                    as? [String: Any])?["hash"] as? String)
            await sandbox.store.advanceClock(by: .seconds(61))
            let ready = try await client.raw("/rest/v2/reports/\(hash)")
            #expect(ready.text.contains(#""contacted_prospects":30"#))
            let pending = try #require(
                (try await client.call(.post, "/rest/v2/reports/messages", json: periodJSON(today, today)).body
                    as? [String: Any])?["hash"] as? String)
            return (id, hash, pending, ready.text)
        }
        // A new store, whose clock starts again from the wall clock; no enrolments are given.
        let restarted = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        try await restarted.app.test(.live) { client in
            // The ready report is kept as it was, without being computed again.
            #expect(try await client.raw("/rest/v2/reports/\(hash)").text == text)
            #expect(try await client.call(.get, "/rest/v2/reports/\(hash)", key: "someone-else").status == 404)
            // The one still in progress is still known.
            let pending = try await client.call(.get, "/rest/v2/reports/\(pendingHash)")
            #expect(pending.body as? [String: String] == ["status": "IN_PROGRESS"])
            let history = await restarted.store.tenants[SandboxStore.tenantID(for: "test-key")]?.campaignRuns[
                campaignID]
            #expect(history?.isRunning == true && history?.periods.count == 1)
        }
    }

    @Test func stateWrittenBeforeReportsStillLoads() throws {
        let old = #"""
            {"number":1,"credentialID":22334455,"isFreePlan":false,"mailboxes":{},"mailboxOrder":[],"batches":{},
             "campaigns":{},"campaignOrder":[],"connectRequests":{}}
            """#
        let state = try JSONCoding.decode(TenantState.self, from: Data(old.utf8))
        #expect(state.reports.isEmpty && state.campaignRuns.isEmpty)
        // And the new fields round-trip.
        var changed = state
        changed.recordRunning(7, true, at: 100)
        changed.reports["h"] = ReportRecord(
            hash: "h", kind: .open_rate, period: ReportPeriod(from: "2025-01-01", to: "2025-01-02"), requestedAt: 1,
            readyAt: 2, rows: [[.number(1), .string("x")]])
        let decoded = try JSONCoding.decode(TenantState.self, from: try JSONCoding.encode(changed))
        #expect(decoded.reports == changed.reports && decoded.campaignRuns == changed.campaignRuns)
    }
}
