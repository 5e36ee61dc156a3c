import Foundation

/// Decodes a value from a ``JSONTree`` with the same rules as `JSONDecoder`, but every error
/// carries the coding path where it happened.
///
/// `JSONDecoder` reports a number that does not fit the field's type (`"smtp_port": 587.5`) as
/// "not valid JSON" at the root, without a path; decoding the same body again through this
/// decoder says where it is. It is used only to explain a body `JSONDecoder` refused.
struct JSONTreeDecoder: Decoder {
    let node: JSONTree
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(_ node: JSONTree, codingPath: [any CodingKey] = []) {
        self.node = node
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        switch node {
        case .object(let members):
            return KeyedDecodingContainer(JSONTreeKeyedContainer<Key>(members: members, codingPath: codingPath))
        case .null:
            throw DecodingError.valueNotFound(
                [String: Any].self, context("Cannot get keyed decoding container -- found null value instead"))
        default:
            throw DecodingError.typeMismatch([String: Any].self, context("Expected an object, found \(node.found)"))
        }
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        switch node {
        case .array(let items):
            return JSONTreeUnkeyedContainer(items: items, codingPath: codingPath)
        case .null:
            throw DecodingError.valueNotFound(
                [Any].self, context("Cannot get unkeyed decoding container -- found null value instead"))
        default:
            throw DecodingError.typeMismatch([Any].self, context("Expected an array, found \(node.found)"))
        }
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer { self }

    func context(_ description: String) -> DecodingError.Context {
        DecodingError.Context(codingPath: codingPath, debugDescription: description)
    }

    /// The scalar `extract` finds in the node, or the error `JSONDecoder` would throw.
    func scalar<T>(_ type: T.Type, _ extract: (JSONTree) -> T?) throws -> T {
        if let value = extract(node) { return value }
        if node == .null {
            throw DecodingError.valueNotFound(type, context("Expected \(type) value but found null instead"))
        }
        throw DecodingError.typeMismatch(type, context("Expected to decode \(type) but found \(node.found) instead"))
    }

    func integer<T: FixedWidthInteger>(_ type: T.Type) throws -> T {
        try scalar(type) { if case .integer(let value) = $0 { T(exactly: value) } else { nil } }
    }

    func floatingPoint<T: BinaryFloatingPoint & LosslessStringConvertible>(_ type: T.Type) throws -> T {
        try scalar(type) {
            switch $0 {
            case .integer(let value): T(value)
            case .number(let text): T(text)
            default: nil
            }
        }
    }
}

extension JSONTreeDecoder: SingleValueDecodingContainer {
    func decodeNil() -> Bool { node == .null }
    func decode(_ type: Bool.Type) throws -> Bool {
        try scalar(type) { if case .bool(let value) = $0 { value } else { nil } }
    }
    func decode(_ type: String.Type) throws -> String {
        try scalar(type) { if case .string(let value) = $0 { value } else { nil } }
    }
    func decode(_ type: Double.Type) throws -> Double { try floatingPoint(type) }
    func decode(_ type: Float.Type) throws -> Float { try floatingPoint(type) }
    func decode(_ type: Int.Type) throws -> Int { try integer(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try integer(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try integer(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try integer(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try integer(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try integer(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try integer(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try integer(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try integer(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try integer(type) }
    func decode<T: Decodable>(_ type: T.Type) throws -> T { try T(from: self) }
}
