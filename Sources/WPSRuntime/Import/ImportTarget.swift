import OutreachAPI
import WPSLanguage

/// What `mailbox import` connects: how a row becomes the provider's typed item, the rules it
/// must follow, and how many go in one request.
protocol ImportTarget: Sendable {
    associatedtype Item: Sendable
    /// The provider's words for the request, for messages: `batch`, `connect request`.
    var unit: String { get }
    /// The API family of the endpoint the target sends to, whose per-account limit bounds
    /// `--parallel` (taken from the endpoint, never chosen here).
    var family: APIFamily { get }
    /// The most items one request may hold.
    var maxBatchSize: Int { get }
    /// Every column a row may use (the API's names and the aliases), for unknown-column checks.
    var knownColumns: Set<String> { get }
    /// The column names by field, for binding a CSV header to the fields once per file.
    var columnTable: ColumnTable? { get }
    /// The columns that give a password (→ the API's name for it): sent as written, never trimmed.
    var secretColumns: [String: String] { get }
    /// The item a row describes, and the problems of its fields (conversion and documented rules),
    /// each with the API's field name; with `checking: false` only the item (for rows already checked).
    func item(from row: SourceRow, checking: Bool) -> (item: Item, problems: [ValidationProblem])
    /// The item's identity for duplicate checks and reports.
    func email(of item: Item) -> String?
    /// What one item is called in messages (`mailbox`, `prospect`) and its plural.
    var noun: (one: String, many: String) { get }
    /// A header that would do, for messages about a missing one.
    var exampleHeader: String { get }
    /// What the API takes but a row almost never means (an IMAP port for SMTP): warnings.
    func warnings(of item: Item) -> [ValidationProblem]
}

extension ImportTarget {
    var noun: (one: String, many: String) { ("mailbox", "mailboxes") }
    var exampleHeader: String { "email,password,host,port,imap_host,imap_port" }
    var columnTable: ColumnTable? { nil }
    func warnings(of item: Item) -> [ValidationProblem] { [] }
}

/// The problems, with an invalid email's value shown (`must be a valid email address, got
/// 'ann@'`): `emails` maps the API's name of each email field to its value. Emails only, never
/// a password.
func showingEmails(_ problems: [ValidationProblem], _ emails: [String: String?]) -> [ValidationProblem] {
    problems.map { problem in
        guard problem.message == "must be a valid email address", let value = emails[problem.path] ?? nil
        else { return problem }
        return ValidationProblem(problem.path, "\(problem.message), got '\(value)'")
    }
}

