import CSV
import Foundation

/// CSV rows with a header; line numbers count the line breaks inside quoted fields.
struct CSVRowReader: RowReader {
    let name: String
    let reader: CSVReader
    let header: [String]
    var nextLine: Int

    init(name: String, stream: InputStream) throws(RuntimeError) {
        self.name = name
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: false)
        } catch {
            throw RuntimeError("\(name):1: not a CSV file with a header row (\(error))")
        }
        let raw = reader.headerRow ?? []
        header = raw.map { $0.replacingOccurrences(of: "\u{FEFF}", with: "").trimmingCharacters(in: .whitespaces).lowercased() }
        nextLine = 2 + raw.reduce(0) { $0 + Self.lineBreaks(in: $1) }
        if header.allSatisfy(\.isEmpty) { throw RuntimeError("\(name):1: the CSV file has no header row") }
        var seen: Set<String> = []
        for column in header where !column.isEmpty {
            if !seen.insert(column.lowercased()).inserted { throw RuntimeError("\(name):1: column '\(column)' appears twice in the header") }
        }
    }

    mutating func next() throws(RuntimeError) -> SourceRow? {
        while let record = reader.next() {
            let line = nextLine
            nextLine += 1 + record.reduce(0) { $0 + Self.lineBreaks(in: $1) }
            if record.count == 1, record[0].isEmpty { continue }  // a blank line
            if record.count > header.count, record[header.count...].contains(where: { !$0.isEmpty }) {
                throw RuntimeError("\(name):\(line): \(record.count) fields, but the header names \(header.count) columns")
            }
            var fields: [String: String] = [:]
            for (column, value) in zip(header, record) where !column.isEmpty {
                let trimmed = Self.trimmed(value)
                if !trimmed.isEmpty { fields[column] = trimmed }
            }
            return SourceRow(line: line, fields: fields, normalized: true)
        }
        // CSV.swift reports the end of the stream as `cannotReadFile`; anything else is malformed input.
        if let error = reader.error, "\(error)" != "cannotReadFile" {
            throw RuntimeError("\(name):\(nextLine): malformed CSV (\(error)); check for an unclosed quote")
        }
        return nil
    }

    /// The field without surrounding whitespace; fields without any are returned as they are.
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        func isSpace(_ byte: UInt8) -> Bool { byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte >= 0x80 }
        guard isSpace(first) || isSpace(last) else { return field }
        return field.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static func lineBreaks(in field: String) -> Int {
        var count = 0
        for byte in field.utf8 where byte == UInt8(ascii: "\n") { count += 1 }
        if count == 0 { for byte in field.utf8 where byte == UInt8(ascii: "\r") { count += 1 } }
        return count
    }
}
