import Foundation

/// An error answered by the API: an HTTP status outside the endpoint's success statuses.
///
/// Every documented error body decodes into this one type, whatever its shape:
/// `{code, details}`, `{type, message, details}`, `{title, status, detail, timestamp}`, `{status: {code, msg}}` (v1),
/// `{message}`, or no body at all.
///
/// ```swift
/// catch let error as APIError where error.code == "NOT_EDITABLE_STATUS" { … }
/// ```
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The HTTP status code, e.g. 409.
    public var status: Int
    /// The machine-readable code: `code`, `type`, `title` or `message` (for the `{message}` shape), if any.
    public var code: String?
    /// The human-readable message: `message` or `detail`, if any.
    public var message: String?
    /// The `details` list, if any (empty when absent or null).
    public var details: [String]
    /// The endpoint that answered, as `METHOD path`, e.g. `POST campaigns/7/run`.
    public var endpoint: String
    /// The shape the body had.
    public var shape: ErrorShape
    /// The `Retry-After` delay the server asked for, in seconds, if any.
    public var retryAfter: Double?

    public init(
        status: Int, code: String? = nil, message: String? = nil, details: [String] = [],
        endpoint: String, shape: ErrorShape, retryAfter: Double? = nil
    ) {
        self.status = status
        self.code = code
        self.message = message
        self.details = details
        self.endpoint = endpoint
        self.shape = shape
        self.retryAfter = retryAfter
    }

    /// Decodes an error response body of any documented shape.
    ///
    /// A body that is empty, not JSON, or of an unknown shape still yields an error carrying the
    /// status; its text (cut to 200 characters) becomes the message so nothing is lost.
    public static func decode(status: Int, body: Data?, endpoint: String, retryAfter: Double? = nil) -> APIError {
        var error = APIError(status: status, endpoint: endpoint, shape: .none, retryAfter: retryAfter)
        guard let body, !body.isEmpty else { return error }
        guard let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) as? [String: Any]
        else {
            let text = String(decoding: body.prefix(200), as: UTF8.self)
            error.message = text.trimmingCharacters(in: .whitespacesAndNewlines)
            return error
        }
        let details = (object["details"] as? [Any])?.map { "\($0)" } ?? []
        if let status = object["status"] as? [String: Any], let code = status["code"] as? String {
            error.shape = .v1Status
            error.code = code
            error.message = status["msg"] as? String
        } else if let code = object["code"] as? String {
            error.shape = .codeDetails
            error.code = code
            error.details = details
            error.message = object["message"] as? String
        } else if let type = object["type"] as? String {
            error.shape = .typeMessage
            error.code = type
            error.message = object["message"] as? String
            error.details = details
        } else if let title = object["title"] as? String {
            error.shape = .problem
            error.code = title
            error.message = object["detail"] as? String
        } else if let message = object["message"] as? String {
            error.shape = .message
            error.code = message
            error.message = message
            error.details = details
        } else {
            error.message = String(decoding: body.prefix(200), as: UTF8.self)
        }
        return error
    }

    /// A one-line account: `POST campaigns/7/run: 409 VALIDATION_FAILURE: Validation failure (…details)`.
    public var description: String {
        var text = "\(endpoint): HTTP \(status)"
        if let code { text += " \(code)" }
        if shape == .v1Status, let code, let meaning = ErrorBody.V1Status.meanings[code] { text += " (\(meaning))" }
        if let message, message != code { text += ": \(message)" }
        if !details.isEmpty { text += " (" + details.joined(separator: "; ") + ")" }
        return text
    }
}
