import OutreachAPI
import WPSLanguage

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
