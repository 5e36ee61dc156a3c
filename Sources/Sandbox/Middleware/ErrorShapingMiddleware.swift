import Hummingbird
import OutreachAPI

/// Makes every error answer one of the documented shapes: unknown paths get the documented
/// 404 problem body (`E_URL_NOT_FOUND` under `/rest/v1`), and oversized bodies (413) and unexpected failures (500) the shape of
/// their ``EndpointFamily``.
struct ErrorShapingMiddleware<Context: RequestContext>: RouterMiddleware {
    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch let error as SandboxError {
            throw error
        } catch let error as HTTPError {
            switch error.status {
            case .notFound, .methodNotAllowed:
                throw EndpointFamily(path: request.uri.path).notFound(
                    method: request.method.rawValue, path: request.uri.path)
            case .contentTooLarge:
                throw EndpointFamily(path: request.uri.path).tooLarge(limit: nil)
            default:
                throw SandboxError(
                    status: error.status,
                    body: .problem(title: error.status.reasonPhrase, detail: error.body ?? error.status.reasonPhrase))
            }
        } catch is CancellationError {
            throw CancellationError()
        } catch {
            throw Self.unknown(
                path: request.uri.path, detail: "An unexpected error has occurred. Please try again later.")
        }
    }

    /// A 500 in the documented shape of the endpoint family that `path` belongs to.
    static func unknown(path: String, detail: String) -> SandboxError {
        EndpointFamily(path: path).unknown(detail)
    }
}
