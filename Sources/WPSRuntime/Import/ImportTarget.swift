import OutreachAPI
import WPSLanguage

/// What `mailbox import` connects: how a row becomes the provider's typed item, the rules it
/// must follow, and how many go in one request.
protocol ImportTarget: Sendable {
    associatedtype Item: Sendable
    /// The provider's words for the request, for messages: `batch`, `connect request`.
    var unit: String { get }
    var provider: Provider { get }
    /// The most items one request may hold.
    var maxBatchSize: Int { get }
    /// Every column a row may use (the API's names and the aliases), for unknown-column checks.
    var knownColumns: Set<String> { get }
    /// The item a row describes, and the problems of its fields (conversion and documented rules),
    /// each with the API's field name; with `checking: false` only the item (for rows already checked).
    func item(from row: SourceRow, checking: Bool) -> (item: Item, problems: [ValidationProblem])
    /// The item's identity for duplicate checks and reports.
    func email(of item: Item) -> String?
}

/// Conversion helpers shared by the targets.
enum ImportFields {
    /// The value of the first column present among the field's name and its aliases.
    static func text(_ row: SourceRow, _ names: [String]) -> String? { row.value(names) }

    /// An integer field; text that is not a whole number is a problem.
    static func int(_ row: SourceRow, _ names: [String], _ problems: inout [ValidationProblem]) -> Int? {
        guard let text = row.value(names) else { return nil }
        if let number = Int(text) { return number }
        if let number = Double(text), number == number.rounded(), abs(number) < 1e15 { return Int(number) }
        problems.append(ValidationProblem(names[0], "must be a whole number, got '\(text)'"))
        return nil
    }

    /// Problems for columns no target field uses, with the closest known name.
    static func unknownColumns(_ row: SourceRow, known: Set<String>) -> [ValidationProblem] {
        row.fields.keys.filter { !known.contains($0) }.sorted().map { column in
            let suggestion = Suggestion.closest(to: column, in: Array(known)).map { " — did you mean '\($0)'?" } ?? ""
            return ValidationProblem(column, "unknown column\(suggestion)")
        }
    }
}

/// Woodpecker's manual SMTP/IMAP connection (`POST mailboxes/manual_connection/bulk`).
struct ManualMailboxTarget: ImportTarget {
    var unit: String { "batch" }
    var provider: Provider { .woodpecker }
    var maxBatchSize: Int { ManualBulkRequest.maxBatchSize }

    /// API field name → the aliases a column may use instead.
    static let columns: [(field: String, aliases: [String])] = [
        ("smtp_email", ["email"]), ("smtp_login", ["login"]), ("smtp_password", ["password"]),
        ("smtp_server", ["host", "smtp_host"]), ("smtp_port", ["port"]), ("smtp_from_name", ["from_name", "name"]),
        ("imap_email", []), ("imap_password", []), ("imap_server", ["imap_host"]), ("imap_port", []),
        ("footer", []), ("bcc", []), ("open_tracking_domain", []), ("click_tracking_domain", []),
        ("unsubscribe_tracking_domain", []), ("sending_wait_time_from", ["wait_from"]), ("sending_wait_time_to", ["wait_to"]),
        ("daily_sending_limit", ["daily_limit"]),
    ]
    static let lookup: [String: [String]] = Dictionary(uniqueKeysWithValues: columns.map { ($0.field, [$0.field] + $0.aliases) })
    static let known: Set<String> = Set(columns.flatMap { [$0.field] + $0.aliases })
    var knownColumns: Set<String> { Self.known }

    func item(from row: SourceRow, checking: Bool = true) -> (item: ManualMailbox, problems: [ValidationProblem]) {
        var problems = checking ? ImportFields.unknownColumns(row, known: knownColumns) : []
        func text(_ field: String) -> String? { row.value(Self.lookup[field] ?? [field]) }
        func int(_ field: String) -> Int? { ImportFields.int(row, Self.lookup[field] ?? [field], &problems) }
        let email = text("smtp_email"), password = text("smtp_password")
        let mailbox = ManualMailbox(
            smtp_email: email, smtp_login: text("smtp_login"), smtp_password: password, smtp_server: text("smtp_server"),
            smtp_port: int("smtp_port"), smtp_from_name: text("smtp_from_name"),
            imap_email: text("imap_email") ?? email, imap_password: text("imap_password") ?? password,
            imap_server: text("imap_server"), imap_port: int("imap_port"), footer: text("footer"), bcc: text("bcc"),
            open_tracking_domain: text("open_tracking_domain"), click_tracking_domain: text("click_tracking_domain"),
            unsubscribe_tracking_domain: text("unsubscribe_tracking_domain"),
            sending_wait_time_from: int("sending_wait_time_from"), sending_wait_time_to: int("sending_wait_time_to"),
            daily_sending_limit: int("daily_sending_limit"))
        guard checking else { return (mailbox, []) }
        let typeProblems = Set(problems.map(\.path))
        problems += Validation.manualMailbox(mailbox, path: "").filter { !typeProblems.contains($0.path) }
        return (mailbox, problems)
    }

