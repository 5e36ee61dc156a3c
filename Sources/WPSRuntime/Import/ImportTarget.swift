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
