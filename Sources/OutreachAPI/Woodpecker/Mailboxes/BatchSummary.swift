/// The status of a submitted mailbox batch (`GET mailboxes/manual_connection/bulk/{batch_id}/summary`).
public struct BatchSummary: Codable, Sendable, Hashable {
    /// Whether every mailbox of the batch has been processed.
    public var processing_finished: Bool
    /// How many mailboxes the batch held.
    public var batch_size: Int
    public var pending_mailboxes_count: Int
    public var connected_mailboxes_count: Int
    public var conditionally_connected_mailboxes_count: Int
    public var conditionally_connected_mailboxes: [ConnectionRequest]
    public var failed_mailboxes: [ConnectionRequest]

    public init(
        processing_finished: Bool, batch_size: Int, pending_mailboxes_count: Int,
        connected_mailboxes_count: Int, conditionally_connected_mailboxes_count: Int,
        conditionally_connected_mailboxes: [ConnectionRequest], failed_mailboxes: [ConnectionRequest]
    ) {
        self.processing_finished = processing_finished
        self.batch_size = batch_size
        self.pending_mailboxes_count = pending_mailboxes_count
        self.connected_mailboxes_count = connected_mailboxes_count
        self.conditionally_connected_mailboxes_count = conditionally_connected_mailboxes_count
        self.conditionally_connected_mailboxes = conditionally_connected_mailboxes
        self.failed_mailboxes = failed_mailboxes
    }

    /// How many mailboxes failed (not a field of the API; derived from `failed_mailboxes`).
    public var failedCount: Int { failed_mailboxes.count }

    /// One mailbox's connection request, as listed under conditionally connected or failed mailboxes.
    public struct ConnectionRequest: Codable, Sendable, Hashable {
        public var connection_request_id: Int
        public var smtp_email: String
        /// Null when the request gave no SMTP login.
        public var smtp_login: String?
        public var imap_email: String
        /// Why the connection failed (failed mailboxes only).
        public var error_message: String?

        public init(
            connection_request_id: Int, smtp_email: String, smtp_login: String?, imap_email: String,
            error_message: String? = nil
        ) {
            self.connection_request_id = connection_request_id
            self.smtp_email = smtp_email
            self.smtp_login = smtp_login
            self.imap_email = imap_email
            self.error_message = error_message
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(connection_request_id, forKey: .connection_request_id)
            try container.encode(smtp_email, forKey: .smtp_email)
            try container.encode(smtp_login, forKey: .smtp_login)  // documented as "might be null"
            try container.encode(imap_email, forKey: .imap_email)
            try container.encodeIfPresent(error_message, forKey: .error_message)
        }
    }
}
