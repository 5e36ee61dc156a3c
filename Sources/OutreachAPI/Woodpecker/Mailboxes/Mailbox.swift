/// A connected mailbox as listed by `GET mailboxes` and `GET mailboxes/{id}`.
///
/// A manual connection yields two entries: the SMTP one (whose id is the email account id that
/// campaigns use) and its IMAP twin, linked by `details.imap_id`.
public struct Mailbox: Codable, Sendable, Hashable {
    public var id: Int
    /// `SMTP` or `IMAP`.
    public var type: String
    public var details: Details

    public init(id: Int, type: String, details: Details) {
        self.id = id
        self.type = type
        self.details = details
    }

    /// The mailbox's connection details.
    public struct Details: Codable, Sendable, Hashable {
        public var email: String
        public var provider: String?
        public var login: String?
        public var server: String?
        public var port: Int?
        public var from_name: String?
        /// Null when healthy, else a message such as "Connected conditionally.".
        public var error: String?
        /// On an SMTP entry, the id of its IMAP twin.
        public var imap_id: Int?
        public var daily_limit: Int?
        public var sent_today: Int?
        public var frequency_from: Int?
        public var frequency_to: Int?

        public init(
            email: String, provider: String? = nil, login: String? = nil, server: String? = nil, port: Int? = nil,
            from_name: String? = nil, error: String? = nil, imap_id: Int? = nil, daily_limit: Int? = nil,
            sent_today: Int? = nil, frequency_from: Int? = nil, frequency_to: Int? = nil
        ) {
            self.email = email
            self.provider = provider
            self.login = login
            self.server = server
            self.port = port
            self.from_name = from_name
            self.error = error
            self.imap_id = imap_id
            self.daily_limit = daily_limit
            self.sent_today = sent_today
            self.frequency_from = frequency_from
            self.frequency_to = frequency_to
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(email, forKey: .email)
            try c.encode(provider, forKey: .provider)
            try c.encode(login, forKey: .login)
            try c.encode(server, forKey: .server)
            try c.encode(port, forKey: .port)
            try c.encode(from_name, forKey: .from_name)
            try c.encode(error, forKey: .error)
            try c.encode(imap_id, forKey: .imap_id)
            try c.encode(daily_limit, forKey: .daily_limit)
            try c.encode(sent_today, forKey: .sent_today)
            try c.encode(frequency_from, forKey: .frequency_from)
            try c.encode(frequency_to, forKey: .frequency_to)
        }
    }
}
