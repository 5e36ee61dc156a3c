import Foundation

/// RFC 4180 records read straight from bytes, streamed in chunks of 1 MiB or more, each with
/// the physical line it starts on.
///
/// Fields are separated by commas (or ``delimiter``: `;`, tab) and records by `\n`, `\r\n` or
/// `\r`; a field that starts with a quote runs to the closing quote, may hold delimiters and line
/// breaks, and writes a quote as `""`. A quote inside an unquoted field is kept as it is. What
/// is refused, with the line: a quoted field never closed, text after a closing quote, and bytes
/// that are not UTF-8.
///
/// A record is scanned in place: ``advance()`` finds where its fields are in the buffer (byte
/// ranges, with whether each was quoted, holds `""` or bytes beyond ASCII) without copying a
/// byte, and ``text(ofField:)`` makes a `String` only of the fields a caller keeps. A record cut
/// by the end of a chunk is scanned again from its start once the next chunk is in.
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

    /// Where one field of the record last read is in the buffer, and what its bytes hold.
    struct FieldSpan {
        /// The field's bytes (for a quoted field, inside the quotes, `""` not yet undone).
        var start: Int
        var end: Int
        var quoted: Bool
        /// A quoted field that writes a quote as `""`.
        var escaped: Bool
        /// Bytes beyond ASCII, to be checked as UTF-8.
        var nonASCII: Bool
    }

    private let handle: FileHandle?
    private var buffer: [UInt8]
    /// Where the next record starts in `buffer`.
    private var position = 0
    private var exhausted: Bool
    /// The physical line the next record starts on.
    private(set) var line = 1
    /// The byte between fields: `,` unless set (`;` and tab are the other delimiters read).
    var delimiter = UInt8(ascii: ",")
    /// The fields of the record last read by ``advance()``; valid until the next call.
    private(set) var spans: [FieldSpan] = []
    /// The line the record last read starts on.
    private(set) var recordLine = 1

    /// The smallest read from a file.
    static let chunkSize = 1 << 20

    /// Reads a file from its start.
    init(handle: FileHandle) {
        self.handle = handle
        buffer = []
        exhausted = false
        spans.reserveCapacity(32)
        skipByteOrderMark()
    }

    /// Reads bytes held in memory.
    init(data: Data) {
        handle = nil
        buffer = Array(data)
        exhausted = true
        spans.reserveCapacity(32)
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
        guard try advance() else { return nil }
        var fields: [String] = []
        fields.reserveCapacity(spans.count)
        for index in spans.indices { fields.append(try text(ofField: index)) }
        return (recordLine, fields, spans.map(\.quoted))
    }

    /// Scans the next record (see ``spans`` and ``recordLine``); false at the end of the input.
    mutating func advance() throws(Malformed) -> Bool {
        while true {
            if position == buffer.count, !refill() { return false }
            if try scanRecord(atEnd: exhausted) { return true }
            // The record runs past the bytes read: read more, or end it at the end of the input.
            if !refill() {
                _ = try scanRecord(atEnd: true)
                return true
            }
        }
    }

    /// The field's bytes as they are in the buffer (inside the quotes, `""` not undone).
    func rawBytes(ofField index: Int) -> ArraySlice<UInt8> {
        buffer[spans[index].start..<spans[index].end]
    }

    /// Whether the field holds no bytes.
    func isEmpty(field index: Int) -> Bool { spans[index].start == spans[index].end }

    /// The field's first and last byte (of the text, `""` not undone); nil when it is empty.
    func edgeBytes(ofField index: Int) -> (first: UInt8, last: UInt8)? {
        let span = spans[index]
        guard span.start < span.end else { return nil }
        return (buffer[span.start], buffer[span.end - 1])
    }

    /// Whether the field's text holds a line break.
    func holdsLineBreak(field index: Int) -> Bool {
        rawBytes(ofField: index).contains { $0 == 0x0A || $0 == 0x0D }
    }

    /// The field's text (`""` written as one quote); bytes that are not UTF-8 are an error on
    /// the record's line.
    func text(ofField index: Int) throws(Malformed) -> String {
        let span = spans[index]
        if !span.escaped {
            if !span.nonASCII {
                return buffer.withUnsafeBufferPointer { bytes in
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[span.start..<span.end]), as: UTF8.self)
                }
            }
            return try Self.validated(buffer[span.start..<span.end], line: recordLine)
        }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(span.end - span.start)
        var index = span.start
        while index < span.end {
            let byte = buffer[index]
            unescaped.append(byte)
            // `""` inside quotes is one quote.
            index += byte == UInt8(ascii: "\"") && index + 1 < span.end && buffer[index + 1] == byte ? 2 : 1
        }
        if !span.nonASCII { return String(decoding: unescaped, as: UTF8.self) }
        return try Self.validated(unescaped[...], line: recordLine)
    }

    private static func validated(_ bytes: ArraySlice<UInt8>, line: Int) throws(Malformed) -> String {
        if let text = String(validating: bytes, as: UTF8.self) { return text }
        let offset = bytes.firstIndex { $0 >= 0x80 } ?? bytes.startIndex
        throw Malformed(
            line: line,
            message:
                "a field is not UTF-8 text (byte 0x\(String(bytes[offset], radix: 16, uppercase: true)) at its byte \(offset - bytes.startIndex + 1)); save the file as UTF-8"
        )
    }

    /// Scans one record from `position`: true when it is complete (and taken); false when the
    /// buffer ends inside it and more input may follow (nothing is taken). With `atEnd`, the
    /// end of the buffer ends the record.
    private mutating func scanRecord(atEnd: Bool) throws(Malformed) -> Bool {
        let quote = UInt8(ascii: "\"")
        let newline = UInt8(ascii: "\n")
        let carriageReturn = UInt8(ascii: "\r")
        let delimiter = self.delimiter
        var line = self.line
        // The spans' storage is moved out and back, so appending never copies it.
        var found = spans
        spans = []
        found.removeAll(keepingCapacity: true)
        let first = position
        let outcome: Result<Int?, Malformed> = buffer.withUnsafeBufferPointer { bytes in
            let count = bytes.count
            var index = first
            while true {
                // One field, from `index`.
                if index == count {
                    guard atEnd else { return .success(nil) }
                    found.append(FieldSpan(start: index, end: index, quoted: false, escaped: false, nonASCII: false))
                    return .success(index)
                }
                if bytes[index] == quote {
                    let opened = line
                    var span = FieldSpan(
                        start: index + 1, end: index + 1, quoted: true, escaped: false, nonASCII: false)
                    index += 1
                    var closed = false
                    while index < count {
                        let byte = bytes[index]
                        if byte == quote {
                            guard index + 1 < count else {
                                guard atEnd else { return .success(nil) }
                                closed = true
                                break
                            }
                            if bytes[index + 1] == quote {
                                span.escaped = true
                                index += 2
                                continue
                            }
                            closed = true
                            break
                        }
                        if byte == newline {
                            line += 1
                        } else if byte == carriageReturn {
                            if index + 1 == count, !atEnd { return .success(nil) }
                            if index + 1 == count || bytes[index + 1] != newline { line += 1 }
                        } else if byte >= 0x80 {
                            span.nonASCII = true
                        }
                        index += 1
                    }
                    guard closed else {
                        guard atEnd else { return .success(nil) }
                        return .failure(
                            Malformed(
                                line: opened,
                                message:
                                    "the quoted field opened on line \(opened) is never closed: check for an unclosed quote"
                            ))
                    }
                    span.end = index
                    found.append(span)
                    index += 1
                    guard index < count else { return atEnd ? .success(index) : .success(nil) }
                    let after = bytes[index]
                    if after == delimiter {
                        index += 1
                        continue
                    }
                    if after == newline {
                        line += 1
                        return .success(index + 1)
                    }
                    if after == carriageReturn {
                        if index + 1 == count, !atEnd { return .success(nil) }
                        line += 1
                        return .success(index + 1 < count && bytes[index + 1] == newline ? index + 2 : index + 1)
                    }
                    return .failure(
                        Malformed(
                            line: line,
                            message:
                                "text after the closing quote of a field; write a quote inside a quoted field as \"\""))
                }
                // An unquoted field: up to the delimiter or the line break.
                let start = index
                var high: UInt8 = 0
                var stop: UInt8 = 0
                while index < count {
                    let byte = bytes[index]
                    if byte == delimiter || byte == newline || byte == carriageReturn {
                        stop = byte
                        break
                    }
                    high |= byte
                    index += 1
                }
                found.append(FieldSpan(start: start, end: index, quoted: false, escaped: false, nonASCII: high >= 0x80))
                if index == count { return atEnd ? .success(index) : .success(nil) }
                index += 1
                if stop == delimiter { continue }
                line += 1
                if stop == carriageReturn {
                    if index == count, !atEnd { return .success(nil) }
                    if index < count, bytes[index] == newline { index += 1 }
                }
                return .success(index)
            }
        }
        switch outcome {
        case .failure(let malformed):
            spans = found
            throw malformed
        case .success(nil):
            spans = found
            return false
        case .success(let end?):
            spans = found
            recordLine = self.line
            self.line = line
            position = end
            return true
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
            let score = (known: fields.filter { known.contains(ColumnName.key($0)) }.count, fields: fields.count)
            if score.known > bestScore.known || (score.known == bestScore.known && score.fields > bestScore.fields) {
                best = candidate
                bestScore = score
            }
        }
        return best
    }

    private mutating func peek() -> UInt8? {
        if position == buffer.count, !refill() { return nil }
        return buffer[position]
    }

    /// Keeps the bytes from `position` on and appends the next chunk (at least as large as what
    /// is kept, so a record longer than a chunk is scanned again only a few times); false at the
    /// end of the input.
    private mutating func refill() -> Bool {
        guard !exhausted, let handle else { return false }
        let kept = buffer.count - position
        let chunk = try? handle.read(upToCount: max(Self.chunkSize, kept))
        guard let chunk, !chunk.isEmpty else {
            exhausted = true
            return false
        }
        if position > 0 { buffer.removeSubrange(0..<position) }
        position = 0
        buffer.append(contentsOf: chunk)
        return true
    }

    private mutating func skipByteOrderMark() {
        guard peek() == 0xEF else { return }
        if buffer.count - position < 3 { _ = refill() }
        if buffer.count - position >= 3, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF { position += 3 }
    }
}
