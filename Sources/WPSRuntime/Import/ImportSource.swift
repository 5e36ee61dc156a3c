import Crypto
import Foundation
import WPSLanguage

/// Where `mailbox import` reads its rows: a CSV, JSON or NDJSON file (streamed: a file is read
/// twice, once to check every row and once to send, and never held whole), standard input
/// (`-`, held in memory), or the records of a pipeline.
public struct ImportSource: Sendable {
    /// The kinds of content a source can hold.
    public enum Format: String, Sendable { case csv, json, ndjson, records }

    enum Origin: Sendable {
        case file(String)
        case data(Data)
        case records([Value])
        /// A file in another encoding (UTF-16, cp1252, …), read once and held as UTF-8.
        case decoded(path: String, Data)
    }

    /// The text encodings `--encoding` names (the file is turned into UTF-8 by Foundation).
    public enum Encoding: String, Sendable, CaseIterable {
        case utf8 = "utf-8"
        case utf16 = "utf-16"
        case cp1252, latin1

        /// `utf-8`, `utf8`, `utf-16`, `utf16`, `cp1252`, `windows-1252`, `latin1`, `iso-8859-1`, any case.
        public init?(named name: String) {
            switch name.lowercased() {
            case "utf-8", "utf8": self = .utf8
            case "utf-16", "utf16", "unicode": self = .utf16
            case "cp1252", "windows-1252", "windows1252": self = .cp1252
            case "latin1", "latin-1", "iso-8859-1", "iso8859-1": self = .latin1
            default: return nil
            }
        }

        var foundation: String.Encoding {
            switch self {
            case .utf8: .utf8
            case .utf16: .utf16
            case .cp1252: .windowsCP1252
            case .latin1: .isoLatin1
            }
        }
    }

    /// How messages name the source: the path, `<stdin>` or `<pipeline>`.
    public let name: String
    public private(set) var format: Format
    private(set) var origin: Origin
    /// The CSV delimiter `--delimiter` forces; nil: told from the header line.
    public var delimiter: UInt8?
    /// The columns `--ignore-column` leaves out (trimmed, lower-cased; for a CSV column without
    /// a name, its 1-based number): read as if the file did not have them.
    public var ignoredColumns: Set<String> = []
    /// `--map`: column key → the key of the column it is read as (``ColumnName/key(_:)``).
    public var renamedColumns: [String: String] = [:]
    /// What a row describes and a header that would do, for messages: `mailbox`,
    /// `email,password,host,port,imap_host,imap_port`.
    var rowNoun = "mailbox"
    var exampleHeader = "email,password,host,port,imap_host,imap_port"

