/// Renders nested records and lists as an indented tree with `├─`, `└─` and `│` guides; scalar
/// fields show as `key: value`. Used on a terminal for a record that holds records or lists (a
/// campaign and its steps).
public struct TreeRenderer: Sendable {
    /// Scalars longer than this are cut with `…`.
    public var maxValueWidth: Int

    public init(maxValueWidth: Int = 80) { self.maxValueWidth = maxValueWidth }

    public func render(_ value: Value) -> String {
        var lines: [String] = []
        switch value {
        case .record(let record):
            for field in record {
                append(label: field.key, value: field.value, prefix: "", childPrefix: "", into: &lines)
            }
        case .list(let items):
            for (index, item) in items.enumerated() {
                append(label: "[\(index)]", value: item, prefix: "", childPrefix: "", into: &lines)
            }
        default:
            lines.append(scalar(value))
        }
        return lines.joined(separator: "\n")
    }

    func append(label: String, value: Value, prefix: String, childPrefix: String, into lines: inout [String]) {
        let children: [(String, Value)]
        switch value {
        case .record(let record) where !record.isEmpty: children = record.map { ($0.key, $0.value) }
        case .list(let items) where !items.isEmpty && !items.allSatisfy({ $0.isScalar }):
            children = items.enumerated().map { ("[\($0.offset)]", $0.element) }
        default:
            lines.append(prefix + label + ": " + scalar(value))
            return
        }
        lines.append(prefix + label)
        for (index, child) in children.enumerated() {
            let last = index == children.count - 1
            append(
                label: child.0, value: child.1, prefix: childPrefix + (last ? "└─ " : "├─ "),
                childPrefix: childPrefix + (last ? "   " : "│  "), into: &lines)
        }
    }

    func scalar(_ value: Value) -> String {
        let text: String
        switch value {
        case .null: text = "null"
        case .string(let string):
            text = string.contains(where: \.isNewline) ? String(string.map { $0.isNewline ? " " : $0 }) : string
        case .list(let items): text = "[" + items.map { scalar($0) }.joined(separator: ", ") + "]"
        case .record: text = "{}"
        default: text = value.text
        }
        return text.count > maxValueWidth ? String(text.prefix(maxValueWidth - 1)) + "…" : text
    }
}

extension Value {
    /// Not a list or record.
    var isScalar: Bool {
        switch self {
        case .list, .record: false
        default: true
        }
    }
}
