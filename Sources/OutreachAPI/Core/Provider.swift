/// An outreach service whose REST API wps speaks.
///
/// Each provider has its own default base URL, its own field naming (snake_case for
/// Woodpecker, camelCase for Saleshandy) and its own limits.
public enum Provider: String, Sendable, Codable, CaseIterable, Hashable {
    case woodpecker
    case saleshandy

    /// The production base URL that request paths are resolved against.
    public var defaultBaseURL: String {
        switch self {
        case .woodpecker: "https://api.woodpecker.co/rest/v2"
        case .saleshandy: "https://open-api.saleshandy.com/v1"
        }
    }

    /// The path under a sandbox's root at which this provider's API is served.
    public var sandboxPrefix: String {
        switch self {
        case .woodpecker: "/rest/v2"
        case .saleshandy: "/v1"
        }
    }
}
