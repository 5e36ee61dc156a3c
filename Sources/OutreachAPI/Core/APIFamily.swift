/// A group of endpoints a provider limits together (Woodpecker's API under its base URL, its
/// legacy `/rest/v1`, Saleshandy's API): each provider declares its own families in its folder.
///
/// The limit on requests in flight per account belongs to the family, and an endpoint's family
/// follows from its provider and path alone (``Endpoint/family``), so no call site chooses it.
///
/// ```swift
/// Woodpecker.ListProspects().family                   // .woodpeckerV1
/// Woodpecker.ListProspects().family.maxInFlightPerAccount  // 2
/// ```
public struct APIFamily: Sendable, Hashable, CustomStringConvertible {
    /// The family's name (`woodpecker`, `woodpecker-v1`, `saleshandy`).
    public let rawValue: String
    /// The name of the provider whose API this is (its ``Provider``, through ``provider``).
    let providerName: String
    /// The largest number of requests the client keeps in flight per account in this family.
    public let maxInFlightPerAccount: Int

    /// A family of `provider`'s endpoints, limited to `maxInFlightPerAccount` requests in flight.
    public init(_ rawValue: String, provider: String, maxInFlightPerAccount: Int) {
        self.rawValue = rawValue
        self.providerName = provider
        self.maxInFlightPerAccount = maxInFlightPerAccount
    }

    /// The family of a request to `provider` at `path` (relative to the provider's base URL, as
    /// ``Endpoint/path`` gives it).
    public init(provider: Provider, path: String) { self = provider.familyOfPath(path) }

    /// The provider whose API this is.
    public var provider: Provider {
        Provider(rawValue: providerName) ?? .default
    }

    public var description: String { rawValue }
}

extension Endpoint {
    /// The family whose limit this request counts against, from its provider and path.
    public var family: APIFamily { APIFamily(provider: Self.provider, path: path) }
}
