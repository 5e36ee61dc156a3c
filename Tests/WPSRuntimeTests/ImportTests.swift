import Foundation
import Testing

@testable import OutreachAPI
@testable import WPSRuntime

@Suite struct LineSetTests {
    @Test func rangesMergeAndPrintCompactly() {
        var set = LineSet([2, 3, 4, 7, 9, 8, 20])
        #expect(set.description == "2-4,7-9,20")
        set.insert(5)
        set.insert(6)
        #expect(set.description == "2-9,20")
        #expect(set.count == 9 && set.first == 2 && set.last == 20)
        #expect(set.contains(20) && set.contains(5) && !set.contains(10) && !set.contains(1))
        #expect(LineSet(parsing: "2-9,20") == set)
        #expect(LineSet(parsing: "9-2") == nil && LineSet(parsing: "x") == nil)
        #expect(set.subtracting(LineSet([3, 4, 20])).description == "2,5-9")
    }
}

@Suite struct ImportJournalTests {
    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wps-journal-\(UUID().uuidString)/j.journal").path
    }

    @Test func entriesReadBackAndUnsettledRowsAreKnown() throws {
        let path = temporaryPath()
        let journal = try ImportJournal(path: path, header: "boxes.csv sha256:abc")
        try journal.append(.sending(LineSet(2...201)))
        try journal.append(.accepted(id: "7", LineSet(2...201)))
        try journal.append(.sending(LineSet(202...401)))
        try journal.append(.sending(LineSet(402...451)))
        try journal.append(.accepted(id: "9", LineSet(402...451)))
        try journal.append(.existing(LineSet([300])))
        journal.close()
        let state = try ImportJournal.load(path)
        #expect(state.accepted.map(\.id) == ["7", "9"])
        #expect(state.covered.description == "2-201,300,402-451")
        #expect(state.unsettled.description == "202-299,301-401")
        #expect(!state.finished)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    @Test func aTornLastLineIsIgnoredButDamageIsNot() throws {
        let path = temporaryPath()
        let journal = try ImportJournal(path: path, header: "x")
        try journal.append(.accepted(id: "1", LineSet(2...3)))
        journal.close()
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("accep".utf8))
        try handle.close()
        #expect(try ImportJournal.load(path).covered.description == "2-3")
        try "# x\nbogus 1\naccepted 1 2-3\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RuntimeError.self) { try ImportJournal.load(path) }
    }
}

@Suite struct ImportSourceTests {
    @Test func csvLinesCountBreaksInsideQuotedFields() throws {
        let data = Data("email,from_name\r\na@example.com,\"Ann\nSmith\"\n\nb@example.com,Bob\n".utf8)
        var reader = try ImportSource.standardInput(data).rows()
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.map(\.line) == [2, 5])
        #expect(rows.first?.fields["from_name"] == "Ann\nSmith")
    }

    @Test func malformedInputIsLocated() throws {
        var ndjson = try ImportSource.standardInput(Data("{\"email\":\"a@example.com\"}\n{oops\n".utf8)).rows()
        _ = try ndjson.next()
        #expect(throws: RuntimeError.self) { _ = try ndjson.next() }
        #expect(throws: RuntimeError.self) { _ = try ImportSource.standardInput(Data("a,b,a\n1,2,3\n".utf8)).rows() }
        // A row with too many fields is one problem of that row, not an error that ends the read.
        var wide = try ImportSource.standardInput(Data("a,b\n1,2,3\n4,5\n".utf8)).rows()
        let first = try wide.next()
        #expect(first?.line == 2 && first?.problem == "has 3 fields, the header has 2")
        #expect(try wide.next()?.fields == ["a": "4", "b": "5"])
    }

    @Test func rowsOfEmptyFieldsAreSkipped() throws {
        let data = Data("email,from_name,port\na@example.com,Ann,1\n,,\n , ,\"\"\n\nb@example.com,Bob,2\n,,\n,,\n".utf8)
        var reader = try ImportSource.standardInput(data).rows()
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        #expect(rows.map(\.line) == [2, 6])
    }

    @Test func theDelimiterIsToldFromTheHeader() throws {
        let known: Set<String> = ["email", "from_name", "port"]
        func lines(_ text: String, delimiter: UInt8? = nil) throws -> [[String: String]] {
            var source = ImportSource.standardInput(Data(text.utf8))
            source.delimiter = delimiter
            var reader = try source.rows(known: known)
            var rows: [[String: String]] = []
            while let row = try reader.next() { rows.append(row.fields) }
            return rows
        }
        let ann = ["email": "a@example.com", "from_name": "Ann; B, C"]
        #expect(try lines("email;from_name\na@example.com;\"Ann; B, C\"\n") == [ann])
        #expect(try lines("email\tfrom_name\na@example.com\t\"Ann; B, C\"\n") == [ann])
        #expect(try lines("email,from_name\na@example.com,\"Ann; B, C\"\n") == [ann])
        // Known columns count before fields: `x;y;z` does not make `;` the delimiter.
        #expect(try lines("email,x;y;z,port\na@example.com,1,2\n").first?["port"] == "2")
        #expect(
            try lines("email;port\na@example.com;1\n", delimiter: UInt8(ascii: ",")).first?["email;port"]
                == "a@example.com;1")
    }

    @Test func aHashKeysTheContent() throws {
        let one = ImportSource.standardInput(Data("email\na@example.com\n".utf8))
        let two = ImportSource.standardInput(Data("email\nb@example.com\n".utf8))
        #expect(try one.contentHash() != two.contentHash())
        #expect(try one.contentHash().count == 64)
    }
}

