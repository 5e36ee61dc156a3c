/// The answer to `POST /v1/email-accounts/connect`: the request id to poll.
public struct SaleshandyConnectAccepted: Codable, Sendable, Hashable {
    public var message: String
    public var payload: Payload
    public init(message: String, payload: Payload) {
        self.message = message
        self.payload = payload
    }
    /// `{"requestId": "129a184"}`
    public struct Payload: Codable, Sendable, Hashable {
        public var requestId: String
        public init(requestId: String) { self.requestId = requestId }
    }
}

/// The answer to `GET /v1/email-accounts/connect/status/{requestId}`.
///
/// The vendor document only says the status can be checked and that a CSV of the results is
/// linked on completion; this shape is wps's and the sandbox's (documented in the README):
/// progress counts while in progress, and per-account results plus `fileUrl` when done.
public struct SaleshandyConnectStatus: Codable, Sendable, Hashable {
    public var message: String
    public var payload: Payload
    public init(message: String, payload: Payload) {
        self.message = message
        self.payload = payload
    }

    /// The progress of one connect request.
    public struct Payload: Codable, Sendable, Hashable {
        public var requestId: String
        /// `in-progress` or `completed`.
        public var status: String
        public var total: Int
        public var processed: Int
        public var connected: Int
        public var failed: Int
        /// The per-account results, once `status` is `completed`.
        public var accounts: [AccountResult]?
        /// A link to the results as CSV, once `status` is `completed`.
        public var fileUrl: String?

        public init(
            requestId: String, status: String, total: Int, processed: Int, connected: Int, failed: Int,
            accounts: [AccountResult]? = nil, fileUrl: String? = nil
        ) {
            self.requestId = requestId
            self.status = status
            self.total = total
            self.processed = processed
            self.connected = connected
            self.failed = failed
            self.accounts = accounts
            self.fileUrl = fileUrl
        }

        /// Whether processing has finished.
        public var isCompleted: Bool { status == "completed" }
    }

    /// One account's outcome.
    public struct AccountResult: Codable, Sendable, Hashable {
        public var email: String
        /// `connected` or `failed`.
        public var status: String
        public var error: String?
        public init(email: String, status: String, error: String? = nil) {
            self.email = email
            self.status = status
            self.error = error
        }
    }
}
