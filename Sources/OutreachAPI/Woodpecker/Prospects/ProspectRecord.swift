/// A prospect as `GET /rest/v1/prospects` answers it (docs/contract/prospects_list.md): its id, the
/// fields it was given, its global status, dates, and with `campaigns_details` or `campaigns_id`
/// its enrolments.
///
/// Reading accepts the samples' spellings (`last replied`, `snipet1`…`snipet4`, `snipper9`);
/// writing uses `last_replied` and `snippet1`…`snippet15` plus the legacy `snipet1`…`snipet4`
/// copies (gap 19).
public struct ProspectRecord: Sendable, Hashable, Codable {
    /// One campaign the prospect is enrolled in (gap 20).
    public struct CampaignDetail: Sendable, Hashable, Codable {
        public var campaign_id: Int
        public var campaign_name: String
        public var campaign_status: String
        /// The prospect's status in this campaign (`ACTIVE`, `REPLIED`, `BOUNCED`, …).
        public var campaign_prospect_status: String
        /// `INTERESTED`, `NOT_INTERESTED`, `MAYBE_LATER`, or nil when not set.
        public var interested: String?
        /// The mailbox that writes to the prospect in this campaign, when one has.
        public var campaign_email: String?
        public init(
            campaign_id: Int, campaign_name: String, campaign_status: String, campaign_prospect_status: String,
            interested: String? = nil, campaign_email: String? = nil
        ) {
            self.campaign_id = campaign_id
            self.campaign_name = campaign_name
            self.campaign_status = campaign_status
            self.campaign_prospect_status = campaign_prospect_status
            self.interested = interested
            self.campaign_email = campaign_email
        }
    }

    public var id: Int
    /// Email, global status, the text fields and snippets (`interested` is per campaign, so unused).
    public var fields: ProspectFields
    /// The organisation the prospect belongs to, when one is assigned.
    public var organization_id: Int?
    /// Whether the prospect's data is stored encrypted (in the newer copy of the sample only).
    public var encrypted: Bool?
    /// Snippet labels and their values, as the newer sample gives them (an object; its values
    /// are kept as they come).
    public var snippet_labels: JSONValue?
    /// `2016-08-14T02:08:58+0000`, nil when it never happened.
    public var last_contacted: String?
    public var last_replied: String?
    public var updated: String?
    public var campaigns_details: [CampaignDetail]?

    public init(id: Int, fields: ProspectFields) {
        self.id = id
        self.fields = fields
    }

    public var email: String { fields.email }
    public var status: String { fields.status ?? "ACTIVE" }

    /// The record's text fields in the order records are written, without `status` and `interested`.
    public static let recordTextFields = ProspectFields.textFields.filter { $0 != "status" && $0 != "interested" }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: ProspectFields.Key.self)
        func text(_ names: String...) throws -> String? {
            for name in names {
                if let value = try container.decodeIfPresent(String.self, forKey: .init(name)) { return value }
            }
            return nil
        }
        id = try container.decode(Int.self, forKey: .init("id"))
        fields = ProspectFields(email: try container.decode(String.self, forKey: .init("email")))
        fields.status = try text("status")
        for field in Self.recordTextFields { fields[field] = try text(field) }
        for number in ProspectFields.snippetNumbers {
            var names = ["snippet\(number)"]
            if number <= 4 { names.append("snipet\(number)") }
            if number == 9 { names.append("snipper9") }
            for name in names {
                if let value = try container.decodeIfPresent(String.self, forKey: .init(name)) {
                    fields.snippets[number] = value
                    break
                }
            }
        }
        organization_id = try container.decodeIfPresent(Int.self, forKey: .init("organization_id"))
        encrypted = try container.decodeIfPresent(Bool.self, forKey: .init("encrypted"))
        snippet_labels = try container.decodeIfPresent(JSONValue.self, forKey: .init("snippet_labels"))
        last_contacted = try text("last_contacted")
        last_replied = try text("last_replied", "last replied")
        updated = try text("updated")
        campaigns_details = try container.decodeIfPresent([CampaignDetail].self, forKey: .init("campaigns_details"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: ProspectFields.Key.self)
        try container.encode(id, forKey: .init("id"))
        try container.encode(fields.email, forKey: .init("email"))
        try container.encode(status, forKey: .init("status"))
        for field in Self.recordTextFields { try container.encode(fields[field] ?? "", forKey: .init(field)) }
        try container.encodeIfPresent(organization_id, forKey: .init("organization_id"))
        try container.encodeIfPresent(encrypted, forKey: .init("encrypted"))
        try container.encodeIfPresent(snippet_labels, forKey: .init("snippet_labels"))
        try container.encode(last_contacted, forKey: .init("last_contacted"))
        try container.encode(last_replied, forKey: .init("last_replied"))
        try container.encode(updated, forKey: .init("updated"))
        for number in ProspectFields.snippetNumbers {
            try container.encode(fields.snippets[number] ?? "", forKey: .init("snippet\(number)"))
        }
        for number in 1...4 { try container.encode(fields.snippets[number] ?? "", forKey: .init("snipet\(number)")) }
        try container.encodeIfPresent(campaigns_details, forKey: .init("campaigns_details"))
    }
}
