import Foundation
import HTTPTypes
import HummingbirdTesting
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

/// A campaign of two steps, one hour apart, that may send at any time of any day (UTC).
func reportCampaignBody(account: Int) -> String {
    let everyDay = Weekday.known.map { #""\#($0.rawValue)":[{"from":"00:00","to":"00:00"}]"# }.joined(separator: ",")
    let version = #"{"subject":"Hi","message":"<p>Hi</p>","signature":"SENDER","track_opens":true}"#
    return #"{"name":"Reports","email_account_ids":[\#(account)],"settings":{"timezone":"UTC","daily_enroll":1000},"#
        + #""steps":{"type":"START","followup":{"type":"EMAIL","delivery_time":{\#(everyDay)},"#
        + #""body":{"versions":[\#(version)]},"followup_after":{"range":"HOUR","value":1},"#
        + #""followup":{"type":"EMAIL","delivery_time":{\#(everyDay)},"body":{"versions":[\#(version)]}}}}}"#
}

/// The sandbox clock's UTC date, `days` after today.
func sandboxDate(_ store: SandboxStore, plus days: Int = 0) async -> String {
    let now = await store.clock.now
    return Validation.date(ofDay: Int((now / 86_400).rounded(.down)) + days)
}

/// A period body `{"from": …, "to": …}`.
func periodJSON(_ from: String, _ to: String) -> String { #"{"from":"\#(from)","to":"\#(to)"}"# }

extension TestClientProtocol {
    /// A GET's status and raw body text.
    func raw(_ path: String, key: String = "test-key") async throws -> (status: Int, text: String) {
        try await execute(uri: path, method: .get, headers: [HTTPField.Name("x-api-key")!: key]) { response in
            (Int(response.status.code), String(decoding: response.body.readableBytesView, as: UTF8.self))
        }
    }
}

@Suite struct ReportRouteTests {
    /// A running campaign with `prospects` enrolled now, on the account of `test-key`: its id.
    func runningCampaign(_ client: some TestClientProtocol, _ sandbox: TestSandbox, prospects: Int) async throws
        -> Int
    {
        let account = try await connectedAccount(client, sandbox, roomy: true)
        let created = try await client.call(.post, "/rest/v2/campaigns", json: reportCampaignBody(account: account))
        let id = try #require((created.body as? [String: Any])?["id"] as? Int)
        #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/run").status == 200)
        let now = await sandbox.store.clock.now
        try await sandbox.store.setEnrolmentsForTesting(
            key: "test-key", campaignID: id,
            (1...prospects).map { SendingEnrolment(prospectID: 500 + $0, enrolledAt: now) })
        return id
    }

    @Test func aReportIsInProgressThenReadyAndKept() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            let id = try await runningCampaign(client, sandbox, prospects: 40)
            await sandbox.store.advanceClock(by: .seconds(2 * 3_600))  // both steps have gone out
            let from = await sandboxDate(sandbox.store, plus: -2)
            let today = await sandboxDate(sandbox.store)
            let asked = try await client.call(.post, "/rest/v2/reports/campaigns", json: periodJSON(from, today))
            #expect(asked.status == 200)
            let hash = try #require((asked.body as? [String: Any])?["hash"] as? String)
            #expect(hash.count == 64 && hash.allSatisfy { "0123456789abcdef".contains($0) })
            // Each request has its own hash.
            let again = try await client.call(.post, "/rest/v2/reports/campaigns", json: periodJSON(from, today))
            #expect((again.body as? [String: Any])?["hash"] as? String != hash)

            let pending = try await client.call(.get, "/rest/v2/reports/\(hash)")
            #expect(pending.status == 200)
            #expect(pending.body as? [String: String] == ["status": "IN_PROGRESS"])
            await sandbox.store.advanceClock(by: .seconds(61))
            let ready = try await client.raw("/rest/v2/reports/\(hash)")
            #expect(ready.status == 200)
            let body = try #require(
                try JSONSerialization.jsonObject(with: Data(ready.text.utf8)) as? [String: Any])
            #expect(body["status"] as? String == "READY")
            let report = try #require(body["report"] as? [String: Any])
            #expect(report["description"] as? String == "General_statistics_per_campaign_\(from)-\(today)")
            let rows = try #require(report["data"] as? [[String: Any]])
            #expect(rows.count == 1)
            let row = try #require(rows.first)
            #expect(row["id"] as? Int == id && row["status"] as? String == "RUNNING")
            #expect(row["sent_from"] as? String == "acct-yek-tset@example.com")
            #expect(row["contacted_prospects"] as? Int == 40)
            #expect((row["delivered"] as? Int ?? 0) + (row["bounced"] as? Int ?? 0) == 40)
            // Keys in the documents' order.
            let data = ready.text[(ready.text.range(of: "\"data\":")?.upperBound ?? ready.text.startIndex)...]
            let positions = ReportKind.campaigns.columns.compactMap { data.range(of: "\"\($0)\":")?.lowerBound }
            #expect(positions.count == ReportKind.campaigns.columns.count && positions == positions.sorted())
            // Computed once: later sending does not change it.
            await sandbox.store.advanceClock(by: .seconds(3 * 86_400))
            #expect(try await client.raw("/rest/v2/reports/\(hash)").text == ready.text)
        }
    }

    @Test func everyReportKindHasItsDescriptionAndColumns() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            _ = try await runningCampaign(client, sandbox, prospects: 20)
            await sandbox.store.advanceClock(by: .seconds(2 * 3_600))
            let from = await sandboxDate(sandbox.store, plus: -1)
            let today = await sandboxDate(sandbox.store)
            var hashes: [ReportKind: String] = [:]
            for kind in ReportKind.allCases {
                let asked = try await client.call(
                    .post, "/rest/v2/reports/\(kind.rawValue)", json: periodJSON(from, today))
                hashes[kind] = try #require((asked.body as? [String: Any])?["hash"] as? String)
            }
            await sandbox.store.advanceClock(by: .seconds(61))
            for kind in ReportKind.allCases {
                let answer = try await client.call(.get, "/rest/v2/reports/\(hashes[kind] ?? "")")
                let report = try #require((answer.body as? [String: Any])?["report"] as? [String: Any])
                #expect(report["description"] as? String == "\(kind.descriptionName)_\(from)-\(today)")
                let rows = try #require(report["data"] as? [[String: Any]])
                #expect(!rows.isEmpty)
                #expect(rows.allSatisfy { Set($0.keys) == Set(kind.columns) })
                if kind == .messages {
                    // Step 1 to all 20; step 2 to those step 1 did not bounce, reply to or opt out.
                    #expect(rows.first?["sent"] as? Int == 20 && rows.first?["path"] as? String == "main")
                }
            }
        }
    }

    @Test func anotherAccountsOrAnUnknownHashIsNotFound() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            let today = await sandboxDate(sandbox.store)
            let asked = try await client.call(.post, "/rest/v2/reports/messages", json: periodJSON(today, today))
            let hash = try #require((asked.body as? [String: Any])?["hash"] as? String)
            await sandbox.store.advanceClock(by: .seconds(61))
            for (path, key) in [
                ("/rest/v2/reports/\(hash)", "someone-else"),
                ("/rest/v2/reports/\(String(repeating: "0", count: 64))", "test-key"),
            ] {
                let answer = try await client.call(.get, path, key: key)
                #expect(answer.status == 404)
                let body = try #require(answer.body as? [String: Any])
                #expect(body["status"] as? Int == 404 && body["title"] as? String == "Not Found")
                #expect(body["timestamp"] is String)
            }
            // The owner still gets it, with no data (nothing was sent).
            let own = try await client.call(.get, "/rest/v2/reports/\(hash)")
            #expect(((own.body as? [String: Any])?["report"] as? [String: Any])?["data"] as? [Any] != nil)
            // An unknown report type, or no key.
            #expect(
                try await client.call(.post, "/rest/v2/reports/bogus", json: periodJSON(today, today)).status == 404)
            #expect(
                try await client.call(.post, "/rest/v2/reports/campaigns", key: nil, json: periodJSON(today, today))
                    .status == 401)
        }
    }

    @Test func eachDateRuleAnswers400NamingTheField() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            let today = await sandboxDate(sandbox.store)
            let yesterday = await sandboxDate(sandbox.store, plus: -1)
            let tomorrow = await sandboxDate(sandbox.store, plus: 1)
            let oldest = await sandboxDate(sandbox.store, plus: -29)
            let tooOld = await sandboxDate(sandbox.store, plus: -30)
            let cases: [(body: String, detail: String)] = [
                (periodJSON("2025-1-01", today), "from: must be a date YYYY-MM-DD, got '2025-1-01'"),
                (periodJSON(today, "soon"), "to: must be a date YYYY-MM-DD, got 'soon'"),
                (periodJSON(today, yesterday), "to: must not be before from (\(today)), got \(yesterday)"),
                (periodJSON(today, tomorrow), "to: must not be after today (\(today), UTC), got \(tomorrow)"),
                (
                    periodJSON(tomorrow, tomorrow),
                    "from: must not be after today (\(today), UTC), got \(tomorrow); to: must not be after today (\(today), UTC), got \(tomorrow)"
                ),
                (periodJSON(tooOld, today), "from: must be within the last 30 days (UTC), got \(tooOld)"),
                (#"{"to":"\#(today)"}"#, "from: must be provided"),
                (#"{"from":1,"to":"\#(today)"}"#, "from: must be a string, got 1"),
                ("not json", "the request body is not valid JSON"),
            ]
            for (body, detail) in cases {
                let answer = try await client.call(.post, "/rest/v2/reports/open_rate", json: body)
                #expect(answer.status == 400, "\(body)")
                let problem = try #require(answer.body as? [String: Any])
                #expect(problem["detail"] as? String == detail, "\(body)")
                #expect(problem["status"] as? Int == 400 && problem["title"] as? String == "Bad Request")
            }
            // The bounds themselves are fine: 30 days counting today.
            #expect(
                try await client.call(.post, "/rest/v2/reports/open_rate", json: periodJSON(oldest, today)).status
                    == 200)
        }
    }

    @Test func runningIsRecordedInTheRunHistory() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.live) { client in
            let id = try await runningCampaign(client, sandbox, prospects: 1)
            await sandbox.store.advanceClock(by: .seconds(3_600))
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/pause").status == 200)
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/pause").status == 200)
            await sandbox.store.advanceClock(by: .seconds(3_600))
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/run").status == 200)
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/run").status == 200)
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/stop").status == 200)
            let history = await sandbox.store.tenants[SandboxStore.tenantID(for: "test-key")]?.campaignRuns[id]
            let periods = try #require(history?.periods)
            #expect(periods.count == 2)
            #expect(periods.allSatisfy { $0.end != nil })
            #expect((periods[0].end ?? 0) - periods[0].start >= 3_600)
            #expect(periods[1].start - (periods[0].end ?? 0) >= 3_600)
        }
    }

    @Test func theClientDecodesTheReports() async throws {
        try await SandboxHarness.with { harness in
            let client = harness.client()
            let store = harness.sandbox.store
            let accounts = try await connectMailboxes(client, ["reports@example.com"])
            let campaign = try await client.send(Woodpecker.CreateCampaign(draft(accounts: accounts)))
            _ = try await client.send(Woodpecker.CampaignAction(id: campaign.id, action: .run))
            let now = await store.clock.now
            try await store.setEnrolmentsForTesting(
                key: "integration-key", campaignID: campaign.id,
                (1...10).map { SendingEnrolment(prospectID: $0, enrolledAt: now) })
            // The shared draft sends on Mondays only (Berlin time): eight days hold one.
            await store.advanceClock(by: .seconds(8 * 86_400))
            let today = await sandboxDate(store)
            let period = ReportPeriod(from: await sandboxDate(store, plus: -9), to: today)
            let hash = try await client.send(
                Woodpecker.RequestReport(.complete_statistics_for_each_level_of_campaign, period))
            await store.advanceClock(by: .seconds(1))
            let answer = try await client.send(Woodpecker.GetReport(hash: hash.hash))
            #expect(answer.isReady)
            #expect(answer.report?.description.hasPrefix("Complete_statistics_for_each_level_of_campaign_") == true)
            let steps = answer.report?.data.compactMap { row -> Double? in
                if case .object(let values, _) = row, case .number(let step)? = values["step"] { return step }
                return nil
            }
            #expect(steps?.contains(1) == true)
        }
    }
}
