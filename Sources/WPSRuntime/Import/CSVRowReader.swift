import Foundation

/// CSV rows with a header; line numbers count the line breaks inside quoted fields.
struct CSVRowReader: RowReader {
    let name: String
    var records: CSVRecordReader
    let header: [String]
    /// The header as the file spells it (trimmed, not lower-cased), for messages.
    let spelled: [String]

    var headerColumns: (line: Int, names: [String])? { (1, spelled) }

    /// Reads the header; the delimiter is `delimiter`, or else the one that splits the header
    /// line into the most `known` columns (then the most fields).
    init(name: String, records: CSVRecordReader, known: Set<String> = [], delimiter: UInt8? = nil) throws(RuntimeError)
    {
        self.name = name
        var records = records
        records.delimiter = delimiter ?? CSVRecordReader.detectDelimiter(in: records.peekFirstLine(), known: known)
        self.records = records
        guard let first = try Self.record(from: &self.records, name) else {
            throw RuntimeError(
                "\(name):1: the file is empty: expected a header row naming the columns, such as email,password,host,port,imap_host,imap_port"
            )
        }
        let raw = first.fields
        spelled = raw.map { $0.trimmingCharacters(in: .whitespaces) }
        header = spelled.map { $0.lowercased() }
        if header.allSatisfy(\.isEmpty) { throw RuntimeError("\(name):1: the CSV file has no header row") }
        // A first row holding an address is data: the header is missing.
        if let column = header.firstIndex(where: { $0.contains("@") }) {
            throw RuntimeError(
                "\(name):1:\(Self.column(of: column, in: raw)): the first row is data (field \(column + 1) holds an email address), not a header: add a header row naming the columns, such as email,password,host,port,imap_host,imap_port"
            )
        }
        var seen: Set<String> = []
        for column in header where !column.isEmpty {
            if !seen.insert(column).inserted {
                throw RuntimeError("\(name):1: column '\(column)' appears twice in the header")
            }
        }
    }

    mutating func next() throws(RuntimeError) -> SourceRow? {
        while let (line, record, quoted) = try Self.record(from: &records, name) {
            // A blank line, or a row of empty fields (`,,,,`, which spreadsheets export after the data).
            if record.allSatisfy({ Self.trimmed($0).isEmpty }) { continue }
            if record.count > header.count, record[header.count...].contains(where: { !Self.trimmed($0).isEmpty }) {
                let problem = "has \(record.count) fields, the header has \(header.count)"
                return SourceRow(line: line, fields: [:], normalized: true, problem: problem)
            }
            // A quote left open swallows the following lines into one field of a short row.
            if record.count < header.count, let field = record.last,
                field.utf8.contains(where: { $0 == 0x0A || $0 == 0x0D })
            {
                throw RuntimeError(
                    "\(name):\(line): \(record.count) of \(header.count) fields, and a quoted field opened on this line runs on over the next lines: check for an unclosed quote"
                )
            }
            // Fields are trimmed; what trimming changed is kept as written too, for the secrets
            // (an unquoted field of nothing but spaces is an empty field: there is nothing to keep).
            var fields: [String: String] = Dictionary(minimumCapacity: header.count)
            var asWritten: [String: SourceRow.Written] = [:]
            for (position, (column, value)) in zip(header, record).enumerated() where !column.isEmpty {
                let trimmed = Self.trimmed(value)
                if !trimmed.isEmpty { fields[column] = trimmed }
                if trimmed.utf8.count != value.utf8.count, !trimmed.isEmpty || quoted[position] {
                    asWritten[column] = .init(text: value, quoted: quoted[position])
                }
            }
            return SourceRow(line: line, fields: fields, normalized: true, asWritten: asWritten)
        }
        return nil
    }

    private static func record(
        from records: inout CSVRecordReader, _ name: String
    ) throws(RuntimeError) -> (line: Int, fields: [String], quoted: [Bool])? {
        do { return try records.nextRecord() } catch {
            throw RuntimeError("\(name):\(error.line): malformed CSV: \(error.message)")
        }
    }

    /// The 1-based column at which field `index` of a raw row starts (assuming no quotes).
    static func column(of index: Int, in raw: [String]) -> Int {
        1 + raw.prefix(index).reduce(0) { $0 + $1.count + 1 }
    }

    /// The field without surrounding whitespace; fields without any are returned as they are.
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        func isSpace(_ byte: UInt8) -> Bool {
            byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte >= 0x80
        }
        guard isSpace(first) || isSpace(last) else { return field }
        return field.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