    /// A file; `.json` is a JSON array, `.ndjson`/`.jsonl` one object per line, anything else CSV.
    public static func file(_ path: String) throws(RuntimeError) -> ImportSource {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else {
            throw RuntimeError("cannot read \(path): no such file")
        }
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw RuntimeError("cannot read \(path): permission denied")
        }
        let lower = path.lowercased()
        let format: Format =
            lower.hasSuffix(".json") ? .json : lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") ? .ndjson : .csv
        return ImportSource(name: path, format: format, origin: .file(path), delimiter: nil)
    }

    /// Bytes read from standard input; the format is sniffed (`[` JSON, `{` NDJSON, else CSV).
    public static func standardInput(_ data: Data) -> ImportSource {
        let first = data.first { !($0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09) }
        let format: Format = first == UInt8(ascii: "[") ? .json : first == UInt8(ascii: "{") ? .ndjson : .csv
        return ImportSource(name: "<stdin>", format: format, origin: .data(data), delimiter: nil)
    }

    /// Records from a pipeline.
    public static func records(_ values: [Value]) -> ImportSource {
        ImportSource(name: "<pipeline>", format: .records, origin: .records(values), delimiter: nil)
    }

    /// The byte `--delimiter` names: `,`, `;`, `tab` or `\t` (a tab); nil for anything else.
    public static func delimiter(named text: String) -> UInt8? {
        switch text.lowercased() {
        case ",", "comma": UInt8(ascii: ",")
        case ";", "semicolon": UInt8(ascii: ";")
        case "tab", "\\t", "\t": 0x09
        default: nil
        }
    }

    /// The path when the source is a file that can be read again (for reports).
    public var path: String? {
        switch origin {
        case .file(let path), .decoded(let path, _): path
        default: nil
        }
    }

    /// The source as UTF-8: a file or standard input that starts with a UTF-16 byte-order mark
    /// (Excel's "Unicode Text") is read as UTF-16 without being asked, and `encoding`
    /// (`--encoding cp1252` for Excel's "CSV (Windows)") says how to read any other. UTF-8 and
    /// pipeline records are left as they are (UTF-8 is read as it streams).
    public func decoded(as encoding: Encoding?) throws(RuntimeError) -> ImportSource {
        let head: Data
        switch origin {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw RuntimeError("cannot read \(path)") }
            head = (try? handle.read(upToCount: 2)) ?? Data()
            try? handle.close()
        case .data(let data): head = data.prefix(2)
        case .records, .decoded: return self
        }
        let bom =
            head.count == 2 && ((head.first == 0xFF && head.last == 0xFE) || (head.first == 0xFE && head.last == 0xFF))
        let wanted = encoding ?? (bom ? .utf16 : nil)
        guard let wanted, wanted != .utf8 else { return self }
        let bytes = try allData()
        guard var text = String(data: bytes, encoding: wanted.foundation) else {
            throw RuntimeError(
                "\(name): cannot be read as \(wanted.rawValue) text: check --encoding (utf-8, utf-16, cp1252, latin1)")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var copy = self
        switch origin {
        case .file(let path): copy.origin = .decoded(path: path, Data(text.utf8))
        default: copy.origin = .data(Data(text.utf8))
        }
        if copy.format == .records { copy.format = .csv }
        return copy
    }

    /// SHA-256 of the content, hex: the key of the import's journal.
    public func contentHash() throws(RuntimeError) -> String {
        var hasher = SHA256()
        switch origin {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw RuntimeError("cannot read \(path)") }
            defer { try? handle.close() }
            while true {
                let chunk: Data?
                do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                    throw RuntimeError("cannot read \(path): \(error.localizedDescription)")
                }
                guard let chunk, !chunk.isEmpty else { break }
                hasher.update(data: chunk)
            }
        case .data(let data), .decoded(_, let data):
            hasher.update(data: data)
        case .records(let values):
            hasher.update(data: Data(JSONRenderer().render(.list(values)).utf8))
        }
        return hasher.finalize().map { String(format: "%02x", $0) }.joined()
    }

    /// Checks that a file or standard input is text: UTF-8 with no NUL byte, else a located error.
    public func checkText() throws(RuntimeError) {
        var scanner = TextScanner()
        switch origin {
        case .file(let path):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw RuntimeError("cannot read \(path)") }
            defer { try? handle.close() }
            while scanner.problem == nil {
                let chunk: Data?
                do { chunk = try handle.read(upToCount: 1 << 20) } catch {
                    throw RuntimeError("cannot read \(path): \(error.localizedDescription)")
                }
                guard let chunk, !chunk.isEmpty else { break }
                scanner.feed(chunk)
            }
        case .data(let data), .decoded(_, let data):
            scanner.feed(data)
        case .records:
            return
        }
        if let problem = scanner.finish() {
            // Spreadsheets save other encodings: say which flag reads them.
            let hint =
                problem.message.hasPrefix("a NUL byte")
                ? " (UTF-16 without a byte-order mark? --encoding utf-16 reads it)"
                : problem.message.hasPrefix("not UTF-8")
                    ? " — or, for Excel's \"CSV (Windows)\", --encoding cp1252 reads it as it is (latin1 for ISO-8859-1)"
                    : ""
            throw RuntimeError("\(name):\(problem.line):\(problem.column): \(problem.message)\(hint)")
        }
    }

    /// A fresh reader over the rows, from the first; `known` (the columns a row may use) tells
    /// a CSV header's delimiter unless ``delimiter`` is set, and `columns` (an import target's)
    /// binds a CSV header to its fields once.
    public func rows(known: Set<String> = []) throws(RuntimeError) -> any RowReader {
        try rows(known: known, columns: nil)
    }

    func rows(known: Set<String>, columns: ColumnTable?) throws(RuntimeError) -> any RowReader {
        switch (origin, format) {
        case (.records(let values), _):
            return ArrayRowReader(
                rows: try values.enumerated().map { index, value throws(RuntimeError) in
                    guard case .record(let record) = value else {
                        throw RuntimeError(
                            "\(name): item \(index + 1) is \(value.typeName), not a record of \(rowNoun) fields")
                    }
                    var fields: [String: String] = [:]
                    for (key, field) in record where !field.text.isEmpty && field != .null {
                        if !ignoredColumns.isEmpty, ignoredColumns.contains(Self.columnKey(key)) { continue }
                        fields[renamedColumns[Self.columnKey(key)] ?? key] = field.text
                    }
                    return SourceRow(line: index + 1, fields: fields)
                })
        case (_, .json):
            return ArrayRowReader(rows: try jsonRows(try allData()))
        case (.file(let path), .ndjson):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw RuntimeError("cannot read \(path)") }
            return NDJSONRowReader(
                name: name, lines: ChunkedLineReader(handle: handle), ignored: ignoredColumns, renamed: renamedColumns)
        case (.data(let data), .ndjson), (.decoded(_, let data), .ndjson):
            return NDJSONRowReader(
                name: name, lines: ChunkedLineReader(data: data), ignored: ignoredColumns, renamed: renamedColumns)
        case (.file(let path), _):
            guard let handle = FileHandle(forReadingAtPath: path) else { throw RuntimeError("cannot read \(path)") }
            let records = CSVRecordReader(handle: handle)
            return try CSVRowReader(
                name: name, records: records, known: known, delimiter: delimiter, columns: columns,
                ignored: ignoredColumns, renamed: renamedColumns, exampleHeader: exampleHeader)
        case (.data(let data), _), (.decoded(_, let data), _):
            let records = CSVRecordReader(data: data)
            return try CSVRowReader(
                name: name, records: records, known: known, delimiter: delimiter, columns: columns,
                ignored: ignoredColumns, renamed: renamedColumns, exampleHeader: exampleHeader)
        }
    }

    private func allData() throws(RuntimeError) -> Data {
        switch origin {
        case .file(let path):
            guard let data = FileManager.default.contents(atPath: path) else {
                throw RuntimeError("cannot read \(path)")
            }
            return data
        case .data(let data), .decoded(_, let data): return data
        case .records: return Data()
        }
    }

    private func jsonRows(_ data: Data) throws(RuntimeError) -> [SourceRow] {
        let parsed: Any
        do { parsed = try JSONSerialization.jsonObject(with: data) } catch {
            let (line, column) = Self.location(of: error, in: data)
            throw RuntimeError("\(name):\(line):\(column): not valid JSON (\(Self.describe(error)))")
        }
        guard let array = parsed as? [Any] else {
            throw RuntimeError(
                "\(name):\(Self.elementLines(data, depth: 0).first ?? 1): expected a JSON array of \(rowNoun) objects")
        }
        let lines = Self.elementLines(data, depth: 1)
        func line(_ index: Int) -> Int { index < lines.count ? lines[index] : index + 1 }
        return try array.enumerated().map { index, item throws(RuntimeError) in
            // Objects that share a line (an array on one line) are told apart by their index.
            let shared =
                (index > 0 && line(index - 1) == line(index))
                || (index + 1 < array.count && line(index + 1) == line(index))
            let place = RowPlace(line: line(index), index: shared ? index : nil)
            guard let object = item as? [String: Any] else {
                throw RuntimeError("\(name):\(place): item \(index + 1) is not an object")
            }
            let fields = try Self.textFields(
                object, at: "\(name):\(place)", ignoring: ignoredColumns, renaming: renamedColumns)
            return SourceRow(line: place.line, index: place.index, fields: fields)
        }
    }

    /// A column name as `--ignore-column` names are kept: trimmed, lower-cased.
    static func columnKey(_ name: String) -> String { ColumnName.key(name) }

    /// The fields of a JSON object as text, but those `ignoring` names, and those `renaming`
    /// names under their new names; a list or object where a field belongs is an error (naming
    /// the field, never its value: it may be a password).
    static func textFields(
        _ object: [String: Any], at place: String, ignoring ignored: Set<String> = [],
        renaming renamed: [String: String] = [:]
    ) throws(RuntimeError) -> [String: String] {
        var fields: [String: String] = [:]
        for (given, value) in object {
            if !ignored.isEmpty, ignored.contains(columnKey(given)) { continue }
            let key = renamed.isEmpty ? given : renamed[columnKey(given)] ?? given
            switch value {
            case is NSNull: continue
            case let text as String: if !text.isEmpty { fields[key] = text }
            case let flag as Bool where type(of: value) == Bool.self: fields[key] = flag ? "true" : "false"
            case let number as Int where type(of: value) == Int.self: fields[key] = String(number)
            case let number as NSNumber:
                fields[key] =
                    String(cString: number.objCType) == "c" ? (number.boolValue ? "true" : "false") : number.stringValue
            default:
                throw RuntimeError(
                    "\(place): \(given): expected text, a number or true/false, got \(value is [Any] ? "a list" : "an object")"
                )
            }
        }
        return fields
    }

    /// The 1-based line on which each value at `depth` starts (depth 0: the document; 1: the
    /// items of a top-level array), found by scanning the bytes outside strings.
    static func elementLines(_ data: Data, depth wanted: Int) -> [Int] {
        var lines: [Int] = []
        var line = 1
        var depth = 0
        var inString = false
        var escaped = false
        var expecting = wanted == 0
        for byte in data {
            if byte == 0x0A { line += 1 }
            if inString {
                if escaped {
                    escaped = false
                } else if byte == UInt8(ascii: "\\") {
                    escaped = true
                } else if byte == UInt8(ascii: "\"") {
                    inString = false
                }
                continue
            }
            switch byte {
            case 0x20, 0x09, 0x0A, 0x0D:
                continue
            case UInt8(ascii: ","):
                if depth == wanted { expecting = true }
                continue
            case UInt8(ascii: "]"), UInt8(ascii: "}"):
                depth -= 1
                continue
            default:
                break
            }
            if depth == wanted, expecting {
                lines.append(line)
                expecting = false
            }
            switch byte {
            case UInt8(ascii: "\""):
                inString = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                depth += 1
                if depth == wanted { expecting = true }
            default:
                break
            }
        }
        return lines
    }

    /// Where a JSON parse error is: Foundation names the offset ("around character 29"), or
    /// the input ended early.
    static func location(of error: any Error, in data: some Collection<UInt8>) -> (line: Int, column: Int) {
        let text = describe(error)
        var offset = data.count
        if let range = text.range(of: "character ") {
            let digits = text[range.upperBound...].prefix { $0.isNumber }
            if let value = Int(digits) { offset = min(value, data.count) }
        } else if let range = text.range(of: "Number "), let end = text[range.upperBound...].firstIndex(of: " ") {
            // "Number 1e400 is not representable": find the number itself.
            let number = Array(text[range.upperBound..<end].utf8)
            let bytes = Array(data)
            if !number.isEmpty, number.count <= bytes.count,
                let start = (0...(bytes.count - number.count)).first(where: {
                    bytes[$0..<($0 + number.count)].elementsEqual(number)
                })
            {
                offset = start
            }
        }
        return YAMLLocator.lineAndColumn(of: offset, in: data)
    }

    static func describe(_ error: any Error) -> String {
        let text = (error as NSError).userInfo[NSDebugDescriptionErrorKey] as? String
        return text ?? "\(error.localizedDescription)"
    }
}

