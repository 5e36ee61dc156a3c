import Hummingbird
import NIOCore

/// Refuses request bodies larger than the sandbox accepts with `413 Payload Too Large` in the
/// endpoint's error shape (``EndpointFamily``), whether the size is announced in
/// `Content-Length` or only known while the body streams in; smaller bodies are collected, so
/// routes read them from memory.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest body accepted, in bytes.
    let limit: Int

    /// The limit on `path`: at least what its provider documents for it (the bulk prospect
    /// writes: ``SandboxProvider/bodyLimit(path:)``), ``limit`` elsewhere.
    func limit(for path: String) -> Int {
        SandboxProviders.all.lazy.compactMap { $0.bodyLimit(path: path) }.first.map { max(limit, $0) } ?? limit
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        let limit = limit(for: request.uri.path)
        if let announced = request.headers[.contentLength].flatMap({ Int($0) }), announced > limit {
            throw EndpointFamily(path: request.uri.path).tooLarge(limit: limit)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw EndpointFamily(path: request.uri.path).tooLarge(limit: limit)
        }
        return try await next(request, context)
    }
}
