/// Checks bytes that should be text — a script, an import file — fed in chunks of any size:
/// the first byte that is not UTF-8, or a NUL byte (the sign of a binary file), with its
/// 1-based line and column (columns count characters).
///
/// ```swift
/// var scanner = TextScanner()
/// scanner.feed(chunk)          // as often as needed
/// if let problem = scanner.finish() { print("\(name):\(problem.line):\(problem.column): \(problem.message)") }
/// ```
public struct TextScanner: Sendable {
    /// The first problem: where it is and what it is.
    public struct Problem: Sendable, Hashable, CustomStringConvertible {
        public let line: Int
        public let column: Int
        /// The byte offset from the start of the text.
        public let offset: Int
        public let message: String

        public var description: String { "\(line):\(column): \(message)" }
    }

    public private(set) var problem: Problem?
    var line = 1
    var column = 1
    var offset = 0
    /// Continuation bytes still expected, the lead byte's position, and the range the next one must be in.
    var pending = 0
    var leadOffset = 0
    var leadColumn = 1
    var leadByte: UInt8 = 0
    var nextLow: UInt8 = 0x80
    var nextHigh: UInt8 = 0xBF

    public init() {}

    /// Checks the next bytes; stops looking after the first problem.
    public mutating func feed(_ bytes: some Sequence<UInt8>) {
        guard problem == nil else { return }
        let handled: Void? = bytes.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress else { return }
            var index = 0
            while index < buffer.count {
                // Eight bytes at a time while they are ASCII above the line break (no byte has its
                // high bit set, and none borrows when 0x0B is taken from each).
                if pending == 0, index + 8 <= buffer.count {
                    let word = UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                    if word & 0x8080_8080_8080_8080 == 0, (word &- 0x0B0B_0B0B_0B0B_0B0B) & 0x8080_8080_8080_8080 == 0 {
                        column += 8
                        offset += 8
                        index += 8
                        continue
                    }
                }
                if !step(buffer[index]) { return }
                index += 1
            }
        }
        if handled == nil {
            for byte in bytes where !step(byte) { return }
        }
    }

    /// One byte; false once there is a problem.
    @inline(__always)
    mutating func step(_ byte: UInt8) -> Bool {
        if pending == 0, byte > 0x0A, byte < 0x80 {  // the common case: ASCII that is not a line break or NUL
            column += 1
            offset += 1
            return true
        }
        if pending > 0 {
            guard (nextLow...nextHigh).contains(byte) else {
                fail(
                    at: leadOffset, column: leadColumn,
                    "not UTF-8 text: byte 0x\(hex(leadByte)) starts a character that byte 0x\(hex(byte)) does not continue; save the file as UTF-8"
                )
                return false
            }
            pending -= 1
            nextLow = 0x80
            nextHigh = 0xBF
            offset += 1
            return true
        }
        switch byte {
        case 0x00:
            fail(at: offset, column: column, "a NUL byte: this looks like a binary file, not text")
            return false
        case 0x0A:
            line += 1
            column = 1
        case 0x01...0x7F:
            column += 1
        case 0xC2...0xDF:
            begin(byte, continuations: 1, low: 0x80, high: 0xBF)
        case 0xE0:
            begin(byte, continuations: 2, low: 0xA0, high: 0xBF)
        case 0xED:
            begin(byte, continuations: 2, low: 0x80, high: 0x9F)
        case 0xE1...0xEF:
            begin(byte, continuations: 2, low: 0x80, high: 0xBF)
        case 0xF0:
            begin(byte, continuations: 3, low: 0x90, high: 0xBF)
        case 0xF1...0xF3:
            begin(byte, continuations: 3, low: 0x80, high: 0xBF)
        case 0xF4:
            begin(byte, continuations: 3, low: 0x80, high: 0x8F)
        default:
            fail(
                at: offset, column: column,
                "not UTF-8 text: byte 0x\(hex(byte)) cannot start a character; save the file as UTF-8")
            return false
        }
        offset += 1
        return true
    }

    /// The first problem, counting text that ends inside a character as one.
    public mutating func finish() -> Problem? {
        if problem == nil, pending > 0 {
            fail(
                at: leadOffset, column: leadColumn,
                "not UTF-8 text: the text ends inside a character that starts with byte 0x\(hex(leadByte))")
        }
        return problem
    }

    /// Checks a whole piece of text at once.
    public static func check(_ bytes: some Sequence<UInt8>) -> Problem? {
        var scanner = TextScanner()
        scanner.feed(bytes)
        return scanner.finish()
    }

    mutating func begin(_ byte: UInt8, continuations: Int, low: UInt8, high: UInt8) {
        pending = continuations
        leadOffset = offset
        leadColumn = column
        leadByte = byte
        nextLow = low
        nextHigh = high
        column += 1
    }

    mutating func fail(at offset: Int, column: Int, _ message: String) {
        problem = Problem(line: line, column: column, offset: offset, message: message)
    }

    func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
