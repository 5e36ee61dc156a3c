/// Turns any `Encodable` into a ``Value``, keeping fields in the order they are encoded (the
/// models encode them in the documents' order, so tables and JSON show them that way).
public struct ValueEncoder {
    public init() {}

    public func encode<T: Encodable>(_ value: T) throws -> Value {
        let node = EncodingNode()
        try value.encode(to: NodeEncoder(node: node, codingPath: []))
        return node.resolve()
    }
}

/// A value under construction; containers write into nodes, which resolve into a ``Value``.
///
/// Fields and items are stored apart from the kind so that adding one mutates in place (an
/// array held inside an enum case would be copied on every append).
final class EncodingNode {
    enum Kind {
        case empty
        case value(Value)
        case record
        case list
    }
    var kind: Kind = .empty
    private var fields: [(String, EncodingNode)] = []
    private var items: [EncodingNode] = []

    /// A leaf value (replaces whatever the node held).
    var content: Value {
        get { if case .value(let value) = kind { return value } else { return .null } }
        set { kind = .value(newValue) }
    }

    var itemCount: Int { items.count }

    func resolve() -> Value {
        switch kind {
        case .empty: return .null
        case .value(let value): return value
        case .list: return .list(items.map { $0.resolve() })
        case .record:
            var record = Record()
            for (key, node) in fields { record[key] = node.resolve() }
            return .record(record)
        }
    }

    func child(forKey key: String) -> EncodingNode {
        makeRecord()
        let child = EncodingNode()
        if let index = fields.firstIndex(where: { $0.0 == key }) {
            fields[index].1 = child
        } else {
            fields.append((key, child))
        }
        return child
    }

    func appendChild() -> EncodingNode {
        makeList()
        let child = EncodingNode()
        items.append(child)
        return child
    }

    func makeRecord() {
        if case .record = kind { return }
        kind = .record
        fields = []
    }

    func makeList() {
        if case .list = kind { return }
        kind = .list
        items = []
    }
}

struct NodeEncoder: Encoder {
    let node: EncodingNode
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.makeRecord()
        return KeyedEncodingContainer(KeyedNodeContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.makeList()
        return UnkeyedNodeContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(node: node, codingPath: codingPath)
    }
}

/// Encodes a leaf or nested value into a node.
/// (The path is built only for nested values: leaves never need it.)
func encodeInto<T: Encodable>(_ node: EncodingNode, _ value: T, codingPath: @autoclosure () -> [any CodingKey]) throws {
    switch value {
    case let value as Bool: node.content = .bool(value)
    case let value as Int: node.content = .int(value)
    case let value as Double: node.content = .double(value)
    case let value as String: node.content = .string(value)
    // The other numbers encode themselves through a single-value container, which would come
    // back here: convert them instead.
    case let value as any BinaryInteger: node.content = Int(exactly: value).map { .int($0) } ?? .string("\(value)")
    case let value as any BinaryFloatingPoint: node.content = .double(Double(value))
    default: try value.encode(to: NodeEncoder(node: node, codingPath: codingPath()))
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).content = .null }
    // A field the type declares but the answer left out stays, as null: every record of a kind
    // has the same fields (`where last_replied != null`, CSV columns, tables line up).
    mutating func encodeIfPresent(_ value: Bool?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: String?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Double?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Float?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: Int64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt8?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt16?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt32?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent(_ value: UInt64?, forKey key: Key) throws { try present(value, key) }
    mutating func encodeIfPresent<T: Encodable>(_ value: T?, forKey key: Key) throws { try present(value, key) }

    private mutating func present<T: Encodable>(_ value: T?, _ key: Key) throws {
        if let value { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
    }
    // The common leaves, without the dynamic casts of the generic path.
    mutating func encode(_ value: String, forKey key: Key) throws {
        node.child(forKey: key.stringValue).content = .string(value)
    }
    mutating func encode(_ value: Int, forKey key: Key) throws {
        node.child(forKey: key.stringValue).content = .int(value)
    }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        node.child(forKey: key.stringValue).content = .bool(value)
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        node.child(forKey: key.stringValue).content = .double(value)
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeInto(node.child(forKey: key.stringValue), value, codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = node.child(forKey: key.stringValue)
        child.makeRecord()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = node.child(forKey: key.stringValue)
        child.makeList()
        return UnkeyedNodeContainer(node: child, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node, codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    var codingPath: [any CodingKey]
    var count: Int { node.itemCount }

    mutating func encodeNil() throws { node.appendChild().content = .null }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeInto(node.appendChild(), value, codingPath: codingPath)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<
        NestedKey
    > {
        let child = node.appendChild()
        child.makeRecord()
        return KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(node: child, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let child = node.appendChild()
        child.makeList()
        return UnkeyedNodeContainer(node: child, codingPath: codingPath)
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(node: node.appendChild(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let node: EncodingNode
    var codingPath: [any CodingKey]
    mutating func encodeNil() throws { node.content = .null }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeInto(node, value, codingPath: codingPath) }
}
