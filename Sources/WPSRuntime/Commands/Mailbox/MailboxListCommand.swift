import OutreachAPI
import WPSLanguage

/// `mailbox list`: the connected mailboxes (Woodpecker only).
enum MailboxListCommand {
    static let definition = CommandDefinition(
        ["mailbox", "list"], "List connected mailboxes.", category: .api, flags: [SharedFlags.provider],
        examples: [#"mailbox list | where type == "SMTP" | count"#], sends: ["GET mailboxes"],
        tests: ["transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        try MailboxCommands.woodpeckerOnly(invocation, "list", session)
        return try ValueEncoder().encode(
            try await session.connection.send(Woodpecker.ListMailboxes(), for: invocation.command))
    }
}
