import OutreachAPI
import WPSLanguage

/// `batch summary ID`: a mailbox batch's (a connect request's) progress, asked of the provider
/// whose record it is, else of the one the invocation asks for.
enum BatchSummaryCommand {
    static let id = Positional<Value>("id", .batchID, what: "the batch ID", read: .value)

    static let definition = CommandDefinition(
        ["batch", "summary"], "Show a mailbox batch's progress.", category: .api, positionals: [id],
        flags: [SharedFlags.provider],
        examples: ["let batch = mailbox import boxes.csv | first; batch summary $batch.batch_id"],
        sends: ProviderKits.mailboxConnections.flatMap(\.sends.status),
        tests: ["transcript:commands", "transcript:request-ids"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let value = try invocation.required(id)
        return try await ProviderKits.mailboxes(claiming: [value], invocation, session).status(
            of: value, invocation, session, range: invocation.range(of: id))
    }
}
