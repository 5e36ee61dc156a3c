extension Provider {
    /// Woodpecker: `https://api.woodpecker.co/rest/v2`, with the legacy `/rest/v1` one step up.
    public static let woodpecker = Provider(
        "woodpecker", displayName: "Woodpecker", defaultBaseURL: "https://api.woodpecker.co/rest/v2",
        sandboxPrefix: "/rest/v2", secretFields: ManualMailbox.secretFields
    ) { path in
        path.hasPrefix("../v1/") || path == "../v1" ? .woodpeckerV1 : .woodpeckerV2
    }
}

extension APIFamily {
    /// Woodpecker's `/rest/v2` (every path under the provider's base URL). It processes one
    /// request at a time per account, queues at most 6 more and drops the rest (the API 2.0
    /// reference): 7 can be at the server at once. A request leaves the server's count before its
    /// answer reaches the client, so these many outstanding never exceed what it admits.
    public static let woodpeckerV2 = APIFamily("woodpecker", provider: "woodpecker", maxInFlightPerAccount: 7)
    /// Woodpecker's legacy `/rest/v1` paths (prospects, and the `/rest/v1/me` extension): only 2
    /// concurrent connections, more are answered `E_TOO_MANY_REQUESTS`
    /// (<https://woodpecker.co/help/error-codes/>; docs/contract/rate_limits.md).
    public static let woodpeckerV1 = APIFamily("woodpecker-v1", provider: "woodpecker", maxInFlightPerAccount: 2)
}
