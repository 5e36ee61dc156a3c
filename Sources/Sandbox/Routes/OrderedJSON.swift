import Foundation
import OutreachAPI

/// Writes a report answer as JSON keeping each row's keys in the report's column order (the
/// shared encoder sorts keys), slashes unescaped like the rest of the sandbox's answers.
enum OrderedJSON {
    /// `{"status":…}` or `{"status":…,"report":{"description":…,"data":[…]}}`.
    static func encode(_ answer: ReportAnswer) -> Data {
        var pairs: [(String, JSONValue)] = [("status", .string(answer.status))]
        if let report = answer.report {
            pairs.append(
                ("report", .object([("description", .string(report.description)), ("data", .array(report.data))])))
        }
        var bytes: [UInt8] = []
        write(.object(pairs), into: &bytes)
        return Data(bytes)
    }

    /// Appends `value` as JSON; object keys in the order the value keeps them.
    static func write(_ value: JSONValue, into bytes: inout [UInt8]) {
        switch value {
        case .null: bytes += Array("null".utf8)
        case .bool(let flag): bytes += Array((flag ? "true" : "false").utf8)
        case .number(let number):
            let text =
                number == number.rounded() && abs(number) < 1e15
                ? String(Int(number))
                : number.isFinite
                    ? "\(number)" : "null"
            bytes += Array(text.utf8)
        case .string(let text): writeString(text, into: &bytes)
        case .array(let items):
            bytes.append(UInt8(ascii: "["))
            for (index, item) in items.enumerated() {
                if index > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item, into: &bytes)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let values, let keys):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for key in keys {
                guard let item = values[key] else { continue }
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                writeString(key, into: &bytes)
                bytes.append(UInt8(ascii: ":"))
                write(item, into: &bytes)
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    /// A JSON string: quotes, backslashes and control characters escaped.
    static func writeString(_ text: String, into bytes: inout [UInt8]) {
        let hex = Array("0123456789abcdef".utf8)
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\"")]
            case UInt8(ascii: "\\"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "\\")]
            case UInt8(ascii: "\n"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "n")]
            case UInt8(ascii: "\r"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "r")]
            case UInt8(ascii: "\t"): bytes += [UInt8(ascii: "\\"), UInt8(ascii: "t")]
            case 0..<0x20:
                bytes += Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0xf)]]
            default: bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}
