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

    /// The largest number of requests the client keeps in flight per account.
    ///
    /// Woodpecker processes one request at a time per account, queues at most 6 more and
    /// drops the rest: 7 can be at the server at once. A request leaves the server's count
    /// before its answer reaches the client, so 7 outstanding never exceed what it admits.
    /// Saleshandy documents no limit; the client keeps to 6 there.
    public var maxInFlightPerAccount: Int {
        switch self {
        case .woodpecker: 7
        case .saleshandy: 6
        }
    }
}
