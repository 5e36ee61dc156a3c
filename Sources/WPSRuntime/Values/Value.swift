/// A structured value of the wps language: what commands return and pipelines pass along.
///
/// API results are records with the documented field names, in the documented order.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([Value])
    case record(Record)

    /// The kind's name, as errors show it: `int`, `record`…
    public var typeName: String {
        switch self {
        case .null: "null"
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .list: "list"
        case .record: "record"
        }
    }

    /// null, false, 0, "" and empty lists and records are false; everything else true.
    public var isTruthy: Bool {
        switch self {
        case .null: false
        case .bool(let value): value
        case .int(let value): value != 0
        case .double(let value): value != 0
        case .string(let value): !value.isEmpty
        case .list(let items): !items.isEmpty
        case .record(let record): !record.isEmpty
        }
    }

    /// The value as text: strings as they are, numbers and bools plainly, the rest as JSON.
    public var text: String {
        switch self {
        case .null: ""
        case .bool(let value): value ? "true" : "false"
        case .int(let value): String(value)
        case .double(let value): JSONRenderer.number(value)
        case .string(let value): value
        case .record(let record): record.text ?? JSONRenderer().render(self)
        case .list: JSONRenderer().render(self)
        }
    }

    /// The items of a list; any other value is a list of itself (null is empty).
    public var items: [Value] {
        switch self {
        case .list(let items): items
        case .null: []
        default: [self]
        }
    }
}

/// A record: fields in insertion order, looked up by name.
public struct Record: Sendable, Hashable, Sequence, ExpressibleByDictionaryLiteral {
    public private(set) var keys: [String] = []
    private var storage: [String: Value] = [:]
    /// What the record reads as in text (`echo "$error"`, a campaign's tree, a plan), also where
    /// results print as tables; not part of its fields, its equality or its JSON.
    public var text: String?
    /// The fields a table shows of it, when not all (`mailbox list`: id, email, status, …; the
    /// rest stay for scripts and JSON); not part of its fields, its equality or its JSON. A new
    /// record (`select`) has none.
    public var shownColumns: [String]?

    public init() {}
    public init(dictionaryLiteral elements: (String, Value)...) {
        for (key, value) in elements { self[key] = value }
    }

    public var isEmpty: Bool { keys.isEmpty }
    public var count: Int { keys.count }

    public subscript(key: String) -> Value? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    public func makeIterator() -> some IteratorProtocol<(key: String, value: Value)> {
        keys.lazy.map { (key: $0, value: storage[$0] ?? .null) }.makeIterator()
    }

    public static func == (lhs: Record, rhs: Record) -> Bool { lhs.keys == rhs.keys && lhs.storage == rhs.storage }
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        for key in keys { hasher.combine(storage[key]) }
    }
}

extension Value {
    /// A record's field; nil for a missing field or a value that is not a record.
    func field(_ name: String) -> Value? {
        guard case .record(let record) = self else { return nil }
        return record[name]
    }
}
