import Hummingbird
import OutreachAPI

/// The codes of Woodpecker's `/rest/v1` errors (docs/contract/errors_v1.md): every one answers
/// `400`, `E_TOO_MANY_REQUESTS` included, as the error-code page says (gaps 22, 24).
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
    /// A v1 error: `400` with `{"status":{"status":"ERROR","code":…,"msg":…}}`. The pages give
    /// no `Retry-After` for `E_TOO_MANY_REQUESTS`, and the sandbox sends none.
    static func v1(_ code: V1Code, _ msg: String) -> SandboxError {
        SandboxError(status: .badRequest, body: .v1Status(ErrorBody.V1Status(code: code.rawValue, msg: msg)))
    }

    /// `E_SESSION`: the v1 prospect paths' answer to a missing or blank key.
    static let v1Session = v1(.session, "x-api-key: a valid API key must be provided")
}
