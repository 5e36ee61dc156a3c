import Foundation
import Testing

@testable import OutreachAPI
@testable import WPSRuntime

/// The byte-level CSV row path: records scanned in place, cells bound to an import target's
/// fields once per header, and a dry run told from the check alone.
@Suite struct CSVRowPathTests {
    typealias Importer = MailboxImporter<ProspectTarget>

    /// The rows of `text` read as `prospect import` reads them (bound to the prospect fields).
    func rows(_ text: String) throws -> [SourceRow] {
        try rows(bytes: Array(text.utf8))
    }

    func rows(bytes: [UInt8]) throws -> [SourceRow] {
        let target = ProspectTarget()
        var reader = try ImportSource.standardInput(Data(bytes)).rows(
            known: target.knownColumns, columns: target.columnTable)
        var rows: [SourceRow] = []
        while let row = try reader.next() { rows.append(row) }
        return rows
    }

    func prospects(_ text: String) throws -> [ProspectFields] {
        try rows(text).map { ProspectTarget().item(from: $0, checking: false).item }
    }

    func error(_ text: String) -> String? {
        error(bytes: Array(text.utf8))
    }

    func error(bytes: [UInt8]) -> String? {
        do {
            _ = try rows(bytes: bytes)
            return nil
        } catch {
            return (error as? RuntimeError)?.message ?? "\(error)"
        }
    }

    @Test func quotedFieldsKeepCommasQuotesAndLineBreaks() throws {
        let csv =
            "email,company,title\na@x.com,\"Acme, Inc.\",\"the \"\"boss\"\"\"\nb@x.com,\"two\r\nlines\",CEO\nc@x.com,C,\n"
        let read = try rows(csv)
        #expect(read.map(\.line) == [2, 3, 5])
        let items = read.map { ProspectTarget().item(from: $0, checking: false).item }
        #expect(items[0].company == "Acme, Inc." && items[0].title == "the \"boss\"")
        #expect(items[1].company == "two\r\nlines" && items[1].title == "CEO")
        #expect(items[2].company == "C" && items[2].title == nil)
    }

