import Foundation

/// Parses JSON bytes straight into a ``JSONTree``, for bodies too large to go through
/// `JSONDecoder` and `JSONTree.init(from:)` (which tries each kind in turn): an import of 20,000
/// prospects is parsed in one pass.
///
/// Numbers follow ``JSONTree``'s rule: every number `JSONDecoder` reads as `Int` (`5`, `5.0`,
/// `1e3`) is ``JSONTree/integer(_:)``, any other is ``JSONTree/number(_:)`` with its text.
/// Nesting deeper than ``maxDepth`` is refused rather than risking the stack.
struct JSONTreeParser {
    /// Why the bytes are not JSON (the offset, for messages).
    struct Failure: Error, Sendable {
        let offset: Int
    }

    static let maxDepth = 512

    /// The tree of `data`, or ``Failure`` when it is not one JSON value (whitespace around it allowed).
    static func parse(_ data: Data) throws(Failure) -> JSONTree {
        let result: Result<JSONTree, Failure> = data.withUnsafeBytes { raw -> Result<JSONTree, Failure> in
            var parser = JSONTreeParser(bytes: raw.bindMemory(to: UInt8.self))
            do throws(Failure) {
                parser.skipWhitespace()
                let value = try parser.value(depth: 0)
                parser.skipWhitespace()
                guard parser.offset == parser.bytes.count else { throw Failure(offset: parser.offset) }
                return .success(value)
            } catch let failure {
                return .failure(failure)
            }
        }
        return try result.get()
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    private var current: UInt8? { offset < bytes.count ? bytes[offset] : nil }

    private mutating func skipWhitespace() {
        while offset < bytes.count {
            switch bytes[offset] {
            case 0x20, 0x09, 0x0A, 0x0D: offset += 1
            default: return
            }
        }
    }

    private func fail() -> Failure { Failure(offset: offset) }

    private mutating func expect(_ literal: StaticString) throws(Failure) {
        let count = literal.utf8CodeUnitCount
        guard offset + count <= bytes.count else { throw fail() }
        for index in 0..<count where bytes[offset + index] != literal.utf8Start[index] { throw fail() }
        offset += count
    }

    private mutating func value(depth: Int) throws(Failure) -> JSONTree {
        guard depth < Self.maxDepth, let byte = current else { throw fail() }
        switch byte {
        case UInt8(ascii: "{"): return try object(depth: depth)
        case UInt8(ascii: "["): return try array(depth: depth)
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "t"):
            try expect("true")
            return .bool(true)
        case UInt8(ascii: "f"):
            try expect("false")
            return .bool(false)
        case UInt8(ascii: "n"):
            try expect("null")
            return .null
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        default: throw fail()
        }
    }

