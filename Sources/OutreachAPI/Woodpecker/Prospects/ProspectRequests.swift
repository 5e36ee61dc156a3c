/// The body of `POST /rest/v1/add_prospects_list` (docs/contract/add_prospects_list.md).
public struct ProspectListRequest: Sendable, Hashable, Codable {
    public var update: Bool?
    public var file_name: String?
    public var prospects: [ProspectFields]
    public init(prospects: [ProspectFields], update: Bool? = nil, file_name: String? = nil) {
        self.prospects = prospects
        self.update = update
        self.file_name = file_name
    }
}

/// The body of `POST /rest/v1/add_prospects_campaign` (docs/contract/add_prospects_campaign.md).
public struct ProspectCampaignRequest: Sendable, Hashable, Codable {
    /// The campaign, and the earliest time it may write to these prospects.
    public struct Target: Sendable, Hashable, Codable {
        public var campaign_id: Int
        /// ISO 8601 with an offset: `2025-04-01T00:01:01-0000`.
        public var send_after: String?
        public init(campaign_id: Int, send_after: String? = nil) {
            self.campaign_id = campaign_id
            self.send_after = send_after
        }
    }
    public var campaign: Target
    public var force: Bool?
    public var file_name: String?
    public var update: Bool?
    public var prospects: [ProspectFields]
    public init(
        campaign: Target, prospects: [ProspectFields], force: Bool? = nil, update: Bool? = nil, file_name: String? = nil
    ) {
        self.campaign = campaign
        self.prospects = prospects
        self.force = force
        self.update = update
        self.file_name = file_name
    }
}

/// The answer of both bulk prospect endpoints: one entry per prospect sent, in order, and the
/// request's own status (docs/contract/README.md, open point 1).
public struct ProspectBulkResponse: Sendable, Hashable, Codable {
    /// One prospect's outcome: added (`id`), already in the campaign (`prospect_campaign:
    /// DUPLICATE`), or rejected (`status: ERROR` with `code` and `msg`).
    public struct Entry: Sendable, Hashable, Codable {
        public var email: String
        public var id: Int?
        public var status: String?
        public var code: String?
        public var msg: String?
        public var prospect_campaign: String?
        public init(
            email: String, id: Int? = nil, status: String? = nil, code: String? = nil, msg: String? = nil,
            prospect_campaign: String? = nil
        ) {
            self.email = email
            self.id = id
            self.status = status
            self.code = code
            self.msg = msg
            self.prospect_campaign = prospect_campaign
        }
        public var isRejected: Bool { status == "ERROR" }
        public var isDuplicate: Bool { prospect_campaign == "DUPLICATE" || code == "E_DUPLICATE" }
    }
    public var prospects: [Entry]
    public var status: ErrorBody.V1Status.Status
    public init(prospects: [Entry], status: ErrorBody.V1Status.Status = .init(status: "OK", code: "OK", msg: "OK")) {
        self.prospects = prospects
        self.status = status
    }
}
