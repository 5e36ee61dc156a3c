import Hummingbird
import OutreachAPI

/// The endpoint families of the sandbox, by path, each with the error body shape its document
/// uses: `{code, details}` for manual bulk, `{type, message, details}` for campaigns, no body for
/// Microsoft bulk's request errors, `{message}` for Saleshandy, the problem body elsewhere.
///
/// Errors raised before a route runs (a body over the limit, an unexpected failure) take their
/// shape from here, so they look like the endpoint's own.
enum EndpointFamily: Sendable, Equatable {
    case manualBulk, microsoftBulk, campaigns, saleshandy, other

    init(path: String) {
        if path.hasPrefix("/rest/v2/mailboxes/manual_connection") {
            self = .manualBulk
        } else if path.hasPrefix("/rest/v2/mailboxes/microsoft") {
            self = .microsoftBulk
        } else if path.hasPrefix("/rest/v2/campaigns") {
            self = .campaigns
        } else if path.hasPrefix("/v1/") {
            self = .saleshandy
        } else {
            self = .other
        }
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
        case .saleshandy:
            return SandboxError(status: .contentTooLarge, body: .message(message))
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
        case .saleshandy:
            return SandboxError(status: .internalServerError, body: .message(detail))
        case .microsoftBulk, .other:
            return SandboxError(
                status: .internalServerError, body: .problem(title: "Internal server error", detail: detail))
        }
    }
}
