/// One sending account for Saleshandy's `POST /v1/email-accounts/connect` (the body is an array of these).
///
/// Field names are Saleshandy's (camelCase). Every field is optional so that each missing one
/// can be reported by the validation rules with its path.
public struct SaleshandyEmailAccount: Codable, Sendable, Hashable {
    /// The mail provider, e.g. `gsuite`, `microsoft`, `smtp`.
    public var emailServiceProvider: String?
    public var fromFirstName: String?
    public var fromLastName: String?
    public var smtpEmailAddress: String?
    public var smtpUserName: String?
    public var smtpPassword: String?
    public var smtpHost: String?
    public var smtpPort: Int?
    /// `ssl`, `tls` or `none`.
    public var smtpEncryption: String?
    public var imapEmailAddress: String?
    public var imapUserName: String?
    public var imapPassword: String?
    public var imapHost: String?
    public var imapPort: Int?
    /// `ssl`, `tls` or `none`.
    public var imapEncryption: String?

    public init(
        emailServiceProvider: String? = nil, fromFirstName: String? = nil, fromLastName: String? = nil,
        smtpEmailAddress: String? = nil, smtpUserName: String? = nil, smtpPassword: String? = nil,
        smtpHost: String? = nil, smtpPort: Int? = nil, smtpEncryption: String? = nil,
        imapEmailAddress: String? = nil, imapUserName: String? = nil, imapPassword: String? = nil,
        imapHost: String? = nil, imapPort: Int? = nil, imapEncryption: String? = nil
    ) {
        self.emailServiceProvider = emailServiceProvider
        self.fromFirstName = fromFirstName
        self.fromLastName = fromLastName
        self.smtpEmailAddress = smtpEmailAddress
        self.smtpUserName = smtpUserName
        self.smtpPassword = smtpPassword
        self.smtpHost = smtpHost
        self.smtpPort = smtpPort
        self.smtpEncryption = smtpEncryption
        self.imapEmailAddress = imapEmailAddress
        self.imapUserName = imapUserName
        self.imapPassword = imapPassword
        self.imapHost = imapHost
        self.imapPort = imapPort
        self.imapEncryption = imapEncryption
    }

    /// The names of the fields that hold secrets.
    public static let secretFields: Set<String> = ["smtpPassword", "imapPassword"]
    /// The encryption values wps and the sandbox accept.
    public static let encryptions = ["ssl", "tls", "none"]
    /// The email service providers wps and the sandbox accept.
    public static let serviceProviders = ["gsuite", "microsoft", "smtp"]
}
