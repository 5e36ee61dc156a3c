import OutreachAPI
import WPSLanguage

/// `webhook list` with Saleshandy: the account's webhooks (`GET /v1/webhook`, every page), one
/// record each.
enum SaleshandyWebhookListCommand {
    static let definition = CommandDefinition(
        ["webhook", "list"], "List the account's webhooks.", category: .api, flags: [SharedFlags.provider],
        examples: ["webhook list --provider saleshandy"],
        sends: ["GET /v1/webhook"],
        tests: ["e2e:test_saleshandy_sequences.py::test_webhooks_are_created_and_listed"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        var records: [Value] = []
        var page = 1
        while true {
            let answer = try await session.connection.send(Saleshandy.ListWebhooks(page: page), for: invocation.command)
            records += answer.payload.map(record)
            guard answer.payload.count == 100 else { break }
            page += 1
        }
        return .list(records)
    }

    /// A webhook as a record: `{id, name, url, events, status, failed}` (headers' names only:
    /// their values may be secrets).
    static func record(_ webhook: SaleshandyWebhook) -> Value {
        var record: Record = [
            "id": .string(webhook.id), "name": .string(webhook.name), "url": .string(webhook.webhookUrl),
            "events": .list(webhook.webhookEvent.map(Value.string)),
            "status": webhook.status.map(Value.string) ?? .null,
        ]
        record["headers"] = .list((webhook.headers ?? [:]).keys.sorted().map(Value.string))
        record["failed"] = webhook.failed.map(Value.bool) ?? .null
        if let failure = webhook.lastFailure {
            record["last_failure"] = .string(
                [failure.failedAt, failure.statusCode.map { "HTTP \($0)" }, failure.message].compactMap { $0 }
                    .joined(separator: " "))
        }
        return .record(record)
    }
}