@Suite struct ReconciliationTests {
    typealias Importer = MailboxImporter<ManualMailboxTarget>

    /// A fake API: the first `lost` submissions are accepted but their answers are lost.
    final class FakeAPI: @unchecked Sendable {
        var lost: Int
        var accepted: [String: Int] = [:]  // email → batch
        var nextBatch = 100
        var submissions = 0
        let lock = NSLock()
        init(lost: Int) { self.lost = lost }

        func submit(_ items: [ManualMailbox]) throws -> SubmitResult {
            try lock.withLock {
                submissions += 1
                var conflicts: [Int: Conflict] = [:]
                for (index, item) in items.enumerated() {
                    if let batch = accepted[item.smtp_email ?? ""] {
                        // Pending in its batch, or connected some other way (no batch named).
                        conflicts[index] = Conflict(batch: batch < 0 ? nil : String(batch), isConnected: batch < 0)
                    }
                }
                if !conflicts.isEmpty { return .conflicts(conflicts) }
                nextBatch += 1
                for item in items { accepted[item.smtp_email ?? ""] = nextBatch }
                if lost > 0 {
                    lost -= 1
                    throw OutreachError(
                        kind: .outcomeUnknown, endpoint: "POST mailboxes/manual_connection/bulk",
                        detail: "the connection closed")
                }
                return .accepted(String(nextBatch))
            }
        }
    }

    func mailboxes(_ count: Int) -> [ManualMailbox] {
        (0..<count).map { ManualMailbox(smtp_email: "m\($0)@example.com") }
    }

    @Test func aLostAnswerIsLearntByResendingNotDuplicated() async throws {
        let api = FakeAPI(lost: 1)
        var notes: [String] = []
        let parts = try await Importer.settle(
            mailboxes(3), rows: LineSet(2...4), submit: { try api.submit($0) }, reconciles: true,
            note: { notes.append($0) })
        #expect(api.submissions == 2)
        #expect(notes.count == 1)
        guard case .accepted(let id, let lines) = try #require(parts.first) else {
            Issue.record("not accepted")
            return
        }
        #expect(id == "101" && lines.description == "2-4" && parts.count == 1)
    }

    @Test func rowsAlreadyThereAreSplitOffAndTheRestSent() async throws {
        let api = FakeAPI(lost: 0)
        api.accepted["m1@example.com"] = -1  // connected some other way: no batch named
        api.accepted["m2@example.com"] = 55
        let parts = try await Importer.settle(
            mailboxes(4), rows: LineSet(2...5), submit: { try api.submit($0) }, reconciles: true, note: { _ in }
        )
        let described = parts.map { part -> String in
            switch part {
            case .accepted(let id, let lines): "\(id):\(lines)"
            case .existing(let lines, _, _): "existing:\(lines)"
            case .outcome(let kind, _, let lines, _): "\(kind):\(lines)"
            }
        }
        #expect(described == ["55:4", "101:2,5", "existing:3"])
    }

    @Test func withoutReconciliationALostAnswerFails() async throws {
        let api = FakeAPI(lost: 1)
        await #expect(throws: OutreachError.self) {
            _ = try await Importer.settle(
                mailboxes(1), rows: LineSet([2]), submit: { try api.submit($0) }, reconciles: false, note: { _ in }
            )
        }
    }

    @Test func conflictDetailsAreRead() {
        let parsed = ImportCommands.parseConflicts(
            [
                "mailboxes[0].smtp_email: a@example.com is already pending in batch 12",
                "mailboxes[2].smtp_email: c@example.com is already connected (batch 9)",
                "mailboxes[3].smtp_email: d@example.com is already connected",
                "mailboxes[9].smtp_email: out of range",
            ], count: 4)
        #expect(parsed.count == 3)
        #expect(parsed[0] == Conflict(batch: "12", isConnected: false))
        #expect(parsed[2] == Conflict(batch: "9", isConnected: true))
        #expect(parsed[3] == Conflict(batch: nil, isConnected: true))
    }
}
