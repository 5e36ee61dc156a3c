/// `GET /rest/v2/prospects/{id}/responses`: one prospect's replies, oldest first
/// (docs/contract/inbox.md, "One prospect's replies").
public struct ProspectResponses: Codable, Sendable, Hashable {
    /// One reply.
    public struct Response: Codable, Sendable, Hashable {
        public var response_id: Int
        public var campaign_id: Int?
        /// The campaign step the reply answered.
        public var step: Int?
        /// How many emails the campaign had sent the prospect when the reply came.
        public var campaign_email_sent: Int?
        public var subject: String?
        /// The reply in HTML.
        public var message: String?
        /// `YYYY-MM-DDTHH:MM:SS`, without an offset.
        public var delivered: String?
        /// The other address, when someone else answered.
        public var secondary_prospect_email: String?

        public init(
            response_id: Int, campaign_id: Int?, step: Int?, campaign_email_sent: Int?, subject: String?,
            message: String?, delivered: String?, secondary_prospect_email: String? = nil
        ) {
            self.response_id = response_id
            self.campaign_id = campaign_id
            self.step = step
            self.campaign_email_sent = campaign_email_sent
            self.subject = subject
            self.message = message
            self.delivered = delivered
            self.secondary_prospect_email = secondary_prospect_email
        }

        enum CodingKeys: String, CodingKey {
            case response_id, campaign_id, step, campaign_email_sent, subject, message, delivered,
                secondary_prospect_email
        }

        /// Every key written, `secondary_prospect_email` as `null` when absent, as the example shows.
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(response_id, forKey: .response_id)
            try container.encodeIfPresent(campaign_id, forKey: .campaign_id)
            try container.encodeIfPresent(step, forKey: .step)
            try container.encodeIfPresent(campaign_email_sent, forKey: .campaign_email_sent)
            try container.encodeIfPresent(subject, forKey: .subject)
            try container.encodeIfPresent(message, forKey: .message)
            try container.encodeIfPresent(delivered, forKey: .delivered)
            try container.encode(secondary_prospect_email, forKey: .secondary_prospect_email)
        }
    }

    public var prospect_id: Int
    public var email: String?
    public var responses: [Response]

    public init(prospect_id: Int, email: String?, responses: [Response]) {
        self.prospect_id = prospect_id
        self.email = email
        self.responses = responses
    }

    enum CodingKeys: String, CodingKey { case prospect_id, email, responses }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        prospect_id = try container.decode(Int.self, forKey: .prospect_id)
        email = try container.decodeIfPresent(String.self, forKey: .email)
        responses = try container.decodeIfPresent([Response].self, forKey: .responses) ?? []
    }
}
