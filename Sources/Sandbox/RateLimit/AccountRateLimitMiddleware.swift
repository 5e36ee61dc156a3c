import Hummingbird

/// Emulates Woodpecker's published rate limit on `/rest/…` paths: each account's requests are
/// processed one at a time; up to 6 more wait, for at most 15 s; a request beyond that is
/// dropped at once — the sandbox answers 429 with `Retry-After` (the v1 body on `/rest/v1`).
/// One gate per key serves `/rest/v1` and `/rest/v2` alike (docs/contract gap 23). Requests without a key pass
/// (the routes answer 401).
struct AccountRateLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    let gate: AccountGate

    init(queueLimit: Int = 6, maxWait: Duration = .seconds(15)) {
        gate = AccountGate(queueLimit: queueLimit, maxWait: maxWait)
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        guard request.uri.path.hasPrefix("/rest/"), let key = request.headers[Request.apiKeyField], !key.isEmpty else {
            return try await next(request, context)
        }
        guard await gate.enter(key) else {
            throw EndpointFamily(path: request.uri.path).tooManyRequests(
                "Rate limit exceeded: requests are processed one at a time per account, with at most \(gate.queueLimit) waiting"
            )
        }
        do {
            let response = try await next(request, context)
            await gate.leave(key)
            return response
        } catch {
            await gate.leave(key)
            throw error
        }
    }
}
