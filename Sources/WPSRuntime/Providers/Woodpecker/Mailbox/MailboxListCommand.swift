import OutreachAPI
import WPSLanguage

/// `mailbox list [--raw]`: the connected mailboxes (Woodpecker only), one row per mailbox with
/// its IMAP twin folded in (``MailboxRows``), or with `--raw` the API's entries as they are.
enum MailboxListCommand {
    static let raw = Flag<Bool>(
        "raw", "the API's entries as they are: an SMTP and an IMAP entry per manually connected mailbox")

    static let definition = CommandDefinition(
        ["mailbox", "list"], "List connected mailboxes: one row each, with status, daily limit, sent today, error.",
        category: .api, flags: [raw, SharedFlags.provider],
        examples: [#"mailbox list | where type == "SMTP" | count"#, "mailbox list --raw | count"],
        sends: ["GET mailboxes"],
        tests: ["transcript:commands", "e2e:test_import.py::test_mailbox_list_folds_each_imap_twin_into_its_mailbox"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let mailboxes = try await session.connection.send(Woodpecker.ListMailboxes(), for: invocation.command)
        if invocation[raw] == true { return try ValueEncoder().encode(mailboxes) }
        return .list(MailboxRows.folded(mailboxes))
    }
}
