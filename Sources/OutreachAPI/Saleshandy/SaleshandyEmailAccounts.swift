/// The body of `POST /v1/email-accounts` (the list; docs/contract/saleshandy/email_accounts.md).
public struct SaleshandyAccountQuery: Codable, Sendable, Hashable {
    public var search: String?
    public var pageSize: Int?
    public var page: Int?
    public var sort: String?
    public init(search: String? = nil, pageSize: Int? = nil, page: Int? = nil, sort: String? = nil) {
        self.search = search
        self.pageSize = pageSize
        self.page = page
        self.sort = sort
    }
}

/// An email account as the list gives it.
public struct SaleshandyAccountRecord: Codable, Sendable, Hashable {
    public var id: String
    public var fromName: String?
    public var fromEmail: String
    public var type: Int?
    /// 0 inactive, 1 active, 2 suspended.
    public var status: Int?
    public var isDefault: Bool?
    public var createdAt: String?
    public var healthScore: Double?
    public init(
        id: String, fromName: String?, fromEmail: String, type: Int?, status: Int?, isDefault: Bool?,
        createdAt: String?, healthScore: Double?
    ) {
        self.id = id
        self.fromName = fromName
        self.fromEmail = fromEmail
        self.type = type
        self.status = status
        self.isDefault = isDefault
        self.createdAt = createdAt
        self.healthScore = healthScore
    }
}

/// A page of the list. The page and the spec show its fields at the top level, a live client
/// finds them under `payload`: both are read.
public struct SaleshandyAccountList: Codable, Sendable, Hashable {
    public var connectedEmailsCount: Int?
    public var disconnectedEmailsCount: Int?
    public var emails: [SaleshandyAccountRecord]

    public init(connectedEmailsCount: Int?, disconnectedEmailsCount: Int?, emails: [SaleshandyAccountRecord]) {
        self.connectedEmailsCount = connectedEmailsCount
        self.disconnectedEmailsCount = disconnectedEmailsCount
        self.emails = emails
    }

    enum CodingKeys: String, CodingKey { case connectedEmailsCount, disconnectedEmailsCount, emails, payload }

    public init(from decoder: any Decoder) throws {
        var container = try decoder.container(keyedBy: CodingKeys.self)
        if container.contains(.payload), !container.contains(.emails) {
            container = try container.nestedContainer(keyedBy: CodingKeys.self, forKey: .payload)
        }
        connectedEmailsCount = try container.decodeIfPresent(Int.self, forKey: .connectedEmailsCount)
        disconnectedEmailsCount = try container.decodeIfPresent(Int.self, forKey: .disconnectedEmailsCount)
        emails = try container.decode([SaleshandyAccountRecord].self, forKey: .emails)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encodeIfPresent(connectedEmailsCount, forKey: .connectedEmailsCount)
        try container.encodeIfPresent(disconnectedEmailsCount, forKey: .disconnectedEmailsCount)
        try container.encode(emails, forKey: .emails)
    }
}

/// The body of `POST /v1/email-accounts/reconnect`.
public struct SaleshandyReconnect: Codable, Sendable, Hashable {
    public var emailAccountIds: [String]
    public init(emailAccountIds: [String]) { self.emailAccountIds = emailAccountIds }
}
