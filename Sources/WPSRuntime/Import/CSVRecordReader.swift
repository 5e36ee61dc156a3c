import Foundation

/// RFC 4180 records read straight from bytes, streamed in 1 MiB chunks, each with the physical
/// line it starts on.
///
/// Fields are separated by commas (or ``delimiter``: `;`, tab) and records by `\n`, `\r\n` or
/// `\r`; a field that starts with a quote runs to the closing quote, may hold delimiters and line
/// breaks, and writes a quote as `""`. A quote inside an unquoted field is kept as it is. What
/// is refused, with the line: a quoted field never closed, text after a closing quote, and bytes
/// that are not UTF-8.
///
/// Written by hand rather than through CSV.swift, which decodes one Unicode scalar at a time
/// through a class-based iterator: on a million rows that reader was 55 % of the import's time
/// (see the README's performance section). `CSVRecordReaderTests` checks the two agree on
/// well-formed input.
struct CSVRecordReader {
    /// A malformed record: the line and what is wrong.
    struct Malformed: Error, Equatable {
        let line: Int
        let message: String
    }

    private let handle: FileHandle?
    private var buffer: [UInt8]
    private var position = 0
    private var exhausted: Bool
    /// The physical line the next byte is on.
    private(set) var line = 1
    private var field: [UInt8] = []
    /// The byte between fields: `,` unless set (`;` and tab are the other delimiters read).
    var delimiter = UInt8(ascii: ",")

    /// Reads a file from its start.
    init(handle: FileHandle) {
        self.handle = handle
        buffer = []
        exhausted = false
        field.reserveCapacity(256)
        skipByteOrderMark()
    }

    /// Reads bytes held in memory.
    init(data: Data) {
        handle = nil
        buffer = Array(data)
        exhausted = true
        skipByteOrderMark()
    }

    /// The next record and its first line; nil at the end of the input. An empty line is a
    /// record of one empty field.
    mutating func next() throws(Malformed) -> (line: Int, fields: [String])? {
        try nextRecord().map { ($0.line, $0.fields) }
    }

    /// The next record, with which of its fields were quoted (where spaces around the text are
    /// part of the field, RFC 4180); nil at the end of the input.
    mutating func nextRecord() throws(Malformed) -> (line: Int, fields: [String], quoted: [Bool])? {
        guard let first = peek() else { return nil }
        let start = line
        var fields: [String] = []
        var quoted: [Bool] = []
        var next: UInt8? = first
        while true {
            quoted.append(next == UInt8(ascii: "\""))
            let (text, endOfRecord) = try readField(recordLine: start)
            fields.append(text)
            if endOfRecord { return (start, fields, quoted) }
            next = peek()
        }
    }

