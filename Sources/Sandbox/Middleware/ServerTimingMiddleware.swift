import Foundation
import HTTPTypes
import Hummingbird

/// Measures how long the sandbox spends on each request inside the rate-limit gate (the
/// routes and the store, not the simulated latency or the wait in the queue) and reports it in
/// a standard `Server-Timing: app;dur=MS` header; `wps sandbox --log` prints it, and the
/// benchmarks add it up for the server-side floor.
struct ServerTimingMiddleware<Context: RequestContext>: RouterMiddleware {
    static var field: HTTPField.Name { HTTPField.Name("Server-Timing") ?? .server }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let clock = ContinuousClock()
        let start = clock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPResponseError {
            // An error answer (404, 400 …) carries the time too.
            response = try error.response(from: request, context: context)
        }
        let elapsed = start.duration(to: clock.now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        response.headers[Self.field] = "app;dur=" + String(format: "%.3f", milliseconds)
        return response
    }
}
