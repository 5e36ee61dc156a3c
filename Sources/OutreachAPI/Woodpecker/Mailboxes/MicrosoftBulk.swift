/// The body of `POST mailboxes/microsoft/bulk`: Microsoft mailboxes to connect with Graph app-only auth.
public struct MicrosoftBulkRequest: Codable, Sendable, Hashable {
    /// Defaults to `APP_ONLY`, the only supported value.
    public var auth_type: String?
    /// The Microsoft Graph credential; may be omitted when the account has exactly one.
    public var credential_id: Int?
    public var accounts: [MicrosoftAccount]

    public init(auth_type: String? = "APP_ONLY", credential_id: Int? = nil, accounts: [MicrosoftAccount]) {
        self.auth_type = auth_type
        self.credential_id = credential_id
        self.accounts = accounts
    }

    /// The only documented `auth_type`.
    public static let appOnly = "APP_ONLY"
}

/// One Microsoft mailbox to connect.
public struct MicrosoftAccount: Codable, Sendable, Hashable {
    public var mailbox_email: String?
    public var display_name: String?
    public init(mailbox_email: String?, display_name: String? = nil) {
        self.mailbox_email = mailbox_email
        self.display_name = display_name
    }
}

/// The outcome for one Microsoft mailbox (items of the 201/207 answer).
public struct MicrosoftMailboxResult: Codable, Sendable, Hashable {
    public var success: Bool
    /// The connected mailbox id; null when it failed.
    public var id: Int?
    public var email: String
    public var name: String?
    /// The deliverability check; null when it failed.
    public var deliverability: Deliverability?
    /// A per-mailbox error code such as `WRONG_ALIAS`.
    public var error: String?

    public init(success: Bool, id: Int?, email: String, name: String?, deliverability: Deliverability?, error: String?)
    {
        self.success = success
        self.id = id
        self.email = email
        self.name = name
        self.deliverability = deliverability
        self.error = error
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(success, forKey: .success)
        try container.encode(id, forKey: .id)
        try container.encode(email, forKey: .email)
        try container.encode(name, forKey: .name)
        try container.encode(deliverability, forKey: .deliverability)
        try container.encode(error, forKey: .error)
    }

    /// SPF and DKIM checks of a connected mailbox.
    public struct Deliverability: Codable, Sendable, Hashable {
        public var spf_correct: Bool
        public var dkim_correct: Bool
        public init(spf_correct: Bool, dkim_correct: Bool) {
            self.spf_correct = spf_correct
            self.dkim_correct = dkim_correct
        }
    }
}
