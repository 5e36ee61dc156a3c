/// A row for a mailbox that is already connected: the API keeps a connected mailbox's settings,
/// so those of the row that differ were not applied, and those it does not show (a password,
/// the IMAP settings, a footer) may not have been.
///
/// Names the mailbox and the API's names of the fields (`smtp_from_name`, `daily_sending_limit`),
/// never a value: a password's value is never among them.
struct UnappliedSettings: Sendable, Hashable {
    /// The mailbox's SMTP email.
    var email: String
    /// The fields of the row whose values differ from the connected mailbox's.
    var fields: [String]
    /// The fields the row gives that the API does not show (`smtp_password`, `imap_server`,
    /// `footer`): they may differ, and were not applied if they do.
    var unseen: [String] = []

    /// `ann@acme.com is already connected; the file's smtp_from_name, daily_sending_limit were
    /// not applied (a connected mailbox keeps its settings)`; for a row whose shown fields agree,
    /// `ann@acme.com is already connected; the file's smtp_password, imap_server may not have
    /// been applied (the API does not show them; a connected mailbox keeps its settings)`.
    var warning: String {
        guard !fields.isEmpty else { return "\(email) is already connected; " + Self.mayNotHaveBeenApplied(unseen) }
        return "\(email) is already connected; the file's \(fields.joined(separator: ", ")) "
            + "\(fields.count == 1 ? "was" : "were") not applied (a connected mailbox keeps its settings)"
    }

    /// `the file's smtp_password, imap_server may not have been applied (the API does not show
    /// them; a connected mailbox keeps its settings)`.
    static func mayNotHaveBeenApplied(_ unseen: [String]) -> String {
        "the file's \(unseen.joined(separator: ", ")) may not have been applied "
            + "(the API does not show \(unseen.count == 1 ? "it" : "them"); a connected mailbox keeps its settings)"
    }
}
