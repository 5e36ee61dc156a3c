import Foundation
import HTTPTypes
import Hummingbird

/// Counts the requests the sandbox received, so tests can prove that nothing was sent.
public actor RequestCounter {
    public private(set) var count = 0
    /// Counts by `METHOD path`.
    public private(set) var byEndpoint: [String: Int] = [:]

    public init() {}

    func record(_ method: String, _ path: String) {
        count += 1
        byEndpoint["\(method) \(path)", default: 0] += 1
    }

    /// Forgets what was counted.
    public func reset() {
        count = 0
        byEndpoint = [:]
    }
}

/// Records each request in a ``RequestCounter``; optionally logs method, path, status and the
/// time spent processing it (`app;dur=MS`; never a request header, so never the API key) to stderr.
struct RequestCounterMiddleware<Context: RequestContext>: RouterMiddleware {
    let counter: RequestCounter
    let log: Bool

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        await counter.record(request.method.rawValue, request.uri.path)
        guard log else { return try await next(request, context) }
        do {
            let response = try await next(request, context)
            let timing = response.headers[ServerTimingMiddleware<Context>.field].map { " " + $0 } ?? ""
            printError("\(request.method.rawValue) \(request.uri.path) \(response.status.code)\(timing)")
            return response
        } catch {
            printError(
                "\(request.method.rawValue) \(request.uri.path) \((error as? HTTPResponseError)?.status.code ?? 500)")
            throw error
        }
    }
}

/// Writes one line to standard error in one write, so lines from concurrent requests never
/// interleave (`print(_:to:)` writes the text and its newline separately).
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}
