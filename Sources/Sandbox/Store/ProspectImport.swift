import OutreachAPI

/// An `add_prospects_list` or `add_prospects_campaign` body as sent, telling apart what was left
/// out (or `null`) from what was given, so `update` keeps, clears or replaces (docs/contract gap 5).
struct ProspectImport: Sendable {
    /// One prospect of the request.
    struct Entry: Sendable {
        /// Nil when the entry has no `email` key.
        var email: String?
        var status: String?
        var interested: String?
        /// The given text fields and snippets in ``Prospect/columns`` order; nil when not given.
        var values: [String?] = Array(repeating: nil, count: Prospect.columns.count)

        /// What `Validation.prospect` checks: email, status and interest level.
        var checked: ProspectFields {
            var fields = ProspectFields(email: email ?? "")
            fields.status = status
            fields.interested = interested
            return fields
        }
    }

    /// The campaign of `add_prospects_campaign`.
    struct Target: Sendable {
        var campaignID: Int
        /// `campaign.send_after` in sandbox-clock seconds, when given.
        var sendAfter: Double?
    }

    var update = false
    var force = false
    /// Nil for `add_prospects_list`.
    var campaign: Target?
    var prospects: [Entry] = []
}
