import Hummingbird

/// Emulates Woodpecker's published rate limits on `/rest/…` paths, per API key, each family as
/// its pages describe it (docs/contract/rate_limits.md):
///
/// - `/rest/v2` (and the `/rest/v1/me` extension): one request processed at a time, up to 6 more
///   waiting for at most 15 s; a request beyond that, or one that waited too long, is answered
///   `429` with `Retry-After: 1` and the problem body.
/// - `/rest/v1` (prospects): at most 2 requests at the same time, no queue; a third is answered
///   at once as the v1 pages say, `400` with `{"status":{…,"code":"E_TOO_MANY_REQUESTS",…}}`.
///
/// The two families are limited apart (the pages allow using both side by side). Requests without
/// a key pass (the routes answer 401 or `E_SESSION`).
struct AccountRateLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let gate: AccountGate
    let v1Connections: ConnectionLimit

    init(queueLimit: Int = 6, maxWait: Duration = .seconds(15), v1ConcurrentLimit: Int = 2) {
        gate = AccountGate(queueLimit: queueLimit, maxWait: maxWait)
        v1Connections = ConnectionLimit(limit: v1ConcurrentLimit)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let path = request.uri.path
        guard path.hasPrefix("/rest/"), let key = request.headers[Request.apiKeyField], !key.isEmpty else {
            return try await next(request, context)
        }
        let family = EndpointFamily(path: path)
        if family == .v1Prospects {
            guard await v1Connections.enter(key) else {
                throw family.tooManyRequests(
                    "Too many requests at the same time: /rest/v1 allows \(v1Connections.limit) concurrent connections per account"
                )
            }
            return try await Self.run(next, request, context) { await v1Connections.leave(key) }
        }
        guard await gate.enter(key) else {
            throw family.tooManyRequests(
                "Rate limit exceeded: requests are processed one at a time per account, with at most \(gate.queueLimit) waiting"
            )
        }
        return try await Self.run(next, request, context) { await gate.leave(key) }
    }

    /// Runs the rest of the chain, then `leave`, whether it answered or threw.
    private static func run(
        _ next: (Request, Context) async throws -> Response, _ request: Request, _ context: Context,
        leave: () async -> Void
    ) async throws -> Response {
        do {
            let response = try await next(request, context)
            await leave()
            return response
        } catch {
            await leave()
            throw error
        }
    }
}
