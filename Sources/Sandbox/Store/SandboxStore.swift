import Foundation
import OutreachAPI

/// The sandbox's state: every account, keyed by a hash of its API key, and the id counters.
///
/// An actor: routes call it and get values or a ``SandboxError`` back. Time comes from a
/// ``SandboxClock`` that tests advance; batches resolve lazily on each access ("settling").
/// With persistence, each changed account is written to SQLite before the answer is sent.
public actor SandboxStore {
    var tenants: [String: TenantState] = [:]
    var counters = Counters()
    var clock = SandboxClock()
    /// Enrolments tests give the sending rule (account number → campaign id → enrolments)
    /// until the prospect store feeds ``sendingEnrolments(_:campaignID:)``. Never stored.
    var enrolmentsForTesting: [Int: [Int: [SendingEnrolment]]] = [:]
    private(set) var processingDelay: Double
    let persistence: SandboxPersistence?
    /// Accept any positive email account id (the dry-run mode of `wps --dry-run`, which cannot
    /// know the real account's mailboxes).
    let acceptsAnyAccountID: Bool

    /// The last listing of prospects computed for each account (by tenant id), with the query
    /// signature and prospect revision it holds for: paging through a sorted or filtered listing
    /// sorts and filters once.
    var listings: [String: (signature: String, revision: Int, activityStamp: Double, listing: ProspectListing)] = [:]

    /// The next id of each kind. Ids are global, so another account's ids answer 404.
    struct Counters: Codable, Sendable {
        var account = 1
        var batch = 1001
        var mailbox = 123_000
        var connectionRequest = 5_000_001
        var campaign = 777_001
        var connectRequest = 0x129a184
        /// Prospect ids (docs/contract gap 13).
        var prospect = 100_001

        init() {}

        /// The default counters, each raised by `offset` (the account number is not an id).
        init(offset: Int) {
            batch += offset
            mailbox += offset
            connectionRequest += offset
            campaign += offset
            connectRequest += offset
            prospect += offset
        }

        /// Decodes stored counters; a counter a store written before it existed starts at its default.
        init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            let defaults = Counters()
            account = try container.decodeIfPresent(Int.self, forKey: .account) ?? defaults.account
            batch = try container.decodeIfPresent(Int.self, forKey: .batch) ?? defaults.batch
            mailbox = try container.decodeIfPresent(Int.self, forKey: .mailbox) ?? defaults.mailbox
            connectionRequest =
                try container.decodeIfPresent(Int.self, forKey: .connectionRequest) ?? defaults.connectionRequest
            campaign = try container.decodeIfPresent(Int.self, forKey: .campaign) ?? defaults.campaign
            connectRequest = try container.decodeIfPresent(Int.self, forKey: .connectRequest) ?? defaults.connectRequest
            prospect = try container.decodeIfPresent(Int.self, forKey: .prospect) ?? defaults.prospect
        }
    }

    /// Creates a store; with `persistence`, loads what it holds.
    public init(
        processingDelay: Duration, persistence: SandboxPersistence? = nil, acceptsAnyAccountID: Bool = false,
        idOffset: Int = 0
    ) async throws {
        self.acceptsAnyAccountID = acceptsAnyAccountID
        counters = Counters(offset: idOffset)
        self.processingDelay =
            Double(processingDelay.components.seconds)
            + Double(processingDelay.components.attoseconds) / 1e18
        self.persistence = persistence
        if let persistence {
            let loaded = try await persistence.load()
            tenants = loaded.tenants
            for (id, prospects) in loaded.prospects { tenants[id]?.prospects = ProspectDatabase(loading: prospects) }
            for (id, enrolments) in loaded.enrolments {
                tenants[id]?.enrolments = enrolments.mapValues { CampaignEnrolments(loading: $0) }
            }
            if let counters = loaded.counters { self.counters = counters }
        }
    }

    /// Changes how long batches submitted from now on take to process.
    public func setProcessingDelay(_ delay: Duration) {
        processingDelay = Double(delay.components.seconds) + Double(delay.components.attoseconds) / 1e18
    }

    /// Moves the store's clock forward (tests use this instead of sleeping).
    public func advanceClock(by duration: Duration) {
        clock.offset += Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Runs the clock `speed` times as fast as the wall clock from now on.
    public func setClockSpeed(_ speed: Double) {
        clock.setSpeed(speed)
    }

    /// The sandbox clock's time, seconds since 1970 (UTC).
    public var now: Double { clock.now }

    /// Runs `body` on the account of `key`, creating the account on first use and settling its
    /// batches first; saves the account if `body` (or settling) changed it.
    func withTenant<T>(_ key: String, _ body: (inout TenantState, Double) throws(SandboxError) -> T) async throws -> T {
        let id = Self.tenantID(for: key)
        let now = clock.now
        // Taken out of the dictionary while it changes, so that its collections are not copied
        // (copy on write) on every request; put back before anything can suspend.
        let isNew = tenants[id] == nil
        var tenant = tenants.removeValue(forKey: id) ?? newTenant(key: key)
        let settled = settle(&tenant, at: now)
        let result: T
        do {
            result = try body(&tenant, now)
        } catch {
            let changes = tenant.takeChanges()
            let write = isNew || settled || !changes.isEmpty ? snapshot(tenant, changes) : nil
            tenants[id] = consume tenant
            if let write { try await persist(id, write) }
            throw error
        }
        let changes = tenant.takeChanges()
        let write = snapshot(tenant, changes)
        // Moved, not copied: while the write below is awaited, another request may change the
        // account without copying its collections.
        tenants[id] = consume tenant
        if let write { try await persist(id, write) }
        return result
    }

    /// What persistence writes for an account: its JSON state without the prospects, and the
    /// prospect and enrolment rows `changes` names. Nil without persistence.
    func snapshot(_ tenant: TenantState, _ changes: ProspectChanges) -> (
        core: TenantState, rows: SandboxPersistence.ProspectRows
    )? {
        guard persistence != nil else { return nil }
        var core = tenant
        core.prospects = ProspectDatabase()
        core.enrolments = [:]
        return (core, SandboxPersistence.ProspectRows(changes, of: tenant))
    }

    func persist(_ id: String, _ write: (core: TenantState, rows: SandboxPersistence.ProspectRows))
        async throws
    {
        try await persistence?.save(tenantID: id, tenant: write.core, rows: write.rows, counters: counters)
    }

    private func newTenant(key: String) -> TenantState {
        defer { counters.account += 1 }
        return TenantState(number: counters.account, credentialID: 22_334_455, isFreePlan: key.hasPrefix("free-"))
    }

    /// Turns resolved batch entries into mailboxes. Returns whether anything changed.
    private func settle(_ tenant: inout TenantState, at now: Double) -> Bool {
        var changed = false
        for id in tenant.batches.keys.sorted() {
            guard var batch = tenant.batches[id], batch.settled < batch.entries.count else { continue }
            let resolved = batch.resolvedCount(at: now)
            guard resolved > batch.settled else { continue }
            for entry in batch.entries[batch.settled..<resolved] where entry.outcome != .failed {
                let imapID = nextMailboxID()
                let smtpID = nextMailboxID()
                tenant.addMailbox(
                    Mailbox(
                        id: smtpID, type: "SMTP",
                        details: .init(
                            email: entry.smtpEmail, provider: "SMTP", login: entry.smtpLogin ?? entry.smtpEmail,
                            server: entry.smtpServer, port: entry.smtpPort, from_name: entry.fromName,
                            error: entry.outcome == .conditionallyConnected ? "Connected conditionally." : nil,
                            imap_id: imapID, daily_limit: entry.dailyLimit ?? 50, sent_today: 0,
                            frequency_from: entry.waitFrom ?? 60, frequency_to: entry.waitTo ?? 120)))
                tenant.addMailbox(
                    Mailbox(
                        id: imapID, type: "IMAP",
                        details: .init(
                            email: entry.imapEmail, provider: "IMAP", login: entry.imapEmail, server: entry.imapServer,
                            port: entry.imapPort,
                            error: entry.outcome == .conditionallyConnected
                                ? "IMAP connection failed: cannot resolve host \(entry.imapServer)" : nil)))
            }
            tenant.settled(batch.entries[batch.settled..<resolved], id)
            batch.settled = resolved
            tenant.batches[id] = batch
            changed = true
        }
        for id in tenant.connectRequests.keys {
            guard var request = tenant.connectRequests[id], request.settled < request.results.count else { continue }
            let resolved = request.resolvedCount(at: now)
            if resolved > request.settled {
                request.settled = resolved
                tenant.connectRequests[id] = request
                changed = true
            }
        }
        return changed
    }

    func nextMailboxID() -> Int {
        defer { counters.mailbox += 1 }
        return counters.mailbox
    }

    /// A stable identity for an API key; the key itself is never stored.
    static func tenantID(for key: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in key.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        var second: UInt64 = 0x8422_2325_cbf2_9ce4
        for byte in key.utf8.reversed() {
            second ^= UInt64(byte)
            second &*= 0x0000_0100_0000_01b3
        }
        return String(hash, radix: 16) + String(second, radix: 16)
    }
}
