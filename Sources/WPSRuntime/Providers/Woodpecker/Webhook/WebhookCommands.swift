import OutreachAPI
import WPSLanguage

/// What the `webhook` commands share: the events, `--url`, and the account's subscriptions read
/// before anything is sent.
enum WebhookCommands {
    static let events = Positional<String>(
        "event", .choice(WebhookEvent.names), what: "EVENT (prospect_replied, prospect_opt_out, …)", repeating: true,
        read: .word)
    static let url = Flag<String>(
        "url", .string, "the URL the events are delivered to (an absolute http or https URL)", required: true,
        fields: ["target_url"])

    /// The events given, each once, in the order given.
    static func givenEvents(_ invocation: Invocation) -> [WebhookEvent] {
        var seen: Set<WebhookEvent> = []
        return invocation.all(events).compactMap(WebhookEvent.init(name:)).filter { seen.insert($0).inserted }
    }

    /// `--url`, checked by the rule the API applies.
    static func targetURL(_ invocation: Invocation) throws -> String {
        let text = (invocation[url] ?? "").trimmingCharacters(in: .whitespaces)
        if let problem = Validation.webhookURLProblem(text) {
            throw RuntimeError("--url \(problem)", at: invocation.range(of: url), exitCode: 2)
        }
        return text
    }

    /// The account's subscriptions, by event.
    static func subscriptions(_ session: Session, for command: Command) async throws -> [WebhookEvent: [String]] {
        let list = try await session.connection.send(Woodpecker.ListWebhooks(), for: command)
        var result: [WebhookEvent: [String]] = [:]
        for item in list.webhooks {
            guard let event = WebhookEvent(name: item.eventName), let target = item.target_url else { continue }
            result[event, default: []].append(target)
        }
        return result
    }

    /// One record of what became of an event: `{event, target_url, status}`.
    static func record(_ event: WebhookEvent, _ target: String, _ status: String) -> Value {
        .record(["event": .string(event.rawValue), "target_url": .string(target), "status": .string(status)])
    }
}
