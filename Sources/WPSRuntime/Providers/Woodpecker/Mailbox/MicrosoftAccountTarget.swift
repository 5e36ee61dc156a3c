import OutreachAPI
import WPSLanguage

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
