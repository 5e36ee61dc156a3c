import OutreachAPI
import WPSLanguage

/// `webhook subscribe EVENT… --url URL`: one subscription per event. The account's
/// subscriptions are read first: an event already delivered to the URL is not sent again, and an
/// event that already has three other URLs (the API's limit) stops the command before anything
/// is sent.
enum WebhookSubscribeCommand {
    static let definition = CommandDefinition(
        ["webhook", "subscribe"], "Deliver events to a URL: one subscription per event (at most 3 URLs per event).",
        category: .api,
        discussion: """
            Reads the account's subscriptions first: an event already delivered to the URL is reported as \
            'already subscribed' and not sent again; an event that already has 3 other URLs (the API's limit per \
            account) stops the command before anything is sent, naming them. Returns one record per event \
            {event, target_url, status}.
            """,
        positionals: [WebhookCommands.events], flags: [WebhookCommands.url],
        examples: ["webhook subscribe prospect_replied prospect_opt_out --url https://hooks.example.com/wps"],
        sends: ["GET webhooks", "POST /rest/v1/webhooks/subscribe"],
        tests: ["e2e:test_webhooks.py::test_subscribe_list_and_unsubscribe_against_the_sandbox"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let target = try WebhookCommands.targetURL(invocation)
        let events = WebhookCommands.givenEvents(invocation)
        let existing = try await WebhookCommands.subscriptions(session, for: invocation.command)
        var full: [String] = []
        for event in events {
            let urls = existing[event] ?? []
            if !urls.contains(target), urls.count >= WebhookEvent.subscriptionsPerEvent {
                full.append(
                    "\(event.rawValue) is delivered to \(urls.count) URLs already (the API's limit): "
                        + urls.joined(separator: ", "))
            }
        }
        if !full.isEmpty {
            throw RuntimeError(
                full.joined(separator: "\n") + "\nnothing was sent: webhook unsubscribe EVENT --url URL frees a place",
                at: invocation.command.range, exitCode: 2)
        }
        var records: [Value] = []
        for event in events {
            if existing[event]?.contains(target) == true {
                records.append(WebhookCommands.record(event, target, "already subscribed"))
                continue
            }
            _ = try await session.connection.send(
                Woodpecker.SubscribeWebhook(url: target, event: event.rawValue), for: invocation.command)
            records.append(WebhookCommands.record(event, target, "subscribed"))
        }
        return .list(records)
    }
}
