/// How many rows of an import the API has answered, and how: accepted (a batch took them, a
/// prospect was added or updated), already there (a mailbox connected before this import, its
/// row refused with a 409: not accepted, and its settings kept), or refused (`rejected`,
/// `duplicate`), each refusal counted by its code.
///
/// The import's progress line, its "resuming" note and its error message count rows by the
/// API's answer with it, not by the rows sent:
/// ```
/// var tally = RowTally()
/// tally.add(.outcome(kind: "added", code: nil, rows: LineSet([1, 2, 3]), messages: [:]))
/// tally.add(.outcome(kind: "rejected", code: "E_INV_STATUS", rows: LineSet([4, 5]), messages: [:]))
/// tally.describe(of: 5)  // "3 of 5 rows accepted, 2 rejected (E_INV_STATUS)"
/// ```
struct RowTally: Sendable {
    /// Rows the API took.
    private(set) var accepted = 0
    /// Rows of mailboxes connected before: the API refused them (409) and changed nothing.
    private(set) var existing = 0
    /// Of `existing`, the rows with settings the API did not apply (they differ from the
    /// connected mailbox's).
    private(set) var notApplied = 0
    /// Rows the API refused, by outcome and then code (`-` when it gave none), in the order met.
    private(set) var refused: [(kind: String, counts: [(code: String, rows: Int)])] = []

    /// Every row answered, accepted or not.
    var answered: Int { accepted + existing + refusedCount }

    /// The rows the API refused.
    var refusedCount: Int { refused.reduce(0) { $0 + $1.counts.reduce(0) { $0 + $1.rows } } }

    /// Outcomes of a row answered one by one that mean the API took it.
    static let acceptingOutcomes: Set<String> = ["added", "updated"]

    /// Counts the rows of one settled part.
    mutating func add<Target: ImportTarget>(_ part: MailboxImporter<Target>.Settlement) {
        switch part {
        case .accepted(_, let rows):
            accepted += rows.count
        case .existing(let rows, _, let unapplied):
            existing += rows.count
            notApplied += unapplied.values.filter { !$0.fields.isEmpty }.count
        case .outcome(let kind, let code, let rows, _):
            add(kind: kind, code: code, count: rows.count)
        }
    }

    /// Counts `count` rows answered `kind` (with `code`).
    mutating func add(kind: String, code: String?, count: Int) {
        guard count > 0 else { return }
        guard !Self.acceptingOutcomes.contains(kind) else {
            accepted += count
            return
        }
        let code = code ?? "-"
        guard let group = refused.firstIndex(where: { $0.kind == kind }) else {
            refused.append((kind, [(code, count)]))
            return
        }
        if let known = refused[group].counts.firstIndex(where: { $0.code == code }) {
            refused[group].counts[known].rows += count
        } else {
            refused[group].counts.append((code, count))
        }
    }

    /// `3 of 5 rows accepted, 2 rejected (E_INV_STATUS)`; with several codes for one outcome,
    /// each counted: `4 rejected (3 E_INV_STATUS, 1 E_EMAIL_NOT_EXISTS)`; rows of mailboxes
    /// connected before: `0 of 40 rows accepted, 40 already connected (40 with settings not applied)`.
    func describe(of total: Int) -> String {
        (["\(accepted) of \(total) rows accepted"] + refusals).joined(separator: ", ")
    }

    /// `40 accepted, 2 already connected, 1 duplicate (E_DUPLICATE)`: every answer counted.
    var answers: String {
        (["\(accepted) accepted"] + refusals).joined(separator: ", ")
    }

    /// `2 already connected (1 with settings not applied)`, then `2 rejected (E_INV_STATUS)`, one
    /// per outcome refused: every row answered but not accepted.
    var refusals: [String] {
        let already =
            existing == 0
            ? []
            : ["\(existing) already connected" + (notApplied > 0 ? " (\(notApplied) with settings not applied)" : "")]
        return already
            + refused.map { group in
                let rows = group.counts.reduce(0) { $0 + $1.rows }
                let codes = group.counts.filter { $0.code != "-" }
                guard !codes.isEmpty else { return "\(rows) \(group.kind)" }
                let named =
                    group.counts.count == 1
                    ? codes[0].code
                    : group.counts.map { "\($0.rows) \($0.code == "-" ? "without a code" : $0.code)" }
                        .joined(separator: ", ")
                return "\(rows) \(group.kind) (\(named))"
            }
    }
}
