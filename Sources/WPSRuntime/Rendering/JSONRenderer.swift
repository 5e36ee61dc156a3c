/// Renders values as JSON: keys in record order, 2-space indentation when pretty.
///
/// The output is stable: the same value always renders the same bytes. Strings are escaped per
/// RFC 8259 (`"`, `\\`, control characters; non-ASCII stays UTF-8; `/` is not escaped);
/// integral doubles print with `.0`.
public struct JSONRenderer: Sendable {
    public var pretty: Bool

    public init(pretty: Bool = false) { self.pretty = pretty }

    public func render(_ value: Value) -> String {
        var out = ""
        write(value, into: &out, indent: 0)
        return out
    }

    func write(_ value: Value, into out: inout String, indent: Int) {
        switch value {
        case .null: out += "null"
        case .bool(let flag): out += flag ? "true" : "false"
        case .int(let number): out += String(number)
        case .double(let number): out += Self.number(number)
        case .string(let text): Self.quote(text, into: &out)
        case .list(let items):
            guard !items.isEmpty else {
                out += "[]"
                return
            }
            out += "["
            for (index, item) in items.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent + 1)
                write(item, into: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out += "]"
        case .record(let record):
            guard !record.isEmpty else {
                out += "{}"
                return
            }
            out += "{"
            for (index, field) in record.enumerated() {
                if index > 0 { out += "," }
                newline(&out, indent + 1)
                Self.quote(field.key, into: &out)
                out += pretty ? ": " : ":"
                write(field.value, into: &out, indent: indent + 1)
            }
            newline(&out, indent)
            out += "}"
        }
    }

    func newline(_ out: inout String, _ indent: Int) {
        guard pretty else { return }
        out += "\n" + String(repeating: "  ", count: indent)
    }

    static func number(_ value: Double) -> String {
        guard value.isFinite else { return "null" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) + ".0" }
        return String(value)
    }

    static func quote(_ text: String, into out: inout String) {
        out += "\""
        // Most strings need no escape: append them whole.
        if !text.utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) {
            out += text
            out += "\""
            return
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: out.unicodeScalars.append(scalar)
            }
        }
        out += "\""
    }
}