/// Woodpecker's manual SMTP/IMAP connection (`POST mailboxes/manual_connection/bulk`).
struct ManualMailboxTarget: ImportTarget {
    var unit: String { "batch" }
    var family: APIFamily { Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [])).family }
    var maxBatchSize: Int { ManualBulkRequest.maxBatchSize }

    /// The API's fields, and the other column names each answers to.
    enum Field: Int, ImportField {
        case smtp_email, smtp_login, smtp_password, smtp_server, smtp_port, smtp_from_name
        case imap_email, imap_password, imap_server, imap_port, footer, bcc
        case open_tracking_domain, click_tracking_domain, unsubscribe_tracking_domain
        case sending_wait_time_from, sending_wait_time_to, daily_sending_limit

        var aliases: [String] {
            switch self {
            case .smtp_email: ["email", "e_mail", "email_address", "e_mail_address", "smtp_email_address", "mailbox"]
            case .smtp_login:
                ["login", "username", "user_name", "user", "smtp_username", "smtp_user", "smtp_user_name"]
            case .smtp_password: ["password", "smtp_pass", "pass"]
            case .smtp_server: ["host", "smtp_host", "smtp_hostname", "server", "smtp_address", "outgoing_server"]
            case .smtp_port: ["port", "outgoing_port"]
            case .smtp_from_name: ["from_name", "name", "sender_name", "display_name"]
            case .imap_email: ["imap_login", "imap_username", "imap_user", "imap_user_name", "imap_email_address"]
            case .imap_password: ["imap_pass"]
            case .imap_server: ["imap_host", "imap_hostname", "imap_address", "incoming_server"]
            case .imap_port: ["incoming_port"]
            case .sending_wait_time_from: ["wait_from", "min_wait", "delay_from"]
            case .sending_wait_time_to: ["wait_to", "max_wait", "delay_to"]
            case .daily_sending_limit: ["daily_limit", "sending_limit", "limit", "max_per_day", "emails_per_day"]
            default: []
            }
        }

        var isSecret: Bool { self == .smtp_password || self == .imap_password }
    }
    static let map = ColumnMap<Field>()
    static let known = map.known
    static let secrets = map.secretColumns
    var knownColumns: Set<String> { Self.known }
    var columnTable: ColumnTable? { Self.map.table }
    var secretColumns: [String: String] { Self.secrets }

    func item(from row: SourceRow, checking: Bool = true) -> (item: ManualMailbox, problems: [ValidationProblem]) {
        var row = Self.map.resolve(row, checking: checking)
        let email = row.text(.smtp_email)
        let password = row.text(.smtp_password)
        let mailbox = ManualMailbox(
            smtp_email: email, smtp_login: row.text(.smtp_login), smtp_password: password,
            smtp_server: row.text(.smtp_server),
            smtp_port: row.int(.smtp_port), smtp_from_name: row.text(.smtp_from_name),
            imap_email: row.text(.imap_email) ?? email, imap_password: row.text(.imap_password) ?? password,
            imap_server: row.text(.imap_server), imap_port: row.int(.imap_port), footer: row.text(.footer),
            bcc: row.text(.bcc),
            open_tracking_domain: row.text(.open_tracking_domain),
            click_tracking_domain: row.text(.click_tracking_domain),
            unsubscribe_tracking_domain: row.text(.unsubscribe_tracking_domain),
            sending_wait_time_from: row.int(.sending_wait_time_from),
            sending_wait_time_to: row.int(.sending_wait_time_to),
            daily_sending_limit: row.int(.daily_sending_limit))
        guard checking else { return (mailbox, []) }
        var problems = row.problems
        let typeProblems = Set(problems.map(\.path))
        problems += Validation.manualMailbox(mailbox, path: "").filter { !typeProblems.contains($0.path) }
        let emails = ["smtp_email": mailbox.smtp_email, "imap_email": mailbox.imap_email, "bcc": mailbox.bcc]
        return (mailbox, showingEmails(problems, emails))
    }

    func email(of item: ManualMailbox) -> String? { item.smtp_email }

    func warnings(of item: ManualMailbox) -> [ValidationProblem] {
        MailServerLint.warnings(
            smtpHost: item.smtp_server, smtpPort: item.smtp_port, imapHost: item.imap_server, imapPort: item.imap_port)
    }
}

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

/// Woodpecker's Microsoft app-only connection (`POST mailboxes/microsoft/bulk`).
struct MicrosoftAccountTarget: ImportTarget {
    var unit: String { "request" }
    var family: APIFamily { Woodpecker.ConnectMicrosoftMailboxes(MicrosoftBulkRequest(accounts: [])).family }
    /// A wps limit: the vendor documents none; each request connects its mailboxes synchronously.
    var maxBatchSize: Int { 100 }
    /// The API's fields, and the other column names each answers to.
    enum Field: Int, ImportField {
        case mailbox_email, display_name
        var aliases: [String] {
            self == .mailbox_email
                ? ["email", "e_mail", "email_address", "e_mail_address"] : ["name", "from_name", "sender_name"]
        }
    }
    static let map = ColumnMap<Field>()
    static let known = map.known
    var knownColumns: Set<String> { Self.known }
    var columnTable: ColumnTable? { Self.map.table }
    var secretColumns: [String: String] { [:] }
    var exampleHeader: String { "email,display_name" }

    func item(from row: SourceRow, checking: Bool = true) -> (item: MicrosoftAccount, problems: [ValidationProblem]) {
        let row = Self.map.resolve(row, checking: checking)
        let account = MicrosoftAccount(mailbox_email: row.text(.mailbox_email), display_name: row.text(.display_name))
        guard checking else { return (account, []) }
        var problems = row.problems
        problems += Validation.microsoftBulk(MicrosoftBulkRequest(accounts: [account])).map {
            ValidationProblem($0.path.replacingOccurrences(of: "accounts[0].", with: ""), $0.message)
        }
        return (account, showingEmails(problems, ["mailbox_email": account.mailbox_email]))
    }

    func email(of item: MicrosoftAccount) -> String? { item.mailbox_email }
}
