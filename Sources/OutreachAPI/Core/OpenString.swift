/// A string-backed value with a documented set of known values that still accepts unknown ones.
///
/// Fields such as `signature` or `followup_after.range` have a closed set of documented values,
/// but the validation rules must be able to *report* an unknown value with its field path rather
/// than fail to decode it. Types conforming to `OpenString` therefore round-trip any string and
/// expose ``isKnown`` for the rules.
public protocol OpenString: RawRepresentable, Codable, Hashable, Sendable, CustomStringConvertible,
    ExpressibleByStringLiteral
where RawValue == String {
    /// The documented values, in the order the documents list them.
    static var known: [Self] { get }
    init(rawValue: String)
}

extension OpenString {
    public init(stringLiteral value: String) { self.init(rawValue: value) }
    public init(from decoder: any Decoder) throws {
        self.init(rawValue: try decoder.singleValueContainer().decode(String.self))
    }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
    /// Whether this is one of the documented values.
    public var isKnown: Bool { Self.known.contains(self) }
    public var description: String { rawValue }
    /// The documented values joined for messages: `SENDER or NO_SIGNATURE`.
    public static var knownList: String {
        let names = known.map(\.rawValue)
        guard names.count > 1, let last = names.last else { return names.first ?? "" }
        return names.dropLast().joined(separator: ", ") + " or " + last
    }
}
