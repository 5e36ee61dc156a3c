import OutreachAPI
import WPSLanguage

/// Saleshandy's `POST /v1/email-accounts/connect`.
struct SaleshandyAccountTarget: ImportTarget {
    var unit: String { "connect request" }
    var family: APIFamily { Saleshandy.ConnectEmailAccounts([]).family }
    var maxBatchSize: Int { Validation.saleshandyMaxAccounts }

    /// The API's fields, and the other column names each answers to.
    enum Field: Int, ImportField {
        case emailServiceProvider, fromFirstName, fromLastName, smtpEmailAddress, smtpUserName, smtpPassword
        case smtpHost, smtpPort, smtpEncryption, imapEmailAddress, imapUserName, imapPassword
        case imapHost, imapPort, imapEncryption

        var aliases: [String] {
            switch self {
            case .emailServiceProvider: ["esp", "email_service_provider"]
            case .fromFirstName: ["first_name", "from_first_name", "from_name"]
            case .fromLastName: ["last_name", "from_last_name"]
            case .smtpEmailAddress: ["email", "smtp_email", "e_mail", "email_address", "e_mail_address"]
            case .smtpUserName: ["login", "smtp_login", "smtp_username", "username", "user_name", "smtp_user"]
            case .smtpPassword: ["password", "smtp_password", "smtp_pass", "pass"]
            case .smtpHost: ["host", "smtp_host", "smtp_server", "smtp_hostname", "server"]
            case .smtpPort: ["port", "smtp_port"]
            case .smtpEncryption: ["smtp_encryption"]
            case .imapEmailAddress: ["imap_email"]
            case .imapUserName: ["imap_login", "imap_username", "imap_user"]
            case .imapPassword: ["imap_password", "imap_pass"]
            case .imapHost: ["imap_host", "imap_server", "imap_hostname"]
            case .imapPort: ["imap_port"]
            case .imapEncryption: ["imap_encryption"]
            }
        }

        var isSecret: Bool { self == .smtpPassword || self == .imapPassword }
    }
    static let map = ColumnMap<Field>()
    static let known = map.known
    static let secrets = map.secretColumns
    var knownColumns: Set<String> { Self.known }
    var columnTable: ColumnTable? { Self.map.table }
    var secretColumns: [String: String] { Self.secrets }

    func item(from row: SourceRow, checking: Bool = true) -> (
        item: SaleshandyEmailAccount, problems: [ValidationProblem]
    ) {
        var row = Self.map.resolve(row, checking: checking)
        let email = row.text(.smtpEmailAddress)
        let password = row.text(.smtpPassword)
        let account = SaleshandyEmailAccount(
            emailServiceProvider: row.text(.emailServiceProvider) ?? "smtp", fromFirstName: row.text(.fromFirstName),
            fromLastName: row.text(.fromLastName), smtpEmailAddress: email, smtpUserName: row.text(.smtpUserName),
            smtpPassword: password, smtpHost: row.text(.smtpHost), smtpPort: row.int(.smtpPort),
            smtpEncryption: row.text(.smtpEncryption), imapEmailAddress: row.text(.imapEmailAddress) ?? email,
            imapUserName: row.text(.imapUserName), imapPassword: row.text(.imapPassword) ?? password,
            imapHost: row.text(.imapHost), imapPort: row.int(.imapPort), imapEncryption: row.text(.imapEncryption))
        guard checking else { return (account, []) }
        var problems = row.problems
        let typeProblems = Set(problems.map(\.path))
        let rules = Validation.saleshandyAccounts([account]).map {
            ValidationProblem($0.path.replacingOccurrences(of: "[0].", with: ""), $0.message)
        }
        problems += rules.filter { !typeProblems.contains($0.path) }
        let emails = ["smtpEmailAddress": account.smtpEmailAddress, "imapEmailAddress": account.imapEmailAddress]
        return (account, showingEmails(problems, emails))
    }

    func email(of item: SaleshandyEmailAccount) -> String? { item.smtpEmailAddress }

    func warnings(of item: SaleshandyEmailAccount) -> [ValidationProblem] {
        MailServerLint.warnings(
            smtpHost: item.smtpHost, smtpPort: item.smtpPort, imapHost: item.imapHost, imapPort: item.imapPort,
            names: ("smtpHost", "smtpPort", "imapHost", "imapPort"))
    }
}
