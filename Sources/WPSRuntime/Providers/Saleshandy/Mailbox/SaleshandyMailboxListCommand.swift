import OutreachAPI
import WPSLanguage

/// `mailbox list` with Saleshandy: every email account (`POST /v1/email-accounts`, 100 a page
/// until a short page), one record each.
enum SaleshandyMailboxListCommand {
    static let search = Flag<String>("search", .string, "only accounts whose email or name contains this")

    static let definition = CommandDefinition(
        ["mailbox", "list"], "List the connected mailboxes.", category: .api,
        flags: [search, SharedFlags.provider],
        examples: ["mailbox list --provider saleshandy"],
        sends: ["POST /v1/email-accounts (a read its API takes as a POST: the list)"],
        tests: ["e2e:test_saleshandy_sequences.py::test_email_accounts_are_listed_and_reconnected"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        var records: [Value] = []
        var page = 1
        while true {
            let answer = try await session.connection.send(
                Saleshandy.ListEmailAccounts(
                    SaleshandyAccountQuery(search: invocation[search], pageSize: 100, page: page)),
                for: invocation.command)
            records += answer.emails.map(record)
            guard answer.emails.count == 100 else { break }
            page += 1
        }
        return .list(records)
    }

    /// An account as a record: `{id, email, name, status, health_score, created_at}`, `status`
    /// in words (`active`, `inactive`, `suspended`).
    static func record(_ account: SaleshandyAccountRecord) -> Value {
        let status =
            switch account.status {
            case 1: "active"
            case 2: "suspended"
            case 0: "inactive"
            default: account.status.map(String.init) ?? ""
            }
        var record: Record = [
            "id": .string(account.id), "email": .string(account.fromEmail), "name": .string(account.fromName ?? ""),
            "status": .string(status),
        ]
        record["health_score"] = account.healthScore.map { .int(Int($0)) } ?? .null
        record["created_at"] = account.createdAt.map(Value.string) ?? .null
        return .record(record)
    }
}
