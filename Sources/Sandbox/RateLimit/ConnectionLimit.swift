/// Woodpecker's `/rest/v1` request discipline: at most `limit` requests of an account at the same
/// time, with no queue; one more is refused at once (the v1 error-code page: "only 2 concurrent
/// connections to the API at the same time", docs/contract/rate_limits.md).
actor ConnectionLimit {
    private var inUse: [String: Int] = [:]
    let limit: Int

    init(limit: Int) {
        self.limit = max(1, limit)
    }

    /// Takes one of the account's connections; false when all `limit` are taken, and the request
    /// must be refused.
    func enter(_ account: String) -> Bool {
        let current = inUse[account, default: 0]
        guard current < limit else { return false }
        inUse[account] = current + 1
        return true
    }

    /// Gives back a connection taken by ``enter(_:)``.
    func leave(_ account: String) {
        let remaining = inUse[account, default: 0] - 1
        inUse[account] = remaining > 0 ? remaining : nil
    }

    /// The number of `account`'s requests being processed.
    func active(_ account: String) -> Int { inUse[account, default: 0] }
}
