/// The body of `POST mailboxes/manual_connection/bulk`: up to 200 mailboxes to connect.
public struct ManualBulkRequest: Codable, Sendable, Hashable {
    public var mailboxes: [ManualMailbox]
    /// `["MAIL"]` to be mailed when processing finishes; null or empty for no notification.
    public var completion_notification_types: [NotificationType]?

    public init(mailboxes: [ManualMailbox], completion_notification_types: [NotificationType]? = nil) {
        self.mailboxes = mailboxes
        self.completion_notification_types = completion_notification_types
    }

    /// The largest batch the API accepts.
    public static let maxBatchSize = 200
}

/// The answer to an accepted manual bulk request (`202 Accepted`).
public struct BatchAccepted: Codable, Sendable, Hashable {
    /// The batch id, used to ask for the batch summary.
    public var batch_id: Int
    public init(batch_id: Int) { self.batch_id = batch_id }
}
