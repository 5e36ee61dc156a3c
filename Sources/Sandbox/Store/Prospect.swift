import OutreachAPI

/// A prospect in an account's database: its id, email, global status, text fields and snippets
/// (all strings, `""` when blank), and its dates as sandbox-clock seconds (nil: never happened).
struct Prospect: Sendable, Equatable {
    var id: Int
    /// As first sent, trimmed.
    var email: String
    /// The global status (`ACTIVE`, `BLACKLIST`, `BOUNCED`, `INVALID`, `REPLIED`).
    var status: String
    /// The text fields and snippets in ``columns`` order.
    var values: [String]
    var updated: Double
    var lastContacted: Double?
    var lastReplied: Double?

    /// The stored text fields by API name: the record's text fields, then `snippet1`…`snippet15`.
    static let columns: [String] =
        ProspectRecord.recordTextFields + ProspectFields.snippetNumbers.map { "snippet\($0)" }
    /// The position of each column by name (`snipet1`…`snipet4`, the sort and search spelling,
    /// name the same columns as `snippet1`…`snippet4`).
    static let columnIndex: [String: Int] = {
        var index: [String: Int] = [:]
        for (position, name) in columns.enumerated() { index[name] = position }
        for number in 1...4 { index["snipet\(number)"] = index["snippet\(number)"] }
        return index
    }()
    /// Where `snippet1` is in ``values``.
    static let firstSnippetColumn = ProspectRecord.recordTextFields.count

    /// The identity of an email: trimmed, case ignored (docs/contract gap 6).
    static func key(_ email: String) -> String {
        email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }

    /// Applies the fields an import gave (`update` semantics, gap 5): nil keeps the value, `""`
    /// clears it, any other text replaces it. Returns whether anything changed.
    mutating func apply(_ given: [String?]) -> Bool {
        var changed = false
        for (position, value) in given.enumerated() {
            if let value, values[position] != value {
                values[position] = value
                changed = true
            }
        }
        return changed
    }

    /// The prospect as the listing shows it after what sending did: its last contact and reply,
    /// and, while it is ACTIVE, the status its first reply, bounce or opt-out gave it.
    func applying(_ activity: ProspectActivity?) -> Prospect {
        guard let activity else { return self }
        var shown = self
        if status == "ACTIVE", let status = activity.status { shown.status = status }
        shown.lastContacted = Self.later(lastContacted, activity.lastContacted)
        shown.lastReplied = Self.later(lastReplied, activity.lastReplied)
        return shown
    }

    private static func later(_ left: Double?, _ right: Double?) -> Double? {
        guard let left, let right else { return left ?? right }
        return max(left, right)
    }

    /// The record `GET /rest/v1/prospects` answers.
    func record(details: [ProspectRecord.CampaignDetail]?) -> ProspectRecord {
        var fields = ProspectFields(email: email)
        fields.status = status
        for (position, name) in ProspectRecord.recordTextFields.enumerated() { fields[name] = values[position] }
        for number in ProspectFields.snippetNumbers {
            fields.snippets[number] = values[Self.firstSnippetColumn + number - 1]
        }
        var record = ProspectRecord(id: id, fields: fields)
        record.updated = SandboxTime.v1Text(updated)
        record.last_contacted = lastContacted.map(SandboxTime.v1Text)
        record.last_replied = lastReplied.map(SandboxTime.v1Text)
        record.campaigns_details = details
        return record
    }
}
