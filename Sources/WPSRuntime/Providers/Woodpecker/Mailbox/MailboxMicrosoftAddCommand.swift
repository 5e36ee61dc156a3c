import OutreachAPI
import WPSLanguage

/// `mailbox microsoft add EMAIL…`: connects Microsoft mailboxes through Graph (app-only).
enum MailboxMicrosoftAddCommand {
    static let emails = Positional<Value>("email", .email, repeating: true, read: .value)
    static let name = Flag<String>("name", .string, "the display name", fields: ["display_name"])
    static let credential = Flag<Int>("credential", "the Graph credential id", fields: ["credential_id"])

    static let definition = CommandDefinition(
        ["mailbox", "microsoft", "add"], "Connect Microsoft mailboxes (Graph app-only).", category: .api,
        positionals: [emails], flags: [name, credential],
        examples: ["mailbox microsoft add ann@contoso.com bob@contoso.com --name Ann"],
        sends: ["POST mailboxes/microsoft/bulk"], tests: ["transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let addresses = invocation.all(emails).flatMap { $0.items.map(\.text) }
        let displayName = invocation[name]
        let request = MicrosoftBulkRequest(
            credential_id: invocation[credential],
            accounts: addresses.map { MicrosoftAccount(mailbox_email: $0, display_name: displayName) })
        return try ValueEncoder().encode(
            try await session.connection.send(Woodpecker.ConnectMicrosoftMailboxes(request), for: invocation.command))
    }
}
