import Foundation
import GRDB
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// Prospects and enrolments with `--data`: kept across restarts in rows of their own, only the
/// changed rows written per request.
@Suite struct ProspectPersistenceTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wps-prospects-\(UUID().uuidString).sqlite").path
    }

    @Test func prospectsAndEnrolmentsSurviveARestart() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sandbox = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        let campaign = try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            _ = try await client.addToList([prospectJSON("ann@example.com", ["first_name": "Ann", "snippet15": "s"])])
            _ = try await client.addToCampaign(
                campaign, [prospectJSON("bob@example.com", ["interested": "MAYBE_LATER"])],
                sendAfter: "2999-01-01T00:00:00Z")
            return campaign
        }
        let restarted = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        try await restarted.app.test(.router) { client in
            let records = try await client.prospects().records
            #expect(records.map { $0["email"] as? String } == ["ann@example.com", "bob@example.com"])
            #expect(records.first?["snippet15"] as? String == "s")
            // The email index is rebuilt: the same address is a duplicate, whatever its case.
            let again = try await client.addToList([prospectJSON("ANN@example.com")])
            #expect(again.entries.first?["code"] as? String == "E_DUPLICATE")
            #expect(again.entries.first?["id"] as? Int == 100001)
            // Enrolments too, with their interest level and send_after.
            let enrolled = try await client.addToCampaign(campaign, [prospectJSON("bob@example.com")])
            #expect(enrolled.entries.first?["code"] as? String == "E_DUPLICATE")
            let detail =
                (try await client.prospects("campaigns_id=\(campaign)").records.first?["campaigns_details"]
                as? [[String: Any]])?.first
            #expect(detail?["interested"] as? String == "MAYBE_LATER")
            let tenant = try #require(await restarted.store.tenants.values.first)
            #expect(
                tenant.enrolments[campaign]?[100002]?.sendAfter == SandboxTime.seconds(fromISO: "2999-01-01T00:00:00Z"))
            // Ids count on.
            #expect(try await client.addToList([prospectJSON("cy@example.com")]).entries.first?["id"] as? Int == 100003)
            // A deleted campaign's enrolment rows go.
            #expect(try await client.call(.delete, "/rest/v2/campaigns/\(campaign)").status == 200)
        }
        let database = try DatabaseQueue(path: path)
        let rows = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM enrolment") }
        #expect(rows == 0)
        let prospects = try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM prospect") }
        #expect(prospects == 3)
        // The account's JSON state holds no prospect.
        let state = try await database.read { db in try Data.fetchAll(db, sql: "SELECT state FROM tenant") }
        #expect(state.allSatisfy { !String(decoding: $0, as: UTF8.self).contains("ann@example.com") })
    }

    @Test func countersWrittenBeforeProspectsExistedStillLoad() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let persistence = try SandboxPersistence(path: path)
        let old =
            #"{"account":3,"batch":1005,"mailbox":123010,"connectionRequest":5000001,"campaign":777004,"connectRequest":19505540}"#
        try await persistence.database.write { db in
            try db.execute(sql: "INSERT INTO counters (id, state) VALUES (1, ?)", arguments: [Data(old.utf8)])
        }
        let sandbox = try await TestSandbox(persistence: persistence)
        #expect(await sandbox.store.counters.campaign == 777004)
        #expect(await sandbox.store.counters.prospect == 100001)
    }

    @Test func aRequestWritesOnlyTheProspectsItChanged() async throws {
        let path = temporaryPath()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sandbox = try await TestSandbox(persistence: try SandboxPersistence(path: path))
        let database = try DatabaseQueue(path: path)
        try await database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE written (id INTEGER);
                    CREATE TRIGGER count_insert AFTER INSERT ON prospect BEGIN INSERT INTO written VALUES (NEW.id); END;
                    """)
        }
        @Sendable func written() async throws -> Int {
            try await database.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM written") ?? -1 }
        }
        try await sandbox.app.test(.router) { client in
            _ = try await client.addToList(numberedProspects(1000))
            #expect(try await written() == 1000)
            _ = try await client.call(.get, "/rest/v2/mailboxes")
            _ = try await client.prospects("per_page=1000")
            #expect(try await written() == 1000)
            _ = try await client.addToList(
                [prospectJSON("p5@example.com", ["first_name": "Changed"]), prospectJSON("p6@example.com")],
                extra: #""update":true"#)
            // p6 is unchanged (no field given): only p5 is written again.
            #expect(try await written() == 1001)
        }
    }
}
