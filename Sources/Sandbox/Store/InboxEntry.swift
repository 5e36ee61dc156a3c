import OutreachAPI

/// One reply as the inbox and the responses endpoint show it (docs/contract/inbox.md,
/// proposals 1–3): the message record, when the reply came, how many emails its campaign had sent
/// the prospect by then, and the text `search_phrases` looks in.
///
/// Worked out from the sending rule on each request (``SandboxStore/inboxEntries(_:now:only:)``),
/// never stored; only the read marks are.
struct InboxEntry: Sendable {
    var message: InboxMessage
    /// Sandbox-clock seconds (UTC).
    var repliedAt: Double
    var campaignEmailSent: Int
    /// The subject, the text without tags and the prospect's email and name, lower-cased.
    var searchText: String

    var id: Int { message.id }

    /// Newest first: `delivered` descending, then `id` descending (proposal 4).
    static func newestFirst(_ lhs: InboxEntry, _ rhs: InboxEntry) -> Bool {
        (lhs.repliedAt, lhs.id) > (rhs.repliedAt, rhs.id)
    }

    /// Whether the entry comes after the place (`time`, `id`) in newest-first order.
    func isOlder(than time: Double, _ id: Int) -> Bool { (repliedAt, self.id) < (time, id) }

    /// Whether the entry passes the listing's filters (proposal 5).
    func matches(_ query: InboxQuery, phrases: [String]) -> Bool {
        if let status = query.prospect_status, message.prospect_status != status { return false }
        if let level = query.prospect_interest_level, message.prospect_interest_level != level { return false }
        // Every sandbox reply has a campaign.
        if query.out_of_campaign == true { return false }
        if let ids = query.campaign_ids, !ids.contains(message.campaign_id ?? -1) { return false }
        if let ids = query.mailbox_ids, !ids.contains(message.mailbox_id ?? -1) { return false }
        if let read = query.read, (message.read ?? false) != read { return false }
        if !phrases.isEmpty, !phrases.contains(where: { searchText.contains($0) }) { return false }
        return true
    }

    /// `html` without its tags.
    static func plainText(_ html: String) -> String {
        var result = ""
        var inTag = false
        for character in html {
            switch character {
            case "<": inTag = true
            case ">": inTag = false
            default: if !inTag { result.append(character) }
            }
        }
        return result
    }
}
