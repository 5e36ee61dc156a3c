import CSV
import Foundation
import Testing

@testable import WPSRuntime

@Suite struct CSVRecordReaderTests {
    private func records(_ text: String) throws -> [(line: Int, fields: [String])] {
        var reader = CSVRecordReader(data: Data(text.utf8))
        var result: [(line: Int, fields: [String])] = []
        while let record = try reader.next() { result.append(record) }
        return result
    }

    private func malformed(_ bytes: [UInt8]) -> CSVRecordReader.Malformed? {
        var reader = CSVRecordReader(data: Data(bytes))
        do {
            while try reader.next() != nil {}
            return nil
        } catch {
            return error
        }
    }

    @Test func linesCountEveryKindOfLineBreak() throws {
        let read = try records("a,b\r\n\"x\ny\",2\rlast,\"q\"\"uote\"\n\nend")
        #expect(read.map(\.line) == [1, 2, 4, 5, 6])
        #expect(read.map(\.fields) == [["a", "b"], ["x\ny", "2"], ["last", "q\"uote"], [""], ["end"]])
    }

    @Test func aByteOrderMarkIsNotPartOfTheHeader() throws {
        #expect(try records("\u{FEFF}email\nx\n").map(\.fields) == [["email"], ["x"]])
    }

    @Test func aQuoteInsideAnUnquotedFieldIsKept() throws {
        #expect(try records("O\"Brien,5\n").map(\.fields) == [["O\"Brien", "5"]])
    }

    @Test func malformedRecordsNameTheirLine() {
        let unclosed = malformed(Array("email,name\na@example.com,\"Ann\n\nb@example.com,Bob\n".utf8))
        #expect(unclosed?.line == 2)
        #expect(unclosed?.message.contains("never closed") == true)
        let trailing = malformed(Array("a,b\n\"x\"y,2\n".utf8))
        #expect(
            trailing
                == CSVRecordReader.Malformed(
                    line: 2,
                    message: "text after the closing quote of a field; write a quote inside a quoted field as \"\""))
        let latin1 = malformed(Array("email\n".utf8) + Array("caf".utf8) + [0xE9] + Array("@example.com\n".utf8))
        #expect(latin1?.line == 2)
        #expect(latin1?.message.contains("byte 0xE9 at its byte 4") == true)
    }

    @Test func recordsSpanningChunksReadWhole() throws {
        // Over two 1 MiB chunks, with quoted line breaks falling anywhere, including on a boundary.
        var text = "email,note\n"
        var expected: [[String]] = [["email", "note"]]
        var expectedLines = [1]
        var index = 0
        while text.utf8.count < 2_500_000 {
            let note = index % 7 == 0 ? "line one\r\nline \"two\"" : "plain \(index)"
            let quoted =
                note.contains("\"") || note.contains("\n")
                ? "\"" + note.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : note
            text += "user\(index)@example.com,\(quoted)\n"
            expected.append(["user\(index)@example.com", note])
            expectedLines.append((expectedLines.last ?? 0) + (index == 0 || (index - 1) % 7 != 0 ? 1 : 2))
            index += 1
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("csv-chunks-\(UUID().uuidString).csv")
            .path
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let handle = try #require(FileHandle(forReadingAtPath: path))
        var reader = CSVRecordReader(handle: handle)
        var read: [[String]] = []
        var lines: [Int] = []
        while let record = try reader.next() {
            read.append(record.fields)
            lines.append(record.line)
        }
        #expect(read == expected)
        #expect(lines == expectedLines)
    }

    /// The hand-written reader and CSV.swift agree on well-formed input (a seeded random corpus).
    @Test func agreesWithCSVSwiftOnWellFormedInput() throws {
        var generator = SeededGenerator(seed: 7)
        let alphabet: [String] = ["a", "B", "7", " ", ",", "\"", "\n", "\r\n", "é", "💌", "\t", "x@y.z"]
        for _ in 0..<400 {
            var rows: [[String]] = []
            let columns = Int.random(in: 1...5, using: &generator)
            for _ in 0..<Int.random(in: 1...6, using: &generator) {
                rows.append(
                    (0..<columns).map { _ in
                        (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                            alphabet.randomElement(using: &generator) ?? ""
                        }.joined()
                    })
            }
            let lineBreak = Bool.random(using: &generator) ? "\n" : "\r\n"
            let text =
                rows.map { row in
                    row.map { field in
                        let needsQuotes =
                            field.utf8.contains { [0x2C, 0x22, 0x0A, 0x0D].contains($0) }
                            || field.isEmpty && row.count == 1
                        return needsQuotes || Bool.random(using: &generator)
                            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
                    }.joined(separator: ",")
                }.joined(separator: lineBreak) + lineBreak
            let reference = try CSVReader(string: text, hasHeaderRow: false, trimFields: false)
            var expected: [[String]] = []
            while let row = reference.next() { expected.append(row) }
            #expect(try records(text).map(\.fields) == expected, "input: \(text.debugDescription)")
            #expect(expected == rows)
        }
    }
}

/// A small deterministic generator (SplitMix64) so the random corpus is the same every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
