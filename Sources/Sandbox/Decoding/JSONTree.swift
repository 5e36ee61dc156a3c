import Foundation

/// A request body parsed into plain JSON values, kept to explain why it did not decode: the
/// value found at a coding path ("got null", "got an array", "got 587.5").
///
/// Numbers are read the way `JSONDecoder` reads them: `integer` holds every number
/// `JSONDecoder` decodes as `Int` (`5`, `5.0`, `1e3`); any other number is kept as its text.
indirect enum JSONTree: Decodable, Sendable, Equatable {
    case null
    case bool(Bool)
    case integer(Int)
    /// A number that is not an `Int` (`587.5`, a 30-digit integer), as text for messages.
    case number(String)
    case string(String)
    case array([JSONTree])
    case object([String: JSONTree])

    /// The longest number text a message quotes.
    static let maxNumberText = 40

    init(from decoder: any Decoder) throws {
        let value = try decoder.singleValueContainer()
        if value.decodeNil() {
            self = .null
        } else if let bool = try? value.decode(Bool.self) {
            self = .bool(bool)
        } else if let integer = try? value.decode(Int.self) {
            self = .integer(integer)
        } else if let string = try? value.decode(String.self) {
            self = .string(string)
        } else if let array = try? value.decode([JSONTree].self) {
            self = .array(array)
        } else if let object = try? value.decode([String: JSONTree].self) {
            self = .object(object)
        } else if let decimal = try? value.decode(Decimal.self) {
            self = .number(Self.quoted("\(decimal)"))
        } else if let double = try? value.decode(Double.self) {
            self = .number(Self.quoted("\(double)"))
        } else {
            // Only a number no Swift type holds (1e400) is left: anything else decoded above.
            self = .number("a number out of range")
        }
    }

    /// The value at `path` (object keys and array indices), if there is one.
    func value(at path: [any CodingKey]) -> JSONTree? {
        var node = self
        for key in path {
            switch node {
            case .object(let members):
                guard let next = members[key.stringValue] else { return nil }
                node = next
            case .array(let items):
                guard let index = key.intValue, items.indices.contains(index) else { return nil }
                node = items[index]
            default:
                return nil
            }
        }
        return node
    }

    /// What a message says was found: `null`, `true`, `587.5`, `a string`, `an array`, `an object`.
    /// Strings are never quoted (they may be passwords).
    var found: String {
        switch self {
        case .null: "null"
        case .bool(let bool): "\(bool)"
        case .integer(let integer): "\(integer)"
        case .number(let text): text
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }

    private static func quoted(_ text: String) -> String {
        text.count <= maxNumberText ? text : String(text.prefix(maxNumberText)) + "…"
    }
}
