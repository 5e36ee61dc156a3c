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
final class EncodingNode {
    enum Content {
        case empty
        case value(Value)
        case record([(String, EncodingNode)])
        case list([EncodingNode])
    }
    var content: Content = .empty

    func resolve() -> Value {
        switch content {
        case .empty: return .null
        case .value(let value): return value
        case .list(let nodes): return .list(nodes.map { $0.resolve() })
        case .record(let fields):
            var record = Record()
            for (key, node) in fields { record[key] = node.resolve() }
            return .record(record)
        }
    }

    func child(forKey key: String) -> EncodingNode {
        let child = EncodingNode()
        var fields: [(String, EncodingNode)] = []
        if case .record(let existing) = content { fields = existing }
        if let index = fields.firstIndex(where: { $0.0 == key }) {
            fields[index].1 = child
        } else {
            fields.append((key, child))
        }
        content = .record(fields)
        return child
    }

    func appendChild() -> EncodingNode {
        let child = EncodingNode()
        var nodes: [EncodingNode] = []
        if case .list(let existing) = content { nodes = existing }
        nodes.append(child)
        content = .list(nodes)
        return child
    }

    func makeRecord() { if case .record = content {} else { content = .record([]) } }
    func makeList() { if case .list = content {} else { content = .list([]) } }
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

    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(node: node, codingPath: codingPath) }
}

/// Encodes a leaf or nested value into a node.
func encodeInto<T: Encodable>(_ node: EncodingNode, _ value: T, codingPath: [any CodingKey]) throws {
    switch value {
    case let value as Bool: node.content = .value(.bool(value))
    case let value as Int: node.content = .value(.int(value))
    case let value as Double: node.content = .value(.double(value))
    case let value as String: node.content = .value(.string(value))
    default: try value.encode(to: NodeEncoder(node: node, codingPath: codingPath))
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodingNode
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.child(forKey: key.stringValue).content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeInto(node.child(forKey: key.stringValue), value, codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
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
    mutating func superEncoder(forKey key: Key) -> any Encoder { NodeEncoder(node: node.child(forKey: key.stringValue), codingPath: codingPath + [key]) }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let node: EncodingNode
    var codingPath: [any CodingKey]
    var count: Int {
        if case .list(let nodes) = node.content { return nodes.count }
        return 0
    }

    mutating func encodeNil() throws { node.appendChild().content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeInto(node.appendChild(), value, codingPath: codingPath) }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
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
    mutating func encodeNil() throws { node.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeInto(node, value, codingPath: codingPath) }
}