    /// The delimiters a file may use, in order of preference when they split a header equally.
    static let delimiters: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09]

    /// The bytes of the first record still to read (up to its line break outside quotes), as far
    /// as the buffer holds them; nothing is consumed.
    mutating func peekFirstLine() -> ArraySlice<UInt8> {
        if position == buffer.count { _ = refill() }
        var inQuotes = false
        var end = position
        while end < buffer.count {
            let byte = buffer[end]
            if byte == UInt8(ascii: "\"") { inQuotes.toggle() }
            if !inQuotes, byte == 0x0A || byte == 0x0D { break }
            end += 1
        }
        return buffer[position..<end]
    }

    /// The fields of one line split at `delimiter`, quotes respected (`""` inside quotes is a
    /// quote), trimmed and lower-cased: for telling which delimiter a header uses.
    static func headerFields(_ line: ArraySlice<UInt8>, delimiter: UInt8) -> [String] {
        var fields: [String] = []
        var current: [UInt8] = []
        var inQuotes = false
        for byte in line {
            if byte == UInt8(ascii: "\"") {
                inQuotes.toggle()
            } else if byte == delimiter, !inQuotes {
                fields.append(String(decoding: current, as: UTF8.self))
                current.removeAll(keepingCapacity: true)
            } else {
                current.append(byte)
            }
        }
        fields.append(String(decoding: current, as: UTF8.self))
        return fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
    }

    /// The delimiter of a header line: the one that splits it into the most `known` column
    /// names, then into the most fields; `,` when none splits it.
    static func detectDelimiter(in line: ArraySlice<UInt8>, known: Set<String>) -> UInt8 {
        var best = UInt8(ascii: ",")
        var bestScore = (known: -1, fields: -1)
        for candidate in delimiters {
            let fields = headerFields(line, delimiter: candidate)
            let score = (known: fields.filter { known.contains($0) }.count, fields: fields.count)
            if score.known > bestScore.known || (score.known == bestScore.known && score.fields > bestScore.fields) {
                best = candidate
                bestScore = score
            }
        }
        return best
    }

    /// One field, and whether the record ends after it.
    private mutating func readField(recordLine: Int) throws(Malformed) -> (String, Bool) {
        field.removeAll(keepingCapacity: true)
        guard peek() == UInt8(ascii: "\"") else { return try readUnquoted(recordLine: recordLine) }
        position += 1
        let opened = line
        while true {
            guard let byte = take() else {
                throw Malformed(
                    line: opened,
                    message: "the quoted field opened on line \(opened) is never closed: check for an unclosed quote")
            }
            if byte == UInt8(ascii: "\"") {
                if peek() == UInt8(ascii: "\"") {
                    position += 1
                    field.append(byte)
                    continue
                }
                let text = try decoded(recordLine: recordLine)
                guard let after = take() else { return (text, true) }
                switch after {
                case delimiter: return (text, false)
                case UInt8(ascii: "\n"):
                    line += 1
                    return (text, true)
                case UInt8(ascii: "\r"):
                    endLineAfterCarriageReturn()
                    return (text, true)
                default:
                    throw Malformed(
                        line: line,
                        message: "text after the closing quote of a field; write a quote inside a quoted field as \"\"")
                }
            }
            if byte == UInt8(ascii: "\n") {
                line += 1
            } else if byte == UInt8(ascii: "\r") {
                if peek() == UInt8(ascii: "\n") {
                    position += 1
                    field.append(byte)
                    field.append(UInt8(ascii: "\n"))
                    line += 1
                    continue
                }
                line += 1
            }
            field.append(byte)
        }
    }

    private mutating func readUnquoted(recordLine: Int) throws(Malformed) -> (String, Bool) {
        while true {
            if position == buffer.count, !refill() { return (try decoded(recordLine: recordLine), true) }
            // Scan the bytes already buffered for the end of the field without copying one at a time.
            let start = position
            var end = start
            var stop: UInt8 = 0
            let delimiter = self.delimiter
            buffer.withUnsafeBufferPointer { bytes in
                while end < bytes.count {
                    let byte = bytes[end]
                    if byte == delimiter || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
                        stop = byte
                        break
                    }
                    end += 1
                }
            }
            field.append(contentsOf: buffer[start..<end])
            position = end
            guard stop != 0 else { continue }
            position += 1
            let text = try decoded(recordLine: recordLine)
            switch stop {
            case delimiter: return (text, false)
            case UInt8(ascii: "\n"):
                line += 1
                return (text, true)
            default:
                endLineAfterCarriageReturn()
                return (text, true)
            }
        }
    }

    /// After a `\r` that ends a record: a following `\n` belongs to the same line break.
    private mutating func endLineAfterCarriageReturn() {
        if peek() == UInt8(ascii: "\n") { position += 1 }
        line += 1
    }

    private func decoded(recordLine: Int) throws(Malformed) -> String {
        // ASCII (the common case) needs no validation; anything else is decoded strictly.
        if !field.contains(where: { $0 >= 0x80 }) { return String(decoding: field, as: UTF8.self) }
        if let text = String(validating: field, as: UTF8.self) { return text }
        let offset = field.firstIndex { $0 >= 0x80 } ?? 0
        throw Malformed(
            line: recordLine,
            message:
                "a field is not UTF-8 text (byte 0x\(String(field[offset], radix: 16, uppercase: true)) at its byte \(offset + 1)); save the file as UTF-8"
        )
    }

    private mutating func peek() -> UInt8? {
        if position == buffer.count, !refill() { return nil }
        return buffer[position]
    }

    private mutating func take() -> UInt8? {
        if position == buffer.count, !refill() { return nil }
        defer { position += 1 }
        return buffer[position]
    }

    /// Reads the next chunk; false at the end of the input.
    private mutating func refill() -> Bool {
        guard !exhausted, let handle else { return false }
        let chunk = try? handle.read(upToCount: 1 << 20)
        guard let chunk, !chunk.isEmpty else {
            exhausted = true
            return false
        }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: chunk)
        position = 0
        return true
    }

    private mutating func skipByteOrderMark() {
        guard peek() == 0xEF else { return }
        if buffer.count - position < 3 { _ = refillKeeping() }
        if buffer.count - position >= 3, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF { position += 3 }
    }

    /// Appends the next chunk to what is left of the buffer (for a look-ahead across chunks).
    private mutating func refillKeeping() -> Bool {
        guard !exhausted, let handle, let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty else {
            return false
        }
        buffer.append(contentsOf: chunk)
        return true
    }
}
