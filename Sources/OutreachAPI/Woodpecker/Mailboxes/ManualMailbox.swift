/// One SMTP/IMAP mailbox in a manual-connection bulk request.
///
/// Every field is optional so that a request read from a file or typed on the command line can
/// be *validated* (and each missing field reported with its path) rather than rejected on decode.
/// Field names are the API's.
public struct ManualMailbox: Codable, Sendable, Hashable {
    public var smtp_email: String?
    public var smtp_login: String?
    public var smtp_password: String?
    public var smtp_server: String?
    public var smtp_port: Int?
    public var smtp_from_name: String?
    public var imap_email: String?
    public var imap_password: String?
    public var imap_server: String?
    public var imap_port: Int?
    public var footer: String?
    public var bcc: String?
    public var open_tracking_domain: String?
    public var click_tracking_domain: String?
    public var unsubscribe_tracking_domain: String?
    public var sending_wait_time_from: Int?
    public var sending_wait_time_to: Int?
    public var daily_sending_limit: Int?

    public init(
        smtp_email: String? = nil, smtp_login: String? = nil, smtp_password: String? = nil,
        smtp_server: String? = nil, smtp_port: Int? = nil, smtp_from_name: String? = nil,
        imap_email: String? = nil, imap_password: String? = nil, imap_server: String? = nil,
        imap_port: Int? = nil, footer: String? = nil, bcc: String? = nil,
        open_tracking_domain: String? = nil, click_tracking_domain: String? = nil,
        unsubscribe_tracking_domain: String? = nil, sending_wait_time_from: Int? = nil,
        sending_wait_time_to: Int? = nil, daily_sending_limit: Int? = nil
    ) {
        self.smtp_email = smtp_email
        self.smtp_login = smtp_login
        self.smtp_password = smtp_password
        self.smtp_server = smtp_server
        self.smtp_port = smtp_port
        self.smtp_from_name = smtp_from_name
        self.imap_email = imap_email
        self.imap_password = imap_password
        self.imap_server = imap_server
        self.imap_port = imap_port
        self.footer = footer
        self.bcc = bcc
        self.open_tracking_domain = open_tracking_domain
        self.click_tracking_domain = click_tracking_domain
        self.unsubscribe_tracking_domain = unsubscribe_tracking_domain
        self.sending_wait_time_from = sending_wait_time_from
        self.sending_wait_time_to = sending_wait_time_to
        self.daily_sending_limit = daily_sending_limit
    }

    /// The names of the fields that hold secrets; they are masked wherever a request is shown.
    public static let secretFields: Set<String> = ["smtp_password", "imap_password"]
}
