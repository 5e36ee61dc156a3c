import Foundation
import GRDB
import OutreachAPI

/// Keeps the sandbox's accounts in a SQLite file (GRDB), so `wps sandbox --data FILE` survives restarts.
///
/// One row per account (its state as JSON, keyed by a hash of the API key — keys themselves are
/// never written) and one row of id counters. Each answer that changed an account is written
/// in a transaction before it is sent.
public struct SandboxPersistence: Sendable {
    let database: DatabaseQueue

    /// Opens (or creates) the database at `path`.
    public init(path: String) throws {
        database = try DatabaseQueue(path: path)
        try database.write { db in
            try db.execute(
                sql: """
                    CREATE TABLE IF NOT EXISTS tenant (id TEXT PRIMARY KEY NOT NULL, state BLOB NOT NULL);
                    CREATE TABLE IF NOT EXISTS counters (id INTEGER PRIMARY KEY CHECK (id = 1), state BLOB NOT NULL);
                    """)
        }
    }

    func load() async throws -> (tenants: [String: TenantState], counters: SandboxStore.Counters?) {
        try await database.read { db in
            var tenants: [String: TenantState] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, state FROM tenant") {
                let id: String = row["id"]
                let state: Data = row["state"]
                tenants[id] = try JSONCoding.decode(TenantState.self, from: state)
            }
            let counters = try Data.fetchOne(db, sql: "SELECT state FROM counters WHERE id = 1")
                .map { try JSONCoding.decode(SandboxStore.Counters.self, from: $0) }
            return (tenants, counters)
        }
    }

    func save(tenantID: String, tenant: TenantState, counters: SandboxStore.Counters) async throws {
        let state = try JSONCoding.encode(tenant)
        let counterState = try JSONCoding.encode(counters)
        try await database.write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO tenant (id, state) VALUES (?, ?)", arguments: [tenantID, state])
            try db.execute(sql: "INSERT OR REPLACE INTO counters (id, state) VALUES (1, ?)", arguments: [counterState])
        }
    }
}
