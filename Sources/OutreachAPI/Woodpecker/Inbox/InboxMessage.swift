/// One message of the inbox: a prospect's reply (docs/contract/inbox.md, proposal 3, provisional
/// until the page's example is read). Only `id` is required; every other key is read when given
/// and unknown keys are ignored.
public struct InboxMessage: Codable, Sendable, Hashable {
    public var id: Int
    public var prospect_id: Int?
    public var prospect_email: String?
    public var campaign_id: Int?
    public var step: Int?
    public var mailbox_id: Int?
    public var from_email: String?
    public var from_name: String?
    public var to_email: String?
    public var subject: String?
    /// The reply in HTML.
    public var message: String?
    /// `YYYY-MM-DDTHH:MM:SS`, UTC, without an offset.
    public var delivered: String?
    public var read: Bool?
    /// In the filter's spelling: `RESPONDED`, `BOUNCED`, …
    public var prospect_status: String?
    /// `INTERESTED`, `MAYBE_LATER`, `NOT_INTERESTED` or `NOT_MARKED`.
    public var prospect_interest_level: String?

    public init(
        id: Int, prospect_id: Int? = nil, prospect_email: String? = nil, campaign_id: Int? = nil, step: Int? = nil,
        mailbox_id: Int? = nil, from_email: String? = nil, from_name: String? = nil, to_email: String? = nil,
        subject: String? = nil, message: String? = nil, delivered: String? = nil, read: Bool? = nil,
        prospect_status: String? = nil, prospect_interest_level: String? = nil
    ) {
        self.id = id
        self.prospect_id = prospect_id
        self.prospect_email = prospect_email
        self.campaign_id = campaign_id
        self.step = step
        self.mailbox_id = mailbox_id
        self.from_email = from_email
        self.from_name = from_name
        self.to_email = to_email
        self.subject = subject
        self.message = message
        self.delivered = delivered
        self.read = read
        self.prospect_status = prospect_status
        self.prospect_interest_level = prospect_interest_level
    }
}

/// The cursors of a page of the inbox: `null` where no page follows (or precedes).
public struct InboxPagination: Codable, Sendable, Hashable {
    public var previous_page_cursor: String?
    public var next_page_cursor: String?

    public init(previous_page_cursor: String? = nil, next_page_cursor: String? = nil) {
        self.previous_page_cursor = previous_page_cursor
        self.next_page_cursor = next_page_cursor
    }

    enum CodingKeys: String, CodingKey { case previous_page_cursor, next_page_cursor }

    /// Both keys always written, `null` when absent, as the listing shows them.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(previous_page_cursor, forKey: .previous_page_cursor)
        try container.encode(next_page_cursor, forKey: .next_page_cursor)
    }
}

/// A page of `GET /rest/v2/inbox/messages`: `{content: […], pagination: {…}}`; a missing
/// `content` reads as no messages, a missing `pagination` as the last page.
public struct InboxPage: Codable, Sendable, Hashable {
    public var content: [InboxMessage]
    public var pagination: InboxPagination

    public init(content: [InboxMessage], pagination: InboxPagination) {
        self.content = content
        self.pagination = pagination
    }

    enum CodingKeys: String, CodingKey { case content, pagination }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        content = try container.decodeIfPresent([InboxMessage].self, forKey: .content) ?? []
        pagination = try container.decodeIfPresent(InboxPagination.self, forKey: .pagination) ?? InboxPagination()
    }
}
