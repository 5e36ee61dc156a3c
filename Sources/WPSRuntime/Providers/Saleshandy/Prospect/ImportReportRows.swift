import Foundation
import WPSLanguage

/// Each row of a Saleshandy prospect import with its outcome: `added`, `failed` (the import's
/// report names it, with the reason), `invalid` (`--skip-invalid` left it out), `checked` (a dry
/// run) — for `--report FILE.csv`, the counts and the error message.
struct ImportReportRows {
    struct Row {
        var place: String
        var email: String
        var outcome: String
        var request: String
        var message: String
    }

    private(set) var rows: [Row] = []

    init(
        source: ImportSource, target: SaleshandyProspectTarget,
        outcome: MailboxImporter<SaleshandyProspectTarget>.Outcome, failures: [String: String]
    ) throws {
        var requestOfRow: [Int: String] = [:]
        for case .accepted(let id, let lines) in outcome.settled {
            for range in lines.ranges { for row in range { requestOfRow[row] = id } }
        }
        var reader = try source.rows(known: target.knownColumns, columns: target.columnTable)
        var number = 0
        while let row = try reader.next() {
            number += 1
            let email = row.problem == nil ? target.email(of: target.item(from: row, checking: false).item) ?? "" : ""
            let place = outcome.places.place(of: number).map(String.init(describing:)) ?? "\(row.place)"
            var entry = Row(place: place, email: email, outcome: "not sent", request: "", message: row.problem ?? "")
            if let skipped = outcome.skipped[number] {
                entry.outcome = "invalid"
                entry.message = skipped.reason
            } else if let id = requestOfRow[number] {
                entry.request = id
                if id.isEmpty {
                    entry.outcome = "checked"
                } else if let reason = failures[email.lowercased()] {
                    entry.outcome = "failed"
                    entry.message = reason
                } else {
                    entry.outcome = "added"
                }
            }
            rows.append(entry)
        }
    }

    /// The rows the imports' reports name.
    var failedCount: Int { rows.filter { $0.outcome == "failed" }.count }

    /// The failed rows of one request.
    func failed(inRequest id: String) -> Int { rows.filter { $0.outcome == "failed" && $0.request == id }.count }

    /// A few failed rows with their reasons, for the error message.
    var failureSample: String {
        let failed = rows.filter { $0.outcome == "failed" }
        return failed.prefix(3).map { "\($0.place) \($0.email): \($0.message)" }.joined(separator: "; ")
            + (failed.count > 3 ? "; …" : "")
    }

    /// `line,email,outcome,request,message`, one row per source row in order (0600).
    func write(to path: String) throws {
        var text = "line,email,outcome,request,message\n"
        for row in rows {
            text +=
                [row.place, row.email, row.outcome, row.request, row.message]
                .map(MailboxImporter<SaleshandyProspectTarget>.csvField).joined(separator: ",") + "\n"
        }
        try MailboxImporter<SaleshandyProspectTarget>.writePrivately(text, to: path)
    }
}
