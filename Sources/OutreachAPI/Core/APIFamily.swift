/// A group of endpoints a provider limits together: Woodpecker's API under its base URL
/// (`/rest/v2`), Woodpecker's legacy `/rest/v1`, and Saleshandy's API.
///
/// The limit on requests in flight per account belongs to the family, and an endpoint's family
/// follows from its provider and path alone (``Endpoint/family``), so no call site chooses it.
///
/// ```swift
/// Woodpecker.ListProspects().family                   // .woodpeckerV1
/// Woodpecker.ListProspects().family.maxInFlightPerAccount  // 2
/// ```
public enum APIFamily: String, Sendable, Hashable, CaseIterable {
    /// Woodpecker's `/rest/v2` (every path under the provider's base URL).
    case woodpeckerV2 = "woodpecker"
    /// Woodpecker's legacy `/rest/v1` paths (prospects, and the `/rest/v1/me` extension).
    case woodpeckerV1 = "woodpecker-v1"
    /// Saleshandy's open API.
    case saleshandy

    /// The family of a request to `provider` at `path` (relative to the provider's base URL, as
    /// ``Endpoint/path`` gives it): for Woodpecker, a path that steps out to `../v1/` is v1.
    public init(provider: Provider, path: String) {
        switch provider {
        case .woodpecker: self = path.hasPrefix("../v1/") || path == "../v1" ? .woodpeckerV1 : .woodpeckerV2
        case .saleshandy: self = .saleshandy
        }
    }

    /// The provider whose API this is.
    public var provider: Provider {
        switch self {
        case .woodpeckerV2, .woodpeckerV1: .woodpecker
        case .saleshandy: .saleshandy
        }
    }

    /// The largest number of requests the client keeps in flight per account in this family.
    ///
    /// Woodpecker's `/rest/v2` processes one request at a time per account, queues at most 6
    /// more and drops the rest (the API 2.0 reference): 7 can be at the server at once. Its
    /// `/rest/v1` allows only 2 concurrent connections and answers more with `E_TOO_MANY_REQUESTS`
    /// (<https://woodpecker.co/help/error-codes/>; docs/contract/rate_limits.md). A request leaves
    /// the server's count before its answer reaches the client, so these many outstanding never
    /// exceed what it admits. Saleshandy documents no limit; the client keeps to 6 there.
    public var maxInFlightPerAccount: Int {
        switch self {
        case .woodpeckerV2: 7
        case .woodpeckerV1: 2
        case .saleshandy: 6
        }
    }
}

extension Endpoint {
    /// The family whose limit this request counts against, from its provider and path.
    public var family: APIFamily { APIFamily(provider: Self.provider, path: path) }
}
