/// `POST /v1/analytics/stats`'s answer for one sequence (docs/contract/saleshandy/analytics.md):
/// its prospects' counts (the page shows them as strings, `"25"`) and its emails' (numbers).
public struct SaleshandySequenceStats: Codable, Sendable, Hashable {
    /// The emails' total and their counts by status.
    public struct Emails: Codable, Sendable, Hashable {
        public var total: JSONValue?
        public var status: [String: JSONValue]?
        public init(total: JSONValue?, status: [String: JSONValue]?) {
            self.total = total
            self.status = status
        }
    }
    /// One object of counts (the page shows an array holding one).
    public var prospects: [[String: JSONValue]]?
    public var emails: Emails?
    public var sequenceId: String?
    public var sequenceName: String?
    public var client: SaleshandySequence.Client?

    public init(
        prospects: [[String: JSONValue]]?, emails: Emails?, sequenceId: String?, sequenceName: String?,
        client: SaleshandySequence.Client? = nil
    ) {
        self.prospects = prospects
        self.emails = emails
        self.sequenceId = sequenceId
        self.sequenceName = sequenceName
        self.client = client
    }

    /// The prospect counts the page lists, in its order.
    public static let prospectCounts = [
        "total", "open", "replied", "clicked", "unsubscribed", "contacted", "notContacted", "uncategorized",
        "interested", "notInterested", "meetingBooked", "outOfOffice", "closed", "notNow", "doNotContact",
        "interestedDealValue", "meetingBookedDealValue", "closedDealValue", "sentNoOpen", "openedNoReply",
        "openedNoClicked", "clickedNoReply",
    ]
    /// The email statuses the page lists.
    public static let emailStatuses = ["scheduled", "delivered", "opened", "clicked", "replied", "bounced", "failed"]
}

/// The body of `POST /v1/analytics/stats`.
public struct SaleshandyStatsRequest: Codable, Sendable, Hashable {
    public var sequenceId: String
    public init(sequenceId: String) { self.sequenceId = sequenceId }
}
