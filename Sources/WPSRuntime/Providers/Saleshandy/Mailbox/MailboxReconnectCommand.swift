import OutreachAPI
import WPSLanguage

/// `mailbox reconnect ID…`: reconnects Saleshandy email accounts (`POST
/// /v1/email-accounts/reconnect`); the request is watched like a connect's (`| batch watch`).
enum MailboxReconnectCommand {
    static let ids = Positional<Value>(
        "id", .string, what: "an email account's ID (or records from mailbox list)", repeating: true, read: .value)

    static let definition = CommandDefinition(
        ["mailbox", "reconnect"], "Reconnect email accounts; watch it with batch watch.", category: .api,
        positionals: [ids], flags: [SharedFlags.provider],
        examples: [
            "mailbox add --provider saleshandy --email ann@example.com --password @pw.txt --smtp-server smtp.example.com "
                + "--smtp-port 465 --imap-server imap.example.com --imap-port 993 | batch watch; "
                + "mailbox list --provider saleshandy | mailbox reconnect --provider saleshandy - | batch watch"
        ],
        sends: ["POST /v1/email-accounts/reconnect"],
        tests: ["e2e:test_saleshandy_sequences.py::test_email_accounts_are_listed_and_reconnected"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        var given = invocation.all(ids).flatMap(\.items)
        if given.map(\.text) == ["-"] { given = invocation.input.items }
        let accountIDs = given.map { value -> String in
            if case .record(let record) = value, let id = record["id"] { return id.text }
            return value.text
        }
        let accepted = try await session.connection.send(
            Saleshandy.ReconnectEmailAccounts(ids: accountIDs), for: invocation.command)
        return .record(["request_id": .string(accepted.payload.requestId), "size": .int(accountIDs.count)])
    }
}
