/// An outreach service whose REST API wps speaks.
///
/// A provider is described once, in its own folder (`OutreachAPI/<Provider>/`), as a static
/// member of this type: its name, default base URL, the path its sandbox serves it under and how
/// its paths fall into rate-limit families. ``allCases`` (in `Providers.swift`) registers it;
/// nothing outside its folder branches on which provider it is.
public struct Provider: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The lower-case name used on the command line, in profiles and in JSON (`--provider NAME`).
    public let rawValue: String
    /// The name as the vendor writes it, for messages.
    public let displayName: String
    /// The production base URL that request paths are resolved against.
    public let defaultBaseURL: String
    /// The path under a sandbox's root at which this provider's API is served.
    public let sandboxPrefix: String
    /// The JSON keys whose values are secrets in this provider's bodies (its password fields).
    public let secretFields: Set<String>
    /// The family a request path (relative to the base URL) counts against.
    let familyOfPath: @Sendable (String) -> APIFamily

    /// A provider named `rawValue`; `family` maps each request path to its rate-limit family.
    public init(
        _ rawValue: String, displayName: String, defaultBaseURL: String, sandboxPrefix: String,
        secretFields: Set<String> = [], family: @escaping @Sendable (String) -> APIFamily
    ) {
        self.rawValue = rawValue
        self.displayName = displayName
        self.defaultBaseURL = defaultBaseURL
        self.sandboxPrefix = sandboxPrefix
        self.secretFields = secretFields
        self.familyOfPath = family
    }

    /// The registered provider named `rawValue` (any case), if there is one.
    public init?(rawValue: String) {
        guard let known = Self.allCases.first(where: { $0.rawValue == rawValue.lowercased() }) else { return nil }
        self = known
    }

    /// The environment variable that holds this provider's key (`NAME_API_KEY`).
    public var apiKeyVariable: String { rawValue.uppercased() + "_API_KEY" }

    /// The registered providers' names, for choices and messages (`woodpecker|saleshandy`).
    public static var names: [String] { allCases.map(\.rawValue) }

    /// The registered providers as the vendors write them, joined for prose (`Woodpecker, Saleshandy`).
    public static var displayNames: String { allCases.map(\.displayName).joined(separator: ", ") }

    public var description: String { rawValue }

    public static func == (lhs: Provider, rhs: Provider) -> Bool { lhs.rawValue == rhs.rawValue }
    public func hash(into hasher: inout Hasher) { hasher.combine(rawValue) }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let known = Provider(rawValue: text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "unknown provider \(text) (known: \(Self.names.joined(separator: ", ")))"))
        }
        self = known
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
