import Foundation
import Hummingbird
import OutreachAPI

/// An error answer of the sandbox, rendered in one of the documented error body shapes.
///
/// ```swift
/// throw SandboxError.campaignNotFound          // 404 {"type":"CAMPAIGN_NOT_EXIST",…}
/// throw SandboxError(status: .badRequest, body: .none)   // bodiless 400
/// ```
public struct SandboxError: HTTPResponseError, Sendable {
    /// The body shapes the documents use.
    public enum Body: Sendable {
        case codeDetails(ErrorBody.CodeDetails)
        case typeMessage(ErrorBody.TypeMessage)
        case problem(title: String, detail: String)
        case message(String)
        /// `{"status": {"status": "ERROR", "code", "msg"}}` (the `/rest/v1` prospect paths).
        case v1Status(ErrorBody.V1Status)
        case none
    }

    public let status: HTTPResponse.Status
    public let body: Body
    /// Extra headers, e.g. `Retry-After`.
    public let headers: HTTPFields

    public init(status: HTTPResponse.Status, body: Body, headers: HTTPFields = [:]) {
        self.status = status
        self.body = body
        self.headers = headers
    }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        var fields = headers
        let data: Data?
        switch body {
        case .codeDetails(let value): data = try? JSONCoding.encode(value)
        case .typeMessage(let value): data = try? JSONCoding.encode(value)
        case .problem(let title, let detail):
            data = try? JSONCoding.encode(
                ErrorBody.Problem(title: title, status: Int(status.code), detail: detail, timestamp: Self.timestamp()))
        case .message(let text): data = try? JSONCoding.encode(ErrorBody.Message(message: text))
        case .v1Status(let value): data = try? JSONCoding.encode(value)
        case .none: data = nil
        }
        guard let data else { return Response(status: status, headers: fields) }
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
    }

    /// `YYYY-MM-DD HH:MM:SS` in UTC, as the documents' problem bodies show.
    static func timestamp(_ date: Date = Date()) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss"
        return formatter.string(from: date)
    }
}

extension SandboxError {
    /// 401 with the documented problem body.
    static let unauthorized = SandboxError(
        status: .unauthorized, body: .problem(title: "Unauthorized", detail: "Invalid api key"))
    /// 404 with the documented problem body, for unknown paths and resources.
    static let notFound = SandboxError(
        status: .notFound, body: .problem(title: "Not Found", detail: "Requested resource does not exist"))
    /// 404 `CAMPAIGN_NOT_EXIST`.
    static let campaignNotFound = campaign(.notFound, "CAMPAIGN_NOT_EXIST", "Campaign not found")
    /// 409 `NOT_EDITABLE_STATUS`.
    static let notEditable = campaign(
        .conflict, "NOT_EDITABLE_STATUS", "The campaign must be in DRAFT or EDITED status to be updated")

    /// A campaign-endpoint error: `{type, message, details: null}`.
    static func campaign(_ status: HTTPResponse.Status, _ type: String, _ message: String) -> SandboxError {
        SandboxError(status: status, body: .typeMessage(.init(type: type, message: message)))
    }

    /// 400 `INPUT_DATA_VALIDATION_FAILURE` listing the broken rules in the message.
    static func campaignInput(_ problems: [String]) -> SandboxError {
        let message =
            problems.isEmpty
            ? "Input data validation failure" : "Input data validation failure: " + problems.joined(separator: "; ")
        return campaign(.badRequest, "INPUT_DATA_VALIDATION_FAILURE", message)
    }

    /// 409 `VALIDATION_FAILURE` for campaign endpoints.
    static func campaignConflict(_ message: String) -> SandboxError {
        campaign(.conflict, "VALIDATION_FAILURE", message)
    }

    /// A manual-bulk error: `{code, details}`.
    static func bulk(_ status: HTTPResponse.Status, _ details: [String]) -> SandboxError {
        SandboxError(status: status, body: .codeDetails(.init(code: "VALIDATION_FAILURE", details: details)))
    }
}
