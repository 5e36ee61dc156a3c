import Hummingbird
import OutreachAPI

/// Makes every error answer one of the documented shapes: unknown paths get the documented
/// 404 problem body, oversized bodies 413, and unexpected failures a 500 in the shape of the
/// endpoint family (`{code,…}` for manual bulk, `{type,…}` for campaigns, `{message}` for
/// Saleshandy, the problem body elsewhere).
struct ErrorShapingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as SandboxError {
            throw error
        } catch let error as HTTPError {
            switch error.status {
            case .notFound, .methodNotAllowed: throw SandboxError.notFound
            case .contentTooLarge:
                throw SandboxError(status: .contentTooLarge, body: .problem(title: "Payload Too Large", detail: "The request body is larger than the sandbox accepts"))
            default:
                throw SandboxError(status: error.status, body: .problem(title: error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase))
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.unknown(path: request.uri.path, detail: "An unexpected error has occurred. Please try again later.")
        }
    }

    /// A 500 in the documented shape of the endpoint family that `path` belongs to.
    static func unknown(path: String, detail: String) -> SandboxError {
        if path.hasPrefix("/rest/v2/mailboxes/manual_connection") {
            return SandboxError(status: .internalServerError, body: .codeDetails(.init(code: "UNKNOWN", details: [detail])))
        }
        if path.hasPrefix("/rest/v2/campaigns") {
            return SandboxError.campaign(.internalServerError, "UNKNOWN", detail)
        }
        if path.hasPrefix("/v1/") {
            return SandboxError(status: .internalServerError, body: .message(detail))
        }
        return SandboxError(status: .internalServerError, body: .problem(title: "Internal server error", detail: detail))
    }
}
