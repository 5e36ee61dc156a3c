import Foundation
import Testing

@testable import OutreachAPI
@testable import WPSRuntime

/// `prospect import`'s parts: spreadsheet columns, empty cells, the per-row outcomes a request
/// answers, their journal entries, and a lost answer resent.
@Suite struct ProspectImportTests {
    typealias Importer = MailboxImporter<ProspectTarget>

    func rows(_ text: String) throws -> [SourceRow] {
        var reader = try ImportSource.standardInput(Data(text.utf8)).rows(known: ProspectTarget.known)
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    @Test func aSpreadsheetExportIsReadUnderTheAPIsNames() throws {
        let csv =
            "\u{FEFF}Email,First Name,Company Name,Job Title,Snippet 3,status\r\nann@acme.com,Ann,Acme,CEO,,replied\r\n"
        let row = try #require(try rows(csv).first)
        let (prospect, problems) = ProspectTarget().item(from: row, checking: true)
        #expect(problems.isEmpty)
        #expect(prospect.email == "ann@acme.com" && prospect.first_name == "Ann" && prospect.company == "Acme")
        #expect(prospect.title == "CEO" && prospect.status == "REPLIED")
        // An empty cell is left out, so --update keeps what is stored.
        #expect(prospect.snippets[3] == nil)
    }

    @Test func badRowsAreNamedByField() throws {
        let csv = "email,frist_name,status,interested\nnot-an-email,Ann,GONE,maybe\n"
        let row = try #require(try rows(csv).first)
        let problems = ProspectTarget().item(from: row, checking: true).problems.map(\.description)
        #expect(
            problems == [
                "frist_name: unknown column — did you mean 'first_name'?",
                "email: must be a valid email address, got 'not-an-email'",
                "status: must be one of ACTIVE, BLACKLIST, BOUNCED, INVALID, REPLIED, got 'GONE'",
                "interested: must be one of INTERESTED, NOT_INTERESTED, MAYBE_LATER, got 'MAYBE'",
            ])
    }

    @Test func outcomesAreJournaledAndReadBack() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent(
            "wps-journal-\(UUID().uuidString)/p.journal"
        ).path
        let journal = try ImportJournal(path: path, header: "p.csv sha256:abc prospects-database")
        try journal.append(.sending(LineSet(2...10)))
        try journal.append(.outcome(kind: "added", code: nil, LineSet(2...8)))
        try journal.append(.outcome(kind: "rejected", code: "E_INV_STATUS", LineSet([9])))
        try journal.append(.sending(LineSet(11...20)))
        journal.close()
        let state = try ImportJournal.load(path)
        #expect(state.outcomes.map(\.kind) == ["added", "rejected"] && state.outcomes[1].code == "E_INV_STATUS")
        #expect(state.covered.description == "2-9")
        #expect(state.unsettled.description == "10-20")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("outcome added - 2-8\noutcome rejected E_INV_STATUS 9\n"))
    }

    /// A fake add_prospects_list: the first `lost` answers are lost after the prospects were stored.
    final class FakeProspects: @unchecked Sendable {
        var lost: Int
        var stored: Set<String> = []
        var requests = 0
        let lock = NSLock()
        init(lost: Int, stored: Set<String> = []) {
            self.lost = lost
            self.stored = stored
        }
        func submit(_ items: [ProspectFields]) throws -> SubmitResult {
            try lock.withLock {
                requests += 1
                var outcomes: [RowOutcome] = []
                for item in items {
                    if item.status == "BOUNCED" {
                        outcomes.append(RowOutcome(kind: "rejected", code: "E_INV_STATUS", message: "status BOUNCED"))
                    } else if stored.insert(item.email).inserted {
                        outcomes.append(RowOutcome(kind: "added"))
                    } else {
                        outcomes.append(RowOutcome(kind: "duplicate", code: "E_DUPLICATE"))
                    }
                }
                if lost > 0 {
                    lost -= 1
                    throw OutreachError(
                        kind: .outcomeUnknown, endpoint: "POST /rest/v1/add_prospects_list",
                        detail: "the connection closed")
                }
                return .outcomes(outcomes)
            }
        }
    }

    @Test func eachRowGetsItsOutcomeAndALostAnswerIsResentSafely() async throws {
        var bounced = ProspectFields(email: "c@x.com")
        bounced.status = "BOUNCED"
        let items = [ProspectFields(email: "a@x.com"), ProspectFields(email: "b@x.com"), bounced]
        let api = FakeProspects(lost: 1, stored: ["b@x.com"])
        var notes: [String] = []
        let parts = try await Importer.settle(
            items, rows: LineSet(2...4), submit: { try api.submit($0) }, reconciles: true,
            note: { notes.append($0) })
        #expect(api.requests == 2 && notes.count == 1)
        #expect(api.stored == ["a@x.com", "b@x.com"])
        let described = parts.map { part -> String in
            guard case .outcome(let kind, let code, let rows, let messages) = part else { return "?" }
            return "\(kind) \(code ?? "-") \(rows) \(messages.keys.sorted())"
        }
        // a@x.com was added by the attempt whose answer was lost: the resend answers E_DUPLICATE,
        // and its message says why.
        #expect(described == ["duplicate E_DUPLICATE 2-3 [2, 3]", "rejected E_INV_STATUS 4 [4]"])
        guard case .outcome(_, _, _, let messages) = parts[0] else { return }
        #expect(messages[2]?.contains("answer was lost") == true)
    }

    @Test func aShortAnswerIsAnErrorNotASilentLoss() async throws {
        await #expect(throws: RuntimeError.self) {
            _ = try await Importer.settle(
                [ProspectFields(email: "a@x.com"), ProspectFields(email: "b@x.com")], rows: LineSet(2...3),
                submit: { _ in .outcomes([RowOutcome(kind: "added")]) }, reconciles: true, note: { _ in }
            )
        }
    }
}
