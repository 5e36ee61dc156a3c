import Hummingbird
import NIOCore

/// Refuses request bodies larger than the sandbox accepts with `413 Payload Too Large` (the
/// problem body), whether the size is announced in `Content-Length` or only known while the
/// body streams in; smaller bodies are collected, so routes read them from memory.
struct BodyLimitMiddleware<Context: RequestContext>: RouterMiddleware {
    /// The largest body accepted, in bytes.
    let limit: Int

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let announced = request.headers[.contentLength].flatMap({ Int($0) }), announced > limit {
            throw Self.tooLarge(limit)
        }
        var request = request
        do {
            _ = try await request.collectBody(upTo: limit)
        } catch is NIOTooManyBytesError {
            throw Self.tooLarge(limit)
        }
        return try await next(request, context)
    }

    static func tooLarge(_ limit: Int) -> SandboxError {
        SandboxError(
            status: .contentTooLarge,
            body: .problem(title: "Payload Too Large", detail: "The request body is larger than the sandbox accepts (\(limit) bytes)"))
    }
}
