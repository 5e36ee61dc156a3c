import OutreachAPI
import WPSLanguage

/// `mailbox get ID`: one connected mailbox (Woodpecker only).
enum MailboxGetCommand {
    static let id = Positional<Int>("id", .mailboxID, what: "the mailbox ID", read: .integer)

    static let definition = CommandDefinition(
        ["mailbox", "get"], "Show one connected mailbox.", category: .api, positionals: [id],
        examples: ["mailbox get 123001", "mailbox list | first | get id"], sends: ["GET mailboxes/{id}"],
        tests: ["transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let mailbox = try await session.connection.send(
            Woodpecker.GetMailbox(id: try invocation.required(id)), for: invocation.command)
        return try ValueEncoder().encode(mailbox)
    }
}
