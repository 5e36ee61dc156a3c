import Hummingbird

/// Adds a simulated network delay before each request is handled (`wps sandbox --latency MS`).
///
/// The delay is spent outside the per-account rate-limit gate, like time on the wire.
struct LatencyMiddleware<Context: RequestContext>: RouterMiddleware {
    let latency: Duration

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        try await Task.sleep(for: latency)
        return try await next(request, context)
    }
}
