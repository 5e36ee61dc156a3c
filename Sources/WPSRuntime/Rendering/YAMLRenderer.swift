import Yams

/// Renders values as YAML (via Yams), keys in record order; strings that would read as another
/// type are quoted, and text of several lines is written as a `|` block, as a person would.
public struct YAMLRenderer: Sendable {
    public init() {}

    public func render(_ value: Value) throws -> String {
        try Yams.serialize(node: Self.node(value), width: -1, allowUnicode: true, sortKeys: false)
    }

    static func node(_ value: Value) -> Node {
        switch value {
        case .null: return Node("null", Tag(.null))
        case .bool(let flag): return Node(flag ? "true" : "false", Tag(.bool))
        case .int(let number): return Node(String(number), Tag(.int))
        case .double(let number): return Node(JSONRenderer.number(number), Tag(.float))
        case .string(let text):
            // Quote text that YAML would otherwise read as a number, bool or null.
            // Text of several lines as a `|` block (the emitter quotes it where a block cannot hold it).
            if text.contains("\n") { return Node(text, Tag(.str), .literal) }
            let plain = (try? Yams.load(yaml: text)).map { !($0 is String) } ?? true
            return Node(text, Tag(.str), plain || text.isEmpty ? .doubleQuoted : .any)
        case .list(let items): return Node(items.map(node))
        case .record(let record): return Node(record.map { (Node($0.key), node($0.value)) })
        }
    }
}