struct ArrayRowReader: RowReader {
    var rows: [SourceRow]
    var index = 0
    mutating func next() throws(RuntimeError) -> SourceRow? {
        guard index < rows.count else { return nil }
        defer { index += 1 }
        return rows[index]
    }
}

/// One JSON object per line; blank lines are skipped.
struct NDJSONRowReader: RowReader {
    let name: String
    var lines: ChunkedLineReader
    /// The keys `--ignore-column` leaves out.
    var ignored: Set<String> = []
    /// `--map`: key → the key it is read as.
    var renamed: [String: String] = [:]

    mutating func next() throws(RuntimeError) -> SourceRow? {
        while let (number, bytes) = lines.next() {
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            let object: Any
            do { object = try JSONSerialization.jsonObject(with: Data(bytes)) } catch {
                let column = ImportSource.location(of: error, in: bytes).column
                throw RuntimeError("\(name):\(number):\(column): not valid JSON (\(ImportSource.describe(error)))")
            }
            guard let record = object as? [String: Any] else {
                throw RuntimeError("\(name):\(number): expected a JSON object")
            }
            let fields = try ImportSource.textFields(
                record, at: "\(name):\(number)", ignoring: ignored, renaming: renamed)
            return SourceRow(line: number, fields: fields)
        }
        return nil
    }
}

/// Splits a file (read in 256 KiB chunks) or bytes into numbered lines.
struct ChunkedLineReader {
    let handle: FileHandle?
    var buffer: [UInt8]
    var position = 0
    var number = 0
    var finished: Bool

    init(handle: FileHandle) {
        self.handle = handle
        buffer = []
        finished = false
    }

    init(data: Data) {
        handle = nil
        buffer = Array(data)
        finished = true
    }

    mutating func next() -> (Int, ArraySlice<UInt8>)? {
        while true {
            if let newline = buffer[position...].firstIndex(of: UInt8(ascii: "\n")) {
                defer { position = newline + 1 }
                number += 1
                return (number, buffer[position..<newline])
            }
            if finished {
                guard position < buffer.count else { return nil }
                defer { position = buffer.count }
                number += 1
                return (number, buffer[position...])
            }
            buffer.removeFirst(position)
            position = 0
            if let chunk = try? handle?.read(upToCount: 1 << 18), !chunk.isEmpty {
                buffer.append(contentsOf: chunk)
            } else {
                finished = true
            }
        }
    }
}
