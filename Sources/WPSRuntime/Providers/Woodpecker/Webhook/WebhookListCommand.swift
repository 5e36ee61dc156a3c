import OutreachAPI
import WPSLanguage

/// `webhook list [--event E]`: the account's subscriptions, `{event, target_url}` each, events in
/// the lower case subscribe takes.
enum WebhookListCommand {
    static let event = Flag<String>(
        "event", .choice(WebhookEvent.names), "only the subscriptions of this event", fields: ["event"])

    static let definition = CommandDefinition(
        ["webhook", "list"], "List the account's webhook subscriptions.", category: .api, flags: [event],
        examples: [#"webhook list | where event == "prospect_replied""#], sends: ["GET webhooks"],
        tests: ["e2e:test_webhooks.py::test_subscribe_list_and_unsubscribe_against_the_sandbox"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let list = try await session.connection.send(Woodpecker.ListWebhooks(), for: invocation.command)
        let only = invocation[event].flatMap(WebhookEvent.init(name:))
        return .list(
            list.webhooks.filter { only == nil || WebhookEvent(name: $0.eventName) == only }.map {
                .record(["event": .string($0.eventName), "target_url": .string($0.target_url ?? "")])
            })
    }
}
