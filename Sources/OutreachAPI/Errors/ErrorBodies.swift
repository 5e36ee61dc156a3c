import Foundation

/// The four error body shapes the vendor documents use, as Codable values.
///
/// The client decodes whichever arrives into ``APIError``; the sandbox encodes these to answer
/// exactly as the documents show.
public enum ErrorBody {
    /// `{"code": "VALIDATION_FAILURE", "details": ["…"]}` — Woodpecker manual mailbox bulk.
    public struct CodeDetails: Codable, Sendable, Hashable {
        public var code: String
        public var details: [String]
        public init(code: String, details: [String]) {
            self.code = code
            self.details = details
        }
    }

    /// `{"type": "CAMPAIGN_NOT_EXIST", "message": "Campaign not found", "details": null}` — campaigns.
    public struct TypeMessage: Codable, Sendable, Hashable {
        public var type: String
        public var message: String
        public var details: [String]?
        public init(type: String, message: String, details: [String]? = nil) {
            self.type = type
            self.message = message
            self.details = details
        }
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(type, forKey: .type)
            try container.encode(message, forKey: .message)
            try container.encode(details, forKey: .details)  // the documents always show `details: null`
        }
    }

    /// `{"title": "Unauthorized", "status": 401, "detail": "Invalid api key", "timestamp": "…"}`.
    public struct Problem: Codable, Sendable, Hashable {
        public var title: String
        public var status: Int
        public var detail: String
        public var timestamp: String
        public init(title: String, status: Int, detail: String, timestamp: String) {
            self.title = title
            self.status = status
            self.detail = detail
            self.timestamp = timestamp
        }
    }

    /// `{"status": {"status": "ERROR", "code": "E_INV_STATUS", "msg": "…"}}` — Woodpecker's legacy
    /// `/rest/v1` endpoints (prospects), answered with `400` (docs/contract/errors_v1.md).
    public struct V1Status: Codable, Sendable, Hashable {
        public struct Status: Codable, Sendable, Hashable {
            public var status: String
            public var code: String
            public var msg: String
            public init(status: String = "ERROR", code: String, msg: String) {
                self.status = status
                self.code = code
                self.msg = msg
            }
        }
        public var status: Status
        public init(code: String, msg: String) { status = Status(code: code, msg: msg) }

        /// The v1 code for "too many requests at the same time": Woodpecker answers it with `400`
        /// (and `409` on its webhook pages), not `429` (docs/contract/rate_limits.md).
        public static let tooManyRequestsCode = "E_TOO_MANY_REQUESTS"

        /// Whether `body` is a v1 error body whose `status.code` is ``tooManyRequestsCode``,
        /// whatever HTTP status came with it.
        ///
        /// ```swift
        /// ErrorBody.V1Status.isTooManyRequests(Array(#"{"status":{"code":"E_TOO_MANY_REQUESTS"}}"#.utf8))  // true
        /// ```
        public static func isTooManyRequests(_ body: [UInt8]) -> Bool {
            // Error bodies are short; a long answer (a page of records) is never this one, and
            // most error bodies are told apart by a byte search before any parsing.
            guard body.count <= 4096, body.count >= tooManyRequestsCode.utf8.count,
                String(decoding: body, as: UTF8.self).contains(tooManyRequestsCode)
            else { return false }
            let object = try? JSONSerialization.jsonObject(with: Data(body), options: []) as? [String: Any]
            let status = object?["status"] as? [String: Any]
            return status?["code"] as? String == tooManyRequestsCode
        }

        /// Every documented v1 code and what it means (docs/contract/errors_v1.md), in our words.
        public static let meanings: [String: String] = [
            "E_DUPLICATE": "the prospect is already there",
            "E_EMAIL": "the email address is not valid",
            "E_EMAIL_NOT_EXISTS": "the email address seems not to exist",
            "E_INV_STATUS": "the prospect's status is not ACTIVE (--force admits it)",
            "E_RECORD_NOT_FOUND": "the campaign cannot be found",
            "E_REQUIRED_ELEMENT": "the prospects list is missing",
            "E_SESSION": "authorisation failed: the API key is wrong or no longer valid",
            "E_TOO_MANY_REQUESTS": "too many requests at the same time",
            "E_URL_NOT_FOUND": "the endpoint does not exist",
            "E_WRONG_PARAM": "a parameter is not valid",
        ]
    }

    /// `{"message": "INVALID_CREDENTIAL_ID"}` — Microsoft bulk 422, Saleshandy errors.
    public struct Message: Codable, Sendable, Hashable {
        public var message: String
        public init(message: String) { self.message = message }
    }
}

/// Which of the documented error body shapes an endpoint answers with.
public enum ErrorShape: String, Sendable, Hashable {
    /// `{code, details}`
    case codeDetails
    /// `{type, message, details}`
    case typeMessage
    /// `{title, status, detail, timestamp}`
    case problem
    /// `{message}`
    case message
    /// `{status: {status, code, msg}}` — Woodpecker's `/rest/v1`.
    case v1Status
    /// No body at all (bodiless 400 and 404).
    case none
}