    private mutating func object(depth: Int) throws(Failure) -> JSONTree {
        offset += 1
        var members: [String: JSONTree] = [:]
        skipWhitespace()
        if current == UInt8(ascii: "}") {
            offset += 1
            return .object(members)
        }
        while true {
            skipWhitespace()
            guard current == UInt8(ascii: "\"") else { throw fail() }
            let key = try string()
            skipWhitespace()
            guard current == UInt8(ascii: ":") else { throw fail() }
            offset += 1
            skipWhitespace()
            members[key] = try value(depth: depth + 1)
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "}"):
                offset += 1
                return .object(members)
            default: throw fail()
            }
        }
    }

    private mutating func array(depth: Int) throws(Failure) -> JSONTree {
        offset += 1
        var items: [JSONTree] = []
        skipWhitespace()
        if current == UInt8(ascii: "]") {
            offset += 1
            return .array(items)
        }
        while true {
            skipWhitespace()
            items.append(try value(depth: depth + 1))
            skipWhitespace()
            switch current {
            case UInt8(ascii: ","): offset += 1
            case UInt8(ascii: "]"):
                offset += 1
                return .array(items)
            default: throw fail()
            }
        }
    }

    /// A string token (at its opening quote), unescaped; invalid UTF-8 is refused.
    private mutating func string() throws(Failure) -> String {
        offset += 1
        let start = offset
        // The common case: no escapes, one slice.
        while offset < bytes.count {
            let byte = bytes[offset]
            if byte == UInt8(ascii: "\"") {
                let text = try Self.text(UnsafeBufferPointer(rebasing: bytes[start..<offset]), at: start)
                offset += 1
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail() }
            offset += 1
        }
        var buffer = Array(bytes[start..<offset])
        while offset < bytes.count {
            let byte = bytes[offset]
            switch byte {
            case UInt8(ascii: "\""):
                offset += 1
                return try buffer.withUnsafeBufferPointer { pointer throws(Failure) in try Self.text(pointer, at: start)
                }
            case UInt8(ascii: "\\"):
                offset += 1
                guard let escaped = current else { throw fail() }
                offset += 1
                switch escaped {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): buffer.append(escaped)
                case UInt8(ascii: "b"): buffer.append(0x08)
                case UInt8(ascii: "f"): buffer.append(0x0C)
                case UInt8(ascii: "n"): buffer.append(0x0A)
                case UInt8(ascii: "r"): buffer.append(0x0D)
                case UInt8(ascii: "t"): buffer.append(0x09)
                case UInt8(ascii: "u"):
                    var scalar = try hex4()
                    if (0xD800...0xDBFF).contains(scalar) {
                        // A high surrogate must be followed by an escaped low one.
                        try expect("\\u")
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail() }
                        scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(scalar) {
                        throw fail()
                    }
                    guard let unicode = Unicode.Scalar(scalar) else { throw fail() }
                    buffer.append(contentsOf: Array(String(Character(unicode)).utf8))
                default: throw fail()
                }
            default:
                if byte < 0x20 { throw fail() }
                buffer.append(byte)
                offset += 1
            }
        }
        throw fail()
    }

    private mutating func hex4() throws(Failure) -> UInt32 {
        guard offset + 4 <= bytes.count else { throw fail() }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let byte = bytes[offset]
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw fail()
            }
            value = value << 4 | UInt32(digit)
            offset += 1
        }
        return value
    }

    private static func text(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) throws(Failure) -> String {
        guard let text = String(validating: bytes, as: UTF8.self) else { throw Failure(offset: offset) }
        return text
    }

    /// A number token, checked against JSON's grammar.
    private mutating func number() throws(Failure) -> JSONTree {
        let start = offset
        var isInteger = true
        if current == UInt8(ascii: "-") { offset += 1 }
        guard let first = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) else { throw fail() }
        if first == UInt8(ascii: "0") {
            offset += 1
        } else {
            skipDigits()
        }
        if current == UInt8(ascii: ".") {
            isInteger = false
            offset += 1
            guard skipDigits() > 0 else { throw fail() }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            isInteger = false
            offset += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { offset += 1 }
            guard skipDigits() > 0 else { throw fail() }
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<offset]), as: UTF8.self)
        if isInteger, let value = Int(text) { return .integer(value) }
        if !isInteger, let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")),
            decimal == decimal.rounded(), let value = Int(exactly: NSDecimalNumber(decimal: decimal).doubleValue),
            Decimal(value) == decimal
        {
            return .integer(value)
        }
        let limit = JSONTree.maxNumberText
        return .number(text.count <= limit ? text : String(text.prefix(limit)) + "…")
    }

    @discardableResult
    private mutating func skipDigits() -> Int {
        let start = offset
        while let byte = current, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) { offset += 1 }
        return offset - start
    }
}

extension Decimal {
    /// The value rounded toward zero to a whole number.
    fileprivate func rounded() -> Decimal {
        var value = self
        var result = Decimal()
        NSDecimalRound(&result, &value, 0, .down)
        return result
    }
}
