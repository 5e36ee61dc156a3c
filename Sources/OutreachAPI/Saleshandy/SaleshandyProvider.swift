extension Provider {
    /// Saleshandy's open API: `https://open-api.saleshandy.com/v1`.
    public static let saleshandy = Provider(
        "saleshandy", displayName: "Saleshandy", defaultBaseURL: "https://open-api.saleshandy.com/v1",
        sandboxPrefix: "/v1", secretFields: SaleshandyEmailAccount.secretFields.union(["headers"])
    ) { _ in .saleshandy }
}

extension APIFamily {
    /// Saleshandy's open API. It documents no limit on requests in flight; the client keeps to 6.
    public static let saleshandy = APIFamily("saleshandy", provider: "saleshandy", maxInFlightPerAccount: 6)
}
