import Foundation

/// CSV rows with a header; line numbers count the line breaks inside quoted fields.
///
/// Each record is scanned in place (``CSVRecordReader``): a `String` is made only of the
/// non-empty cells under a named column, and a row keeps them by position under the shared
/// ``RowHeader``, bound once to the import target's fields when the reader is given its
/// ``ColumnTable``.
struct CSVRowReader: RowReader {
    let name: String
    var records: CSVRecordReader
    let header: [String]
    /// The header as the file spells it (trimmed, not lower-cased), for messages.
    let spelled: [String]
    /// The header shared by the rows.
    let shared: RowHeader
    /// The columns without a name in the header (not left out by `--ignore-column N`): a value
    /// there would be lost, so a row with one is a problem.
    let unnamed: [Int]
    /// The `--ignore-column` names the header does not have (as given, lower-cased).
    let absentIgnoredColumns: [String]

    var headerColumns: (line: Int, names: [String])? { (1, spelled) }

    /// Reads the header; the delimiter is `delimiter`, or else the one that splits the header
    /// line into the most `known` columns (then the most fields). With `columns`, rows are bound
    /// to that target's fields once, here.
    /// Columns named in `ignored` (trimmed, lower-cased; a column without a name by its 1-based
    /// number) are read as if they had no name and held nothing.
    init(
        name: String, records: CSVRecordReader, known: Set<String> = [], delimiter: UInt8? = nil,
        columns: ColumnTable? = nil, ignored: Set<String> = [], renamed: [String: String] = [:],
        exampleHeader: String = "email,password,host,port,imap_host,imap_port"
    ) throws(RuntimeError) {
        self.name = name
        var records = records
        records.delimiter = delimiter ?? CSVRecordReader.detectDelimiter(in: records.peekFirstLine(), known: known)
        self.records = records
        guard let first = try Self.record(from: &self.records, name) else {
            throw RuntimeError(
                "\(name):1: the file is empty: expected a header row naming the columns, such as \(exampleHeader)")
        }
        let raw = first.fields
        let trimmed = raw.map { $0.trimmingCharacters(in: .whitespaces) }
        let lowered = trimmed.map { $0.lowercased() }
        if lowered.allSatisfy(\.isEmpty) { throw RuntimeError("\(name):1: the CSV file has no header row") }
        // A column left out is read as one without a name that holds nothing.
        var leftOut = Set<Int>()
        var matched = Set<String>()
        for (position, name) in lowered.enumerated() {
            let key = name.isEmpty ? String(position + 1) : ColumnName.key(name)
            if ignored.contains(key) {
                leftOut.insert(position)
                matched.insert(key)
            }
        }
        spelled = trimmed.enumerated().map { leftOut.contains($0.offset) ? "" : $0.element }
        // `--map`: a column read as another (its messages still name it as the file does).
        header = lowered.enumerated().map { position, name in
            leftOut.contains(position) ? "" : renamed.isEmpty ? name : renamed[ColumnName.key(name)] ?? name
        }
        unnamed = lowered.indices.filter { lowered[$0].isEmpty && !leftOut.contains($0) }
        absentIgnoredColumns = ignored.subtracting(matched).sorted()
        // A first row holding an address is data: the header is missing.
        if let column = header.firstIndex(where: { $0.contains("@") }) {
            throw RuntimeError(
                "\(name):1:\(Self.column(of: column, in: raw)): the first row is data (field \(column + 1) holds an email address), not a header: add a header row naming the columns, such as \(exampleHeader)"
            )
        }
        var seen: Set<String> = []
        for column in header where !column.isEmpty {
            if !seen.insert(column).inserted {
                throw RuntimeError("\(name):1: column '\(column)' appears twice in the header")
            }
        }
        shared = RowHeader(names: header, columns: columns)
    }

    mutating func next() throws(RuntimeError) -> SourceRow? {
        let columns = header.count
        while try advance() {
            let count = records.spans.count
            let line = records.recordLine
            // Every field is text, even those no column keeps.
            for position in 0..<count where records.spans[position].nonASCII {
                do { _ = try records.text(ofField: position) } catch {
                    throw RuntimeError("\(name):\(error.line): malformed CSV: \(error.message)")
                }
            }
            // A blank line, or a row of empty fields (`,,,,`, which spreadsheets export after the data).
            if try isBlank(fields: 0..<count) { continue }
            if count > columns, try !isBlank(fields: columns..<count) {
                let problem = "has \(count) fields, the header has \(columns)"
                return SourceRow(line: line, fields: [:], normalized: true, problem: problem)
            }
            for position in unnamed where position < count {
                guard try !isBlank(fields: position..<position + 1) else { continue }
                let problem =
                    "field \(position + 1) holds a value, but its column has no name in the header: name the column, or leave it out with --ignore-column \(position + 1)"
                return SourceRow(line: line, fields: [:], normalized: true, problem: problem)
            }
            // A quote left open swallows the following lines into one field of a short row.
            if count < columns, records.holdsLineBreak(field: count - 1) {
                throw RuntimeError(
                    "\(name):\(line): \(count) of \(columns) fields, and a quoted field opened on this line runs on over the next lines: check for an unclosed quote"
                )
            }
            // Fields are trimmed; what trimming changed is kept as written too, for the secrets
            // (an unquoted field of nothing but spaces is an empty field: there is nothing to keep).
            var cells = [String?](repeating: nil, count: min(count, columns))
            var asWritten: [String: SourceRow.Written] = [:]
            for position in 0..<min(count, columns) where !header[position].isEmpty && !records.isEmpty(field: position)
            {
                let quoted = records.spans[position].quoted
                guard let (first, last) = records.edgeBytes(ofField: position), !Self.isSpace(first),
                    !Self.isSpace(last)
                else {
                    let value = try text(position)
                    let trimmed = Self.trimmed(value)
                    if !trimmed.isEmpty { cells[position] = trimmed }
                    if trimmed.utf8.count != value.utf8.count, !trimmed.isEmpty || quoted {
                        asWritten[header[position]] = .init(text: value, quoted: quoted)
                    }
                    continue
                }
                cells[position] = try text(position)
            }
            return SourceRow(line: line, header: shared, cells: cells, asWritten: asWritten)
        }
        return nil
    }

    private mutating func advance() throws(RuntimeError) -> Bool {
        do { return try records.advance() } catch {
            throw RuntimeError("\(name):\(error.line): malformed CSV: \(error.message)")
        }
    }

    private func text(_ position: Int) throws(RuntimeError) -> String {
        do { return try records.text(ofField: position) } catch {
            throw RuntimeError("\(name):\(error.line): malformed CSV: \(error.message)")
        }
    }

    /// Whether these fields of the record are all empty once trimmed.
    private func isBlank(fields positions: Range<Int>) throws(RuntimeError) -> Bool {
        for position in positions {
            guard let (first, last) = records.edgeBytes(ofField: position) else { continue }
            guard Self.isSpace(first) || Self.isSpace(last) else { return false }
            if !Self.trimmed(try text(position)).isEmpty { return false }
        }
        return true
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

    /// Whether trimming may start or stop at this byte (ASCII spaces and line breaks, and any
    /// byte of a character beyond ASCII, which may be a space).
    static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D || byte >= 0x80
    }

    /// The field without surrounding whitespace; fields without any are returned as they are.
    static func trimmed(_ field: String) -> String {
        guard let first = field.utf8.first, let last = field.utf8.last else { return field }
        guard isSpace(first) || isSpace(last) else { return field }
        return field.trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
