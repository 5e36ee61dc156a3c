import Hummingbird
import OutreachAPI

/// The codes of Woodpecker's `/rest/v1` errors (docs/contract/errors_v1.md): every one answers
/// `400` except `E_TOO_MANY_REQUESTS`, which answers `429` with `Retry-After` (gaps 22, 24).
enum V1Code: String, Sendable, CaseIterable {
    case duplicate = "E_DUPLICATE"
    case email = "E_EMAIL"
    case emailNotExists = "E_EMAIL_NOT_EXISTS"
    case invalidStatus = "E_INV_STATUS"
    case recordNotFound = "E_RECORD_NOT_FOUND"
    case requiredElement = "E_REQUIRED_ELEMENT"
    case session = "E_SESSION"
    case tooManyRequests = "E_TOO_MANY_REQUESTS"
    case urlNotFound = "E_URL_NOT_FOUND"
    case wrongParam = "E_WRONG_PARAM"
}

extension SandboxError {
    /// A v1 error: `{"status":{"status":"ERROR","code":…,"msg":…}}`, `400`, or `429` with
    /// `Retry-After: retryAfter` for ``V1Code/tooManyRequests``.
    static func v1(_ code: V1Code, _ msg: String, retryAfter: Int = 1) -> SandboxError {
        let body = Body.v1Status(ErrorBody.V1Status(code: code.rawValue, msg: msg))
        if code == .tooManyRequests {
            return SandboxError(status: .tooManyRequests, body: body, headers: [.retryAfter: String(retryAfter)])
        }
        return SandboxError(status: .badRequest, body: body)
    }

    /// `E_SESSION`: the v1 prospect paths' answer to a missing or blank key.
    static let v1Session = v1(.session, "x-api-key: a valid API key must be provided")
}
