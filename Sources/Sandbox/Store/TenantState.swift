import OutreachAPI

/// Everything one account (one API key) holds in the sandbox.
///
/// Its prospects and enrolments are not part of its JSON encoding: ``SandboxPersistence`` keeps
/// them in rows of their own and writes only the rows a request changed.
struct TenantState: Codable, Sendable {
    /// The account's number, for `GET /rest/v1/me`.
    var number: Int
    /// The id of the account's one Microsoft Graph credential.
    var credentialID: Int
    /// Whether the account lacks paid features (keys starting `free-`): A/B tests answer 403.
    var isFreePlan: Bool
    /// When each campaign was RUNNING (campaign id → periods), for the sending rule.
    var campaignRuns: [Int: RunHistory] = [:]
    /// The reports asked for, by hash.
    var reports: [String: ReportRecord] = [:]
    var mailboxes: [Int: Mailbox] = [:]
    var mailboxOrder: [Int] = []
    var batches: [Int: BatchRecord] = [:]
    var campaigns: [Int: Campaign] = [:]
    var campaignOrder: [Int] = []
    var connectRequests: [String: ConnectRecord] = [:]
    /// Sequences and their steps (seeded on first use).
    var sequences = SequenceBook()
    /// The prospects of the sequences, and the imports that brought them.
    var sequenceProspects = ProspectBook()
    /// The do-not-contact lists.
    var dncLists = DNCBook()
    /// The webhooks of the sequences' API (one URL for any number of events each).
    var sequenceWebhooks = WebhookBook()
    /// The webhook subscriptions, in the order made.
    var webhooks: [SandboxWebhook] = []
    /// The inbox messages (reply ids) marked read by replying to them.
    var inboxRead: Set<Int> = []
    /// The prospect database (`/rest/v1`): stored in rows of its own, not in the JSON state.
    var prospects = ProspectDatabase()
    /// Each campaign's prospects (campaign id → enrolments): stored in rows of their own too.
    var enrolments: [Int: CampaignEnrolments] = [:]
    /// Counts every change to prospects or enrolments; keys cached listings. Not stored.
    var prospectRevision = 0
    /// The prospect and enrolment rows changed by the current request. Not stored.
    var changes = ProspectChanges()

    /// SMTP emails of connected mailboxes (lower-cased): an index kept by ``addMailbox(_:)``,
    /// rebuilt when the state is loaded (it is not stored).
    var connectedEmails: Set<String> = []
    /// The batch each submitted SMTP email (lower-cased) was last accepted in, unless it failed:
    /// the sandbox names it in a 409 so a client that lost the 202 can reconcile. An index kept by
    /// ``addBatch(_:)`` and ``settled(_:_:)``, rebuilt when the state is loaded.
    var batchOfEmails: [String: Int] = [:]

    /// What is stored as JSON: everything but the indexes, the prospects and the enrolments.
    enum CodingKeys: String, CodingKey {
        case number, credentialID, isFreePlan, mailboxes, mailboxOrder, batches, campaigns, campaignOrder,
            connectRequests
        case campaignRuns, reports, webhooks, inboxRead, sequences, sequenceProspects, dncLists, sequenceWebhooks
    }

    /// SMTP emails still being processed in some batch (lower-cased).
    func pendingEmails(at now: Double) -> Set<String> {
        var result = Set<String>()
        for batch in batches.values where batch.settled < batch.entries.count {
            for entry in batch.entries[batch.settled...] { result.insert(entry.smtpEmail.lowercased()) }
        }
        return result
    }

    /// The indexes computed from scratch (on load, and by tests to check the kept ones).
    func computedIndexes() -> (connected: Set<String>, batchOfEmails: [String: Int]) {
        let connected = Set(mailboxes.values.filter { $0.type == "SMTP" }.map { $0.details.email.lowercased() })
        var origins: [String: Int] = [:]
        for batch in batches.values.sorted(by: { $0.id < $1.id }) {
            for (index, entry) in batch.entries.enumerated() where index >= batch.settled || entry.outcome != .failed {
                origins[entry.smtpEmail.lowercased()] = batch.id
            }
        }
        return (connected, origins)
    }

    /// The ids campaigns may use: SMTP mailboxes.
    var emailAccountIDs: Set<Int> { Set(mailboxes.values.filter { $0.type == "SMTP" }.map(\.id)) }

    mutating func addMailbox(_ mailbox: Mailbox) {
        mailboxes[mailbox.id] = mailbox
        mailboxOrder.append(mailbox.id)
        if mailbox.type == "SMTP" { connectedEmails.insert(mailbox.details.email.lowercased()) }
    }

    /// Records a submitted batch: each of its emails is now pending in it.
    mutating func addBatch(_ batch: BatchRecord) {
        batches[batch.id] = batch
        for entry in batch.entries { batchOfEmails[entry.smtpEmail.lowercased()] = batch.id }
    }

    /// Records that `entries` of `batch` were processed: a failed email no longer belongs to it.
    mutating func settled(_ entries: ArraySlice<BatchEntry>, _ batch: Int) {
        for entry in entries where entry.outcome == .failed {
            let email = entry.smtpEmail.lowercased()
            if batchOfEmails[email] == batch { batchOfEmails[email] = nil }
        }
    }
}

extension TenantState {
    /// Decodes the stored state and rebuilds the indexes.
    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            number: try container.decode(Int.self, forKey: .number),
            credentialID: try container.decode(Int.self, forKey: .credentialID),
            isFreePlan: try container.decode(Bool.self, forKey: .isFreePlan))
        mailboxes = try container.decode([Int: Mailbox].self, forKey: .mailboxes)
        mailboxOrder = try container.decode([Int].self, forKey: .mailboxOrder)
        batches = try container.decode([Int: BatchRecord].self, forKey: .batches)
        campaigns = try container.decode([Int: Campaign].self, forKey: .campaigns)
        campaignOrder = try container.decode([Int].self, forKey: .campaignOrder)
        connectRequests = try container.decode([String: ConnectRecord].self, forKey: .connectRequests)
        // Absent from files written before run histories and reports were kept.
        campaignRuns = try container.decodeIfPresent([Int: RunHistory].self, forKey: .campaignRuns) ?? [:]
        reports = try container.decodeIfPresent([String: ReportRecord].self, forKey: .reports) ?? [:]
        webhooks = try container.decodeIfPresent([SandboxWebhook].self, forKey: .webhooks) ?? []
        inboxRead = try container.decodeIfPresent(Set<Int>.self, forKey: .inboxRead) ?? []
        sequences = try container.decodeIfPresent(SequenceBook.self, forKey: .sequences) ?? SequenceBook()
        sequenceProspects =
            try container.decodeIfPresent(ProspectBook.self, forKey: .sequenceProspects) ?? ProspectBook()
        dncLists = try container.decodeIfPresent(DNCBook.self, forKey: .dncLists) ?? DNCBook()
        sequenceWebhooks = try container.decodeIfPresent(WebhookBook.self, forKey: .sequenceWebhooks) ?? WebhookBook()
        (connectedEmails, batchOfEmails) = computedIndexes()
    }
}
