import Foundation
import GRDB
import OutreachAPI

/// Keeps the sandbox's accounts in a SQLite file (GRDB), so `wps sandbox --data FILE` survives restarts.
///
/// One row per account (its state as JSON, keyed by a hash of the API key — keys themselves are
/// never written), one row of id counters, and the prospects and campaign enrolments in rows of
/// their own (keyed by account and id), so that an answer writes only the prospects it changed
/// and never re-encodes the others. Each answer that changed an account is written in a
/// transaction before it is sent.
public struct SandboxPersistence: Sendable {
    let database: DatabaseQueue

    /// The prospect and enrolment rows one answer writes, and the campaigns whose enrolments go.
    struct ProspectRows: Sendable {
        var prospects: [Prospect] = []
        var enrolments: [(campaign: Int, enrolment: Enrolment)] = []
        var droppedCampaigns: [Int] = []

        init(_ changes: ProspectChanges, of tenant: TenantState) {
            prospects = changes.prospects.sorted().compactMap { tenant.prospects.prospect($0) }
            enrolments = changes.enrolments.compactMap { key in
                tenant.enrolments[key.campaign]?[key.prospect].map { (key.campaign, $0) }
            }
            droppedCampaigns = changes.droppedCampaigns.sorted()
        }
    }

    /// Everything stored, by tenant id.
    struct Loaded: Sendable {
        var tenants: [String: TenantState] = [:]
        var counters: SandboxStore.Counters?
        var prospects: [String: [Prospect]] = [:]
        var enrolments: [String: [Int: [Enrolment]]] = [:]
    }

    /// Opens (or creates) the database at `path`.
    public init(path: String) throws {
        database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS tenant (id TEXT PRIMARY KEY NOT NULL, state BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS counters (id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS prospect (
                        tenant TEXT NOT NULL, id INTEGER NOT NULL, email TEXT NOT NULL, status TEXT NOT NULL,
                        fields BLOB NOT NULL, updated REAL NOT NULL, last_contacted REAL, last_replied REAL,
                        PRIMARY KEY (tenant, id)) WITHOUT ROWID;
                    CREATE TABLE IF NOT EXISTS enrolment (
                        tenant TEXT NOT NULL, campaign INTEGER NOT NULL, prospect INTEGER NOT NULL,
                        position INTEGER NOT NULL, status TEXT NOT NULL, interested TEXT,
                        send_after REAL NOT NULL, added REAL NOT NULL, pauses BLOB,
                        PRIMARY KEY (tenant, campaign, prospect)) WITHOUT ROWID;
                    """)
            // A file written before prospects could be paused in a campaign gets the column.
            if try !db.columns(in: "enrolment").contains(where: { $0.name == "pauses" }) {
                try db.execute(sql: "ALTER TABLE enrolment ADD COLUMN pauses BLOB")
            }
        }
    }

    func load() async throws -> Loaded {
        try await database.read { db in
            var loaded = Loaded()
            for row in try Row.fetchAll(db, sql: "SELECT id, state FROM tenant") {
                let id: String = row["id"]
                let state: Data = row["state"]
                loaded.tenants[id] = try JSONCoding.decode(TenantState.self, from: state)
            }
            loaded.counters = try Data.fetchOne(db, sql: "SELECT state FROM counters WHERE id = 1")
                .map { try JSONCoding.decode(SandboxStore.Counters.self, from: $0) }
            let decoder = JSONDecoder()
            let prospects = try Row.fetchCursor(
                db,
                sql: "SELECT tenant, id, email, status, fields, updated, last_contacted, last_replied FROM prospect")
            while let row = try prospects.next() {
                let fields: Data = row["fields"]
                var values = try decoder.decode([String].self, from: fields)
                // Rows written with fewer columns (none yet) are padded.
                if values.count < Prospect.columns.count {
                    values += Array(repeating: "", count: Prospect.columns.count - values.count)
                }
                let prospect = Prospect(
                    id: row["id"], email: row["email"], status: row["status"], values: values,
                    updated: row["updated"], lastContacted: row["last_contacted"], lastReplied: row["last_replied"])
                loaded.prospects[row["tenant"], default: []].append(prospect)
            }
            let enrolments = try Row.fetchCursor(
                db,
                sql:
                    "SELECT tenant, campaign, prospect, position, status, interested, send_after, added, pauses FROM enrolment"
            )
            while let row = try enrolments.next() {
                var enrolment = Enrolment(
                    prospectID: row["prospect"], status: row["status"], interested: row["interested"],
                    sendAfter: row["send_after"], added: row["added"], position: row["position"])
                if let pauses: Data = row["pauses"] {
                    enrolment.pauses = try JSONCoding.decode(PauseHistory.self, from: pauses)
                }
                loaded.enrolments[row["tenant"], default: [:]][row["campaign"], default: []].append(enrolment)
            }
            return loaded
        }
    }

    /// Writes an account's JSON state (`tenant` without its prospects), its changed prospect rows
    /// and the counters, in one transaction.
    func save(tenantID: String, tenant: TenantState, rows: ProspectRows, counters: SandboxStore.Counters)
        async throws
    {
        let state = try JSONCoding.encode(tenant)
        let counterState = try JSONCoding.encode(counters)
        let encoder = JSONEncoder()
        let fields = try rows.prospects.map { try encoder.encode($0.values) }
        // Most enrolments were never paused: they keep NULL.
        let pauses = try rows.enrolments.map {
            $0.enrolment.pauses.periods.isEmpty ? nil : try JSONCoding.encode($0.enrolment.pauses)
        }
        try await database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO tenant (id, state) VALUES (?, ?)", arguments: [tenantID, state])
            try db.execute(sql: "INSERT OR REPLACE INTO counters (id, state) VALUES (1, ?)", arguments: [counterState])
            if !rows.prospects.isEmpty {
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT OR REPLACE INTO prospect
                        (tenant, id, email, status, fields, updated, last_contacted, last_replied)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for (prospect, fields) in zip(rows.prospects, fields) {
                    try statement.execute(arguments: [
                        tenantID, prospect.id, prospect.email, prospect.status, fields, prospect.updated,
                        prospect.lastContacted, prospect.lastReplied,
                    ])
                }
            }
            for campaign in rows.droppedCampaigns {
                try db.execute(
                    sql: "DELETE FROM enrolment WHERE tenant = ? AND campaign = ?", arguments: [tenantID, campaign])
            }
            if !rows.enrolments.isEmpty {
                let statement = try db.cachedStatement(
                    sql: """
                        INSERT OR REPLACE INTO enrolment
                        (tenant, campaign, prospect, position, status, interested, send_after, added, pauses)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """)
                for ((campaign, enrolment), pauses) in zip(rows.enrolments, pauses) {
                    try statement.execute(arguments: [
                        tenantID, campaign, enrolment.prospectID, enrolment.position, enrolment.status,
                        enrolment.interested, enrolment.sendAfter, enrolment.added, pauses,
                    ])
                }
            }
        }
    }
}