    @Test func aByteOrderMarkAndCRLFAreNotPartOfTheFields() throws {
        let items = try prospects("\u{FEFF}Email,First Name,Company Name\r\nann@acme.com,Ann,Acme\r\n")
        #expect(
            items == [
                {
                    var ann = ProspectFields(email: "ann@acme.com")
                    ann.first_name = "Ann"
                    ann.company = "Acme"
                    return ann
                }()
            ])
    }

    @Test func aFieldsOwnNameWinsOverItsAliasesAndAnEmptyCellFallsBack() throws {
        let items = try prospects("E-mail,email,Company,company name\na@x.com,b@x.com,,Acme\nc@x.com,,Own,Alias\n")
        #expect(items.map(\.email) == ["b@x.com", "c@x.com"])
        #expect(items.map(\.company) == ["Acme", "Own"])
    }

    @Test func spacesAroundCellsAreTrimmedAndBlankRowsSkipped() throws {
        let read = try rows("email,first_name\n  a@x.com ,\" Ann \"\n , \n,,\n\"\",\nb@x.com,\u{A0}Bob\u{A0}\n")
        #expect(read.map(\.line) == [2, 6])
        #expect(
            read.map(\.fields) == [
                ["email": "a@x.com", "first_name": "Ann"], ["email": "b@x.com", "first_name": "Bob"],
            ])
        // What trimming changed is kept as written (quoted: its spaces are part of the field).
        #expect(read[0].asWritten["first_name"] == SourceRow.Written(text: " Ann ", quoted: true))
    }

    @Test func raggedRowsAreLocated() throws {
        let read = try rows("email,first_name\na@x.com,Ann,extra\nb@x.com\nc@x.com,Cy,,\n")
        #expect(read.map(\.line) == [2, 3, 4])
        #expect(read[0].problem == "has 3 fields, the header has 2")
        #expect(read[1].problem == nil && read[1].fields == ["email": "b@x.com"])
        // Empty fields past the header's are what spreadsheets export: not a problem.
        #expect(read[2].problem == nil && read[2].fields == ["email": "c@x.com", "first_name": "Cy"])
        let unclosed = error("email,first_name,company\na@x.com,\"Ann\nb@x.com,Bob,B\n")
        #expect(unclosed?.hasPrefix("<stdin>:2: ") == true)
        #expect(unclosed?.contains("never closed") == true || unclosed?.contains("unclosed quote") == true)
    }

    @Test func bytesThatAreNotUTF8AreLocatedByLine() {
        let bytes = Array("email,company\na@x.com,\"one\ntwo\"\nb@x.com,caf".utf8) + [0xE9] + Array("\n".utf8)
        #expect(
            error(bytes: bytes)
                == "<stdin>:4: malformed CSV: a field is not UTF-8 text (byte 0xE9 at its byte 4); save the file as UTF-8"
        )
        #expect(
            error("email\na@x.com\n\"x\"y\n")
                == "<stdin>:3: malformed CSV: text after the closing quote of a field; write a quote inside a quoted field as \"\""
        )
    }

    @Test func aLineBreakSplitByAChunkBoundaryCountsOnce() throws {
        // `\r` the last byte of the first chunk and `\n` the first of the next, then a quoted
        // `\r\n` split the same way: every line is still counted once.
        let header = "email,company\r\n"
        var text = header
        var index = 0
        while text.utf8.count < CSVRecordReader.chunkSize - 40 {
            text += "u\(index)@x.com,C\r\n"
            index += 1
        }
        let pad = CSVRecordReader.chunkSize - text.utf8.count - "z@x.com,".utf8.count - 1
        text += "z@x.com," + String(repeating: "p", count: pad) + "\r\nlast@x.com,\"a\r\nb\"\r\nend@x.com,E\r\n"
        #expect(Array(text.utf8)[CSVRecordReader.chunkSize - 1] == 0x0D)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("rows-\(UUID().uuidString).csv").path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let target = ProspectTarget()
        var reader = try ImportSource.file(path).rows(known: target.knownColumns, columns: target.columnTable)
        var read: [SourceRow] = []
        while let row = try reader.next() { read.append(row) }
        #expect(read.count == index + 3)
        #expect(read.map(\.line) == Array(2...(index + 3)) + [index + 5])
        #expect(read[index + 1].fields["company"] == "a\r\nb")
        #expect(read.last?.fields["email"] == "end@x.com")
    }

    @Test func unknownColumnsAreNamedOnceAndTheirRowsAreInvalid() throws {
        let csv = "email,frist_name\na@x.com,Ann\nb@x.com,\n"
        let problems = try rows(csv).map { ProspectTarget().item(from: $0, checking: true).problems.map(\.description) }
        #expect(problems == [["frist_name: unknown column — did you mean 'first_name'?"], []])
        let checked = try importer(csv).check()
        #expect(checked.invalid.description == "1")
        #expect(checked.problems == ["<stdin>:1: frist_name: unknown column — did you mean 'first_name'?"])
    }

    @Test func duplicatesAreFoundWhateverTheirCase() throws {
        let checked = try importer("email\nAnn@X.com\nb@x.com\nann@x.COM\n").check()
        #expect(checked.problems == ["<stdin>:4: duplicate prospect ann@x.COM: already on line 2"])
    }

    @Test func rowsCheckedOnTheirOwnThreadArriveInOrderAndAReadErrorAfterThem() throws {
        var csv = "email\n"
        for index in 0..<10_000 { csv += index % 1000 == 999 ? "bad\(index)\n" : "p\(index)@x.com\n" }
        let checked = try importer(csv).check()
        #expect(checked.rows == 10_000)
        #expect(checked.invalid.description == (1...10).map { "\($0 * 1000)" }.joined(separator: ","))
        #expect(checked.problems.count == 10)
        #expect(checked.problems.first == "<stdin>:1001: email: must be a valid email address, got 'bad999'")
        #expect(checked.problems.last == "<stdin>:10001: email: must be a valid email address, got 'bad9999'")
        let unclosed = importer(csv + "\"open\n")
        #expect {
            _ = try unclosed.check()
        } throws: { error in
            (error as? RuntimeError)?.message.hasPrefix("<stdin>:10002: malformed CSV") == true
        }
    }

    @Test func aDryRunIsToldFromTheCheckAlone() async throws {
        var csv = "email,first_name\n"
        for index in 0..<7 { csv += index == 3 ? "bad,X\n" : "p\(index)@x.com,P\(index)\n" }
        let shown = Shown()
        var options = Importer.Options(batchSize: 2, parallel: 1)
        options.dryRun = true
        options.skipInvalid = true
        options.describe = { items in items.map(\.email).joined(separator: " ") }
        options.show = { shown.append($0) }
        let outcome = try await importer(csv, options: options).run()
        #expect(
            shown.lines == [
                "p0@x.com p1@x.com",
                "── dry run: would send request 2: 2 prospects (lines 4,6)",
                "── dry run: would send request 3: 2 prospects (lines 7-8)",
            ])
        #expect(outcome.settled.count == 3 && outcome.skipped.keys.sorted() == [4])
    }

    func importer(_ csv: String, options: Importer.Options = Importer.Options(batchSize: 20_000, parallel: 1))
        -> Importer
    {
        Importer(
            target: ProspectTarget(), source: ImportSource.standardInput(Data(csv.utf8)), options: options,
            progress: ProgressLine(isTerminal: false) { _ in }
        ) { _ in .outcomes([]) }
    }

    /// What a dry run showed, in order.
    final class Shown: @unchecked Sendable {
        private let lock = NSLock()
        private var shown: [String] = []
        func append(_ line: String) { lock.withLock { shown.append(line) } }
        var lines: [String] { lock.withLock { shown } }
    }
}
