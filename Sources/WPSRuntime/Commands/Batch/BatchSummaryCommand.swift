import OutreachAPI
import WPSLanguage

/// `batch summary ID`: a mailbox batch's progress (Woodpecker), or a Saleshandy connect
/// request's status.
enum BatchSummaryCommand {
    static let id = Positional<Value>("id", .batchID, what: "the batch ID", read: .value)

    static let definition = CommandDefinition(
        ["batch", "summary"], "Show a mailbox batch's progress.", category: .api, positionals: [id],
        flags: [SharedFlags.provider],
        examples: ["let batch = mailbox import boxes.csv | first; batch summary $batch.batch_id"],
        sends: MailboxCommands.batchStatusRequests,
        tests: ["transcript:commands", "transcript:saleshandy-ids"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let value = try invocation.required(id)
        let provider = invocation[SharedFlags.provider] ?? session.connection.provider
        if let requestID = MailboxCommands.saleshandyID(value) ?? (provider == .saleshandy ? value.text : nil) {
            let status = try await session.connection.send(
                Saleshandy.GetConnectStatus(requestID: requestID), for: invocation.command)
            return try SaleshandyCommands.status(requestID, status)
        }
        let batchID = try MailboxCommands.woodpeckerBatchID(
            MailboxCommands.batchValue(value), range: invocation.range(of: id))
        let summary = try await session.connection.send(
            Woodpecker.GetBatchSummary(batchID: batchID), for: invocation.command)
        return try MailboxCommands.summaryValue(batchID, summary)
    }
}