    func email(of item: ManualMailbox) -> String? { item.smtp_email }
}

/// Saleshandy's `POST /v1/email-accounts/connect`.
struct SaleshandyAccountTarget: ImportTarget {
    var unit: String { "connect request" }
    var provider: Provider { .saleshandy }
    var maxBatchSize: Int { Validation.saleshandyMaxAccounts }

    static let columns: [(field: String, aliases: [String])] = [
        ("emailServiceProvider", ["esp", "email_service_provider"]), ("fromFirstName", ["first_name", "from_first_name", "from_name"]),
        ("fromLastName", ["last_name", "from_last_name"]), ("smtpEmailAddress", ["email", "smtp_email"]),
        ("smtpUserName", ["login", "smtp_login", "smtp_username"]), ("smtpPassword", ["password", "smtp_password"]),
        ("smtpHost", ["host", "smtp_host", "smtp_server"]), ("smtpPort", ["port", "smtp_port"]),
        ("smtpEncryption", ["smtp_encryption"]), ("imapEmailAddress", ["imap_email"]),
        ("imapUserName", ["imap_login", "imap_username"]), ("imapPassword", ["imap_password"]),
        ("imapHost", ["imap_host", "imap_server"]), ("imapPort", ["imap_port"]), ("imapEncryption", ["imap_encryption"]),
    ]
    static let lookup: [String: [String]] = Dictionary(uniqueKeysWithValues: columns.map { ($0.field, [$0.field.lowercased()] + $0.aliases) })
    static let known: Set<String> = Set(columns.flatMap { [$0.field.lowercased()] + $0.aliases })
    var knownColumns: Set<String> { Self.known }

    func item(from row: SourceRow, checking: Bool = true) -> (item: SaleshandyEmailAccount, problems: [ValidationProblem]) {
        var problems = checking ? ImportFields.unknownColumns(row, known: knownColumns) : []
        func text(_ field: String) -> String? { row.value(Self.lookup[field] ?? [field]) }
        func int(_ field: String) -> Int? { ImportFields.int(row, Self.lookup[field] ?? [field], &problems) }
        let email = text("smtpEmailAddress"), password = text("smtpPassword")
        let account = SaleshandyEmailAccount(
            emailServiceProvider: text("emailServiceProvider") ?? "smtp", fromFirstName: text("fromFirstName"),
            fromLastName: text("fromLastName"), smtpEmailAddress: email, smtpUserName: text("smtpUserName"), smtpPassword: password,
            smtpHost: text("smtpHost"), smtpPort: int("smtpPort"), smtpEncryption: text("smtpEncryption"),
            imapEmailAddress: text("imapEmailAddress") ?? email, imapUserName: text("imapUserName"),
            imapPassword: text("imapPassword") ?? password, imapHost: text("imapHost"), imapPort: int("imapPort"),
            imapEncryption: text("imapEncryption"))
        guard checking else { return (account, []) }
        let typeProblems = Set(problems.map(\.path))
        let rules = Validation.saleshandyAccounts([account]).map {
            ValidationProblem($0.path.replacingOccurrences(of: "[0].", with: ""), $0.message)
        }
        problems += rules.filter { !typeProblems.contains($0.path) }
        return (account, problems)
    }

    func email(of item: SaleshandyEmailAccount) -> String? { item.smtpEmailAddress }
}

/// Woodpecker's Microsoft app-only connection (`POST mailboxes/microsoft/bulk`).
struct MicrosoftAccountTarget: ImportTarget {
    var unit: String { "request" }
    var provider: Provider { .woodpecker }
    /// A wps limit: the vendor documents none; each request connects its mailboxes synchronously.
    var maxBatchSize: Int { 100 }
    static let known: Set<String> = ["mailbox_email", "email", "display_name", "name"]
    var knownColumns: Set<String> { Self.known }

    func item(from row: SourceRow, checking: Bool = true) -> (item: MicrosoftAccount, problems: [ValidationProblem]) {
        let account = MicrosoftAccount(mailbox_email: row.value(["mailbox_email", "email"]), display_name: row.value(["display_name", "name"]))
        guard checking else { return (account, []) }
        var problems = ImportFields.unknownColumns(row, known: knownColumns)
        problems += Validation.microsoftBulk(MicrosoftBulkRequest(accounts: [account])).map {
            ValidationProblem($0.path.replacingOccurrences(of: "accounts[0].", with: ""), $0.message)
        }
        return (account, problems)
    }

    func email(of item: MicrosoftAccount) -> String? { item.mailbox_email }
}
