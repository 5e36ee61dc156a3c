extension Woodpecker {
    /// `GET /rest/v2/inbox/messages` — a page of the prospects' replies, newest first, with the
    /// cursors of the pages around it (docs/contract/inbox.md).
    public struct ListInboxMessages: WoodpeckerMailboxEndpoint {
        public var query: InboxQuery
        public init(_ query: InboxQuery = InboxQuery()) { self.query = query }
        public var method: HTTPMethod { .get }
        public var path: String { "inbox/messages" + query.queryString }
        public func validate() -> [ValidationProblem] { Validation.inboxQuery(query) }
        public typealias Body = NoContent
        public typealias Success = InboxPage
    }

    /// `POST /rest/v2/inbox/messages/{id}/reply` — answers a prospect's reply through a connected
    /// mailbox and marks it read; `200` with no body.
    public struct ReplyToInboxMessage: WoodpeckerMailboxEndpoint {
        public var messageID: Int
        public var body: InboxReply?
        public init(messageID: Int, _ body: InboxReply) {
            self.messageID = messageID
            self.body = body
        }
        public var method: HTTPMethod { .post }
        public var path: String { "inbox/messages/\(messageID)/reply" }
        public var isIdempotent: Bool { false }
        public func validate() -> [ValidationProblem] {
            var problems = Validation.inboxMessageID(messageID)
            if let body { problems += Validation.inboxReply(body) }
            return problems
        }
        public typealias Success = NoContent
    }

    /// `GET /rest/v2/prospects/{id}/responses` — one prospect's replies, oldest first, optionally
    /// only those of some campaigns (`campaign_id`, comma-separated).
    public struct GetProspectResponses: WoodpeckerMailboxEndpoint {
        public var prospectID: Int
        public var campaignIDs: [Int]?
        public init(prospectID: Int, campaignIDs: [Int]? = nil) {
            self.prospectID = prospectID
            self.campaignIDs = campaignIDs
        }
        public var method: HTTPMethod { .get }
        public var path: String {
            "prospects/\(prospectID)/responses"
                + (campaignIDs.map { "?campaign_id=" + $0.map(String.init).joined(separator: ",") } ?? "")
        }
        public func validate() -> [ValidationProblem] {
            prospectID > 0 ? [] : [ValidationProblem("prospect_id", "must be a positive integer, got \(prospectID)")]
        }
        public typealias Body = NoContent
        public typealias Success = ProspectResponses
    }
}
