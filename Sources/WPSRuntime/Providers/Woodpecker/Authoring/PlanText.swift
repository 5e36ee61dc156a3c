/// `campaign diff` and `campaign apply` as tables print: the whole plan, one change a line, never
/// cut to the width. The record they return holds the same fields for JSON and pipelines
/// (`campaign diff 7 q4.yaml | get changes`); this is its text.
///
/// ```
/// campaign 777001 (DRAFT) against q4.yaml: 2 changes, 1 the API cannot make
///   ~ set settings.daily_enroll 50 → 70
///   + add step 3 at the end: SAT 10:00-12:00, 1 version
/// the API cannot make:
///   ! step 1 wait 3d → 4d: the API cannot change an existing step's wait
/// nothing was sent: campaign apply q4.yaml makes these changes
/// ```
enum PlanText {
    /// The report, reading as its plan on a terminal (see ``Record/text``).
    static func attach(to report: Value, file: String) -> Value {
        guard case .record(var record) = report else { return report }
        record.text = render(report, file: file)
        return .record(record)
    }

    static func render(_ report: Value, file: String) -> String {
        guard case .record(let record) = report else { return report.text }
        let id = record["campaign_id"]?.text ?? "?"
        let status = record["status"]?.text ?? "?"
        if record["created"] == .bool(true) { return "created campaign \(id) (\(status)) from \(file)" }
        let changes = (record["changes"]?.items ?? []).map(\.text)
        let refused = (record["not_changeable"]?.items ?? []).map(\.text)
        let applied = record["applied"] == .bool(true)
        var counts = [(applied ? "applied " : "") + (changes.count == 1 ? "1 change" : "\(changes.count) changes")]
        if !refused.isEmpty { counts.append("\(refused.count) the API cannot make") }
        let before = record["status_before"].flatMap { $0.text == status ? nil : ", \($0.text) before" } ?? ""
        let relation = applied ? "from" : "against"
        var lines = ["campaign \(id) (\(status)\(before)) \(relation) \(file): " + counts.joined(separator: ", ")]
        lines += changes.map { "  \(symbol($0)) \($0)" }
        if !refused.isEmpty {
            lines.append("the API cannot make:")
            lines += refused.map { "  ! \($0)" }
        }
        if let allowEdit = record["allow_edit"] {
            lines.append("with --allow-edit, campaign apply goes \(allowEdit.text)")
        }
        if changes.isEmpty {
            lines.append("nothing to change")
        } else if !applied {
            lines.append("nothing was sent: campaign apply \(file) makes these changes")
        }
        return lines.joined(separator: "\n")
    }

    /// `+` adds, `-` removes, `~` changes in place.
    static func symbol(_ change: String) -> String {
        if change.hasPrefix("add ") { return "+" }
        if change.hasPrefix("remove ") { return "-" }
        return "~"
    }
}
