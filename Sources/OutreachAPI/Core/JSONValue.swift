/// Any JSON value, for answers whose keys the documents leave open (report rows).
public enum JSONValue: Sendable, Hashable, Codable {
    case null
    case bool(Bool)
    case number(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue], keys: [String])

    /// An object keeping `pairs` in their order.
    public static func object(_ pairs: [(String, JSONValue)]) -> JSONValue {
        .object(Dictionary(pairs, uniquingKeysWith: { _, last in last }), keys: pairs.map(\.0))
    }

    public init(from decoder: any Decoder) throws {
        if let container = try? decoder.container(keyedBy: ProspectFields.Key.self) {
            var values: [String: JSONValue] = [:]
            // `allKeys` loses the document's order; sort for a stable one.
            let keys = container.allKeys.map(\.stringValue).sorted()
            for key in keys { values[key] = try container.decode(JSONValue.self, forKey: .init(key)) }
            self = .object(values, keys: keys)
            return
        }
        if var container = try? decoder.unkeyedContainer() {
            var items: [JSONValue] = []
            while !container.isAtEnd { items.append(try container.decode(JSONValue.self)) }
            self = .array(items)
            return
        }
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else {
            self = .string(try container.decode(String.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .null:
            var container = encoder.singleValueContainer()
            try container.encodeNil()
        case .bool(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .number(let value):
            var container = encoder.singleValueContainer()
            if value == value.rounded(), abs(value) < 1e15 {
                try container.encode(Int(value))
            } else {
                try container.encode(value)
            }
        case .string(let value):
            var container = encoder.singleValueContainer()
            try container.encode(value)
        case .array(let items):
            var container = encoder.unkeyedContainer()
            for item in items { try container.encode(item) }
        case .object(let values, let keys):
            var container = encoder.container(keyedBy: ProspectFields.Key.self)
            for key in keys { if let value = values[key] { try container.encode(value, forKey: .init(key)) } }
        }
    }
}
