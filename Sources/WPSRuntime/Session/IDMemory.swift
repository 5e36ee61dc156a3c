import WPSLanguage

/// The ids a session has seen, with what each stands for, for completion and for
/// `step add --after ID` without `--campaign`.
///
/// Fed by one hook: the interpreter hands it every command's result, and it keeps the campaigns
/// (their steps), mailboxes, prospects and batches (Woodpecker batch ids, Saleshandy request
/// ids) it finds there.
public struct IDMemory: Sendable {
    /// Step id → campaign id, for every campaign seen.
    private(set) var stepCampaigns: [String: Int] = [:]
    /// Batch and Saleshandy request ids seen, oldest first.
    private(set) var batchIDs: [String] = []
    /// Campaign ids seen (`campaign list`, `campaign get`, …), oldest first.
    private(set) var campaignIDs: [String] = []
    /// Mailbox ids seen (`mailbox list`, `mailbox get`), oldest first.
    private(set) var mailboxIDs: [String] = []
    /// Prospect emails seen (`prospect list`, `prospect add`), oldest first, the latest
    /// ``maxProspectEmails`` only.
    private(set) var prospectEmails: [String] = []
    private var prospectEmailSet: Set<String> = []
    /// How many prospect emails completion keeps.
    static let maxProspectEmails = 5000
    /// What each id seen stands for: `Q4 outreach, DRAFT`, `step 2 of Q4 outreach`, `3 mailboxes`.
    public private(set) var labels: [String: String] = [:]

    public init() {}

    /// Ids seen in this session by kind, newest last, for completion.
    public var seenIDs: [ValueKind: [String]] {
        [
            .stepID: stepCampaigns.keys.sorted(),
            .campaignID: campaignIDs
                + Set(stepCampaigns.values).map(String.init).filter { !campaignIDs.contains($0) }.sorted(),
            .mailboxID: mailboxIDs, .batchID: batchIDs, .prospectEmail: prospectEmails,
        ]
    }

    /// Keeps what a command's result shows: a campaign (or a list of them) with its steps, a
    /// batch record (`batch_id`/`request_id` with its `size`, and its `source` for an import).
    public mutating func remember(_ value: Value) {
        switch value {
        case .list(let items): for item in items { remember(item) }
        case .record(let record): remember(record)
        default: break
        }
    }

    private mutating func remember(_ record: Record) {
        // A mailbox: its id, labelled by its address (`mailbox list`, `mailbox get`).
        if case .int(let id)? = record["id"], record["type"] != nil, case .record(let details)? = record["details"],
            case .string(let email)? = details["email"]
        {
            let key = String(id)
            if !mailboxIDs.contains(key) { mailboxIDs.append(key) }
            labels[key] = "\(email)" + (record["type"].map { " (\($0.text))" } ?? "")
            return
        }
        // A prospect: a record with an email that is not a mailbox's or a campaign's.
        if case .string(let email)? = record["email"],
            record["outcome"] != nil || record["last_contacted"] != nil
                || (record["id"] != nil && record["name"] == nil && record["steps"] == nil)
        {
            rememberProspect(email)
            return
        }
        if case .int(let id)? = record["id"], case .string(let name)? = record["name"],
            let status = record["status"]?.text
        {
            if !campaignIDs.contains(String(id)) { campaignIDs.append(String(id)) }
            labels[String(id)] = "\(name), \(status)"
            guard case .record(let start)? = record["steps"] else { return }
            var current: Record? = start
            var index = 0
            while let step = current {
                if case .string(let stepID)? = step["id"] {
                    stepCampaigns[stepID] = id
                    labels[stepID] = index == 0 ? "START of \(name)" : "step \(index) of \(name)"
                }
                index += 1
                if case .record(let next)? = step["followup"] { current = next } else { current = nil }
            }
            return
        }
        for key in ["batch_id", "request_id"] {
            guard let idValue = record[key], idValue != .null, case .int(let size)? = record["size"] else { continue }
            let id = idValue.text
            if !batchIDs.contains(id) { batchIDs.append(id) }
            let mailboxes = "\(size) mailbox\(size == 1 ? "" : "es")"
            labels[id] = record["source"].map { "\(mailboxes) from \($0.text)" } ?? mailboxes
        }
    }

    /// The campaign a step belongs to: `--campaign`, else what this session saw.
    func campaignID(forStep step: String, given: Int?, at range: SourceRange?) throws -> Int {
        if let given { return given }
        guard let id = stepCampaigns[step] else {
            throw RuntimeError(
                "which campaign is step \(step) in? Give --campaign ID (or fetch the campaign first in this session)",
                at: range)
        }
        return id
    }

    private mutating func rememberProspect(_ email: String) {
        guard prospectEmailSet.insert(email).inserted else { return }
        prospectEmails.append(email)
        if prospectEmails.count > Self.maxProspectEmails {
            let dropped = prospectEmails.count - Self.maxProspectEmails / 2
            for email in prospectEmails.prefix(dropped) { prospectEmailSet.remove(email) }
            prospectEmails.removeFirst(dropped)
        }
    }
}
