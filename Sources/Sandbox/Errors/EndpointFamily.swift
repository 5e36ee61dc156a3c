import Hummingbird
import OutreachAPI

/// The endpoint families of the sandbox, by path, each with the error body shape its document
/// uses: `{code, details}` for manual bulk, `{type, message, details}` for campaigns, no body for
/// Microsoft bulk's request errors, `{message}` (`messageBody`), `{status: {status, code, msg}}`
/// for v1 prospect paths, the problem body elsewhere. Each provider maps its own paths
/// (``SandboxProvider/errorFamily(path:)``).
///
/// Errors raised before a route runs (a body over the limit, a rate-limit refusal, an injected
/// fault, an unknown path, an unexpected failure) take their shape from here, so they look like
/// the endpoint's own.
enum EndpointFamily: Sendable, Equatable {
    case manualBulk, microsoftBulk, campaigns, messageBody, v1Prospects, other

    /// The two prospect write paths, whose body limit is at least ``prospectWriteLimit``.
    static let prospectWritePaths: Set<String> = ["/rest/v1/add_prospects_list", "/rest/v1/add_prospects_campaign"]
    /// 20,000 full prospect records do not fit in 8M (docs/contract gap 4).
    static let prospectWriteLimit = 32 * 1024 * 1024

    /// The family of `path`: the first registered provider's answer (``SandboxProviders``), else `other`.
    init(path: String) {
        self = SandboxProviders.all.lazy.compactMap { $0.errorFamily(path: path) }.first ?? .other
    }

    /// 413 for a body larger than `limit` bytes (when known).
    func tooLarge(limit: Int?) -> SandboxError {
        let message = "The request body is larger than the sandbox accepts" + (limit.map { " (\($0) bytes)" } ?? "")
        switch self {
        case .manualBulk:
            return SandboxError(
                status: .contentTooLarge, body: .codeDetails(.init(code: "VALIDATION_FAILURE", details: [message])))
        case .campaigns:
            return SandboxError.campaign(.contentTooLarge, "INPUT_DATA_VALIDATION_FAILURE", message)
        case .microsoftBulk:
            // Its document gives request errors no body.
            return SandboxError(status: .contentTooLarge, body: .none)
        case .messageBody:
            return SandboxError(status: .contentTooLarge, body: .message(message))
        case .v1Prospects:
            // 413 (what a proxy in front would answer) in the v1 shape, with the code v1 uses for
            // an invalid request.
            return SandboxError(
                status: .contentTooLarge,
                body: .v1Status(ErrorBody.V1Status(code: V1Code.wrongParam.rawValue, msg: message)))
        case .other:
            return SandboxError(status: .contentTooLarge, body: .problem(title: "Payload Too Large", detail: message))
        }
    }

    /// 500 for an unexpected failure.
    func unknown(_ detail: String) -> SandboxError {
        switch self {
        case .manualBulk:
            return SandboxError(
                status: .internalServerError, body: .codeDetails(.init(code: "UNKNOWN", details: [detail])))
        case .campaigns:
            return SandboxError.campaign(.internalServerError, "UNKNOWN", detail)
        case .messageBody:
            return SandboxError(status: .internalServerError, body: .message(detail))
        case .v1Prospects:
            // The v1 pages name no code for a server failure, and the sandbox invents none.
            return SandboxError(status: .internalServerError, body: .none)
        case .microsoftBulk, .other:
            return SandboxError(
                status: .internalServerError, body: .problem(title: "Internal server error", detail: detail))
        }
    }

    /// A request refused by the rate limit (or an injected 429): on `/rest/v1` as the v1 pages
    /// answer it, `400` `E_TOO_MANY_REQUESTS` without `Retry-After`; elsewhere `429` with
    /// `Retry-After` and the problem body.
    func tooManyRequests(_ detail: String, retryAfter: Int = 1) -> SandboxError {
        switch self {
        case .v1Prospects:
            return SandboxError.v1(.tooManyRequests, detail)
        default:
            return SandboxError(
                status: .tooManyRequests, body: .problem(title: "Too Many Requests", detail: detail),
                headers: [.retryAfter: String(retryAfter)])
        }
    }

    /// 503 for an injected outage: bodiless on v1 (no v1 code fits), the problem body elsewhere.
    func unavailable(_ detail: String) -> SandboxError {
        switch self {
        case .v1Prospects: return SandboxError(status: .serviceUnavailable, body: .none)
        default:
            return SandboxError(
                status: .serviceUnavailable, body: .problem(title: "Service Unavailable", detail: detail))
        }
    }

    /// The answer for a path (or method) no route serves: `E_URL_NOT_FOUND` on v1, the 404
    /// problem body elsewhere.
    func notFound(method: String, path: String) -> SandboxError {
        switch self {
        case .v1Prospects: return SandboxError.v1(.urlNotFound, "no endpoint \(method) \(path)")
        default: return SandboxError.notFound
        }
    }
}
