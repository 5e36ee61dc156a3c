import OutreachAPI
import WPSLanguage

/// `webhook unsubscribe EVENT… --url URL`: stops delivering each event to the URL. The account's
/// subscriptions are read first: an event not delivered there is reported as 'not subscribed'
/// and nothing is sent for it.
enum WebhookUnsubscribeCommand {
    static let definition = CommandDefinition(
        ["webhook", "unsubscribe"], "Stop delivering events to a URL.", category: .api,
        discussion: """
            Reads the account's subscriptions first: an event that is not delivered to the URL is reported as \
            'not subscribed' (and on stderr) and nothing is sent for it. Returns one record per event \
            {event, target_url, status}.
            """,
        positionals: [WebhookCommands.events], flags: [WebhookCommands.url],
        examples: ["webhook unsubscribe prospect_replied --url https://hooks.example.com/wps"],
        sends: ["GET webhooks", "POST /rest/v1/webhooks/unsubscribe"],
        tests: ["e2e:test_webhooks.py::test_subscribe_list_and_unsubscribe_against_the_sandbox"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let target = try WebhookCommands.targetURL(invocation)
        let existing = try await WebhookCommands.subscriptions(session, for: invocation.command)
        var records: [Value] = []
        for event in WebhookCommands.givenEvents(invocation) {
            guard existing[event]?.contains(target) == true else {
                let elsewhere = existing[event] ?? []
                session.settings.progress(
                    "\(event.rawValue) is not delivered to \(target)"
                        + (elsewhere.isEmpty ? "" : " (it is to \(elsewhere.joined(separator: ", ")))")
                        + "; nothing sent")
                records.append(WebhookCommands.record(event, target, "not subscribed"))
                continue
            }
            _ = try await session.connection.send(
                Woodpecker.UnsubscribeWebhook(url: target, event: event.rawValue), for: invocation.command)
            records.append(WebhookCommands.record(event, target, "unsubscribed"))
        }
        return .list(records)
    }
}
