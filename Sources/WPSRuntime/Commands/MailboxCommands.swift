import Foundation
import OutreachAPI
import WPSLanguage

/// What the `mailbox …` and `batch …` commands share: provider checks, batch ids and summaries.
enum MailboxCommands {
    /// What `batch summary` and `batch watch` ask: a Woodpecker batch's summary, or a Saleshandy
    /// connect request's status.
    static let batchStatusRequests = [
        "GET mailboxes/manual_connection/bulk/{batch_id}/summary", "GET /v1/email-accounts/connect/status/{requestId}",
    ]

    /// Refuses a Woodpecker-only command (`mailbox list`, `mailbox get`) when Saleshandy is the
    /// provider asked for: its API documents only connect and its status, so nothing is sent.
    static func woodpeckerOnly(_ invocation: Invocation, _ verb: String, _ session: Session) throws {
        guard (invocation[SharedFlags.provider] ?? session.connection.provider) == .saleshandy else { return }
        throw RuntimeError(
            "Saleshandy's API cannot \(verb) email accounts (it documents only connect and its status); "
                + "mailbox \(verb) works with Woodpecker: a Woodpecker profile (--profile NAME), or --provider woodpecker with --sandbox",
            at: invocation.range(of: SharedFlags.provider))
    }

    /// A Saleshandy request id: from a `{request_id: …}` record.
    static func saleshandyID(_ value: Value) -> String? {
        if case .record(let record) = value, let id = record["request_id"] { return id.text }
        return nil
    }

    /// A Woodpecker batch id, which is a number; anything else is refused, pointing at
    /// Saleshandy's request ids (`129a184`), which only `--provider saleshandy` polls.
    static func woodpeckerBatchID(_ value: Value, range: SourceRange?) throws -> Int {
        // As every id argument: a number, digits, a whole double, or a record's `id`.
        if let id = try? CommandArguments.int(value, what: "the batch ID", range: range) { return id }
        throw RuntimeError(
            "'\(value.text)' is not a Woodpecker batch id (a number); a Saleshandy request id is watched with "
                + "--provider saleshandy (or a Saleshandy profile)",
            at: range, exitCode: 2)
    }

    /// A batch record's id (`{batch_id: 7}`), or the value itself.
    static func batchValue(_ value: Value) -> Value {
        if case .record(let record) = value, let id = record["batch_id"] { return id }
        return value
    }

    /// A summary as a record, led by its batch id and with a derived `failed_mailboxes_count`.
    static func summaryValue(_ id: Int, _ summary: BatchSummary) throws -> Value {
        guard case .record(let fields) = try ValueEncoder().encode(summary) else { return .null }
        var record: Record = ["batch_id": .int(id)]
        for (key, value) in fields { record[key] = value }
        record["failed_mailboxes_count"] = .int(summary.failedCount)
        return .record(record)
    }
}
