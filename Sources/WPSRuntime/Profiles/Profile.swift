import OutreachAPI

/// A named connection: which provider, which base URL, and where its API key comes from.
public struct Profile: Sendable, Hashable {
    public var name: String
    public var provider: Provider
    /// The base URL; nil for the provider's default.
    public var baseURL: String?
    /// The API key itself (from the config file or the environment); never printed.
    public var apiKey: String?
    /// Where the key comes from, for `profile list`: `env WOODPECKER_API_KEY`, `config file`, `missing`.
    public var keySource: String
    /// A PEM file of CA certificates to trust besides the system's (`ca_file`), e.g. for a
    /// sandbox served over TLS with a private CA.
    public var caFile: String?

    public init(
        name: String, provider: Provider, baseURL: String? = nil, apiKey: String?, keySource: String,
        caFile: String? = nil
    ) {
        self.name = name
        self.provider = provider
        self.baseURL = baseURL
        self.apiKey = apiKey
        self.keySource = keySource
        self.caFile = caFile
    }

    /// The profile as a value for `profile list` (the key itself is never shown); `ca_file`
    /// only when the profile has one.
    func value(active: Bool) -> Value {
        var record: Record = [
            "name": .string(name), "provider": .string(provider.rawValue),
            "base_url": .string(baseURL ?? provider.defaultBaseURL),
            "key": .string(apiKey?.isEmpty == false ? keySource : "missing (\(keySource))"), "active": .bool(active),
        ]
        if let caFile { record["ca_file"] = .string(caFile) }
        return .record(record)
    }
}
