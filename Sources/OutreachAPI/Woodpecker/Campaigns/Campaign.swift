/// A campaign as the API returns it (create, get, update, add/delete step).
public struct Campaign: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var status: CampaignStatus
    public var email_account_ids: [Int]
    public var settings: CampaignSettings
    public var steps: Step

    public init(
        id: Int, name: String, status: CampaignStatus, email_account_ids: [Int], settings: CampaignSettings,
        steps: Step
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.email_account_ids = email_account_ids
        self.settings = settings
        self.steps = steps
    }
}

/// A campaign's settings. All fields are optional in requests; responses carry all of them.
public struct CampaignSettings: Codable, Sendable, Hashable {
    /// An IANA time zone id, e.g. `Europe/Berlin`.
    public var timezone: String?
    public var prospect_timezone: Bool?
    /// Emails sent per day by the campaign; greater than 0.
    public var daily_enroll: Int?
    public var gdpr_unsubscribe: Bool?
    public var list_unsubscribe: Bool?

    public init(
        timezone: String? = nil, prospect_timezone: Bool? = nil, daily_enroll: Int? = nil,
        gdpr_unsubscribe: Bool? = nil, list_unsubscribe: Bool? = nil
    ) {
        self.timezone = timezone
        self.prospect_timezone = prospect_timezone
        self.daily_enroll = daily_enroll
        self.gdpr_unsubscribe = gdpr_unsubscribe
        self.list_unsubscribe = list_unsubscribe
    }

    /// Whether no setting is given.
    public var isEmpty: Bool {
        timezone == nil && prospect_timezone == nil && daily_enroll == nil && gdpr_unsubscribe == nil
            && list_unsubscribe == nil
    }
}

/// The body of `POST campaigns`.
public struct CampaignDraft: Codable, Sendable, Hashable {
    /// Defaults to "My campaign <id>" when empty or absent.
    public var name: String?
    /// At least one SMTP mailbox id.
    public var email_account_ids: [Int]?
    public var settings: CampaignSettings?
    /// The START step, whose `followup` is the first EMAIL step.
    public var steps: Step?

    public init(
        name: String? = nil, email_account_ids: [Int]? = nil, settings: CampaignSettings? = nil, steps: Step? = nil
    ) {
        self.name = name
        self.email_account_ids = email_account_ids
        self.settings = settings
        self.steps = steps
    }
}

/// The body of `PATCH campaigns/{id}`: a partial update of name, accounts and settings.
public struct CampaignPatch: Codable, Sendable, Hashable {
    public var name: String?
    public var email_account_ids: [Int]?
    public var settings: CampaignSettings?

    public init(name: String? = nil, email_account_ids: [Int]? = nil, settings: CampaignSettings? = nil) {
        self.name = name
        self.email_account_ids = email_account_ids
        self.settings = settings
    }
}

/// The body of `POST campaigns/{id}/steps`: a new EMAIL step after the leaf `parent_id`.
public struct NewStepRequest: Codable, Sendable, Hashable {
    public var parent_id: String?
    public var step: Step?
    public init(parent_id: String?, step: Step?) {
        self.parent_id = parent_id
        self.step = step
    }
}

/// One entry of `GET campaigns` (a sandbox extension): id, name and status.
public struct CampaignSummary: Codable, Sendable, Hashable {
    public var id: Int
    public var name: String
    public var status: CampaignStatus
    public init(id: Int, name: String, status: CampaignStatus) {
        self.id = id
        self.name = name
        self.status = status
    }
}
