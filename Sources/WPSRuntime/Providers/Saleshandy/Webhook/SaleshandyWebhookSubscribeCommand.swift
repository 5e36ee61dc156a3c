import OutreachAPI
import WPSLanguage

/// `webhook subscribe EVENT… --url URL` with Saleshandy: one webhook for all the events
/// (`POST /v1/webhook/create`), with a name and any headers to send along.
enum SaleshandyWebhookSubscribeCommand {
    static let events = Positional<String>(
        "event", .choice(SaleshandyWebhook.events), what: "EVENT (reply-received, email-bounced, …)", repeating: true,
        read: .word)
    static let url = Flag<String>(
        "url", .string, "the URL the events are delivered to (an absolute http or https URL)", required: true,
        fields: ["webhookUrl"])
    static let name = Flag<String>("name", .string, "the webhook's name (default: wps and the URL's host)")
    static let header = Flag<String>(
        "header", .string,
        "a header every delivery carries: NAME=VALUE (repeatable; a dry run masks it, results show its name only)",
        repeatable: true)

    static let definition = CommandDefinition(
        ["webhook", "subscribe"], "Deliver events to a URL: one webhook for all the events.", category: .api,
        positionals: [events], flags: [url, name, header, SharedFlags.provider],
        examples: [
            "webhook subscribe reply-received email-bounced --provider saleshandy --url https://hooks.example.com/wps"
        ],
        sends: ["POST /v1/webhook/create"],
        tests: ["e2e:test_saleshandy_sequences.py::test_webhooks_are_created_and_listed"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let target = (invocation[url] ?? "").trimmingCharacters(in: .whitespaces)
        var seen: Set<String> = []
        let chosen = invocation.all(events).filter { seen.insert($0).inserted }
        var headers: [String: String] = [:]
        for text in invocation.all(header) {
            let parts = text.split(separator: "=", maxSplits: 1)
            guard parts.count == 2, !parts[0].trimmingCharacters(in: .whitespaces).isEmpty else {
                throw RuntimeError(
                    "--header takes NAME=VALUE, got '\(text)'", at: invocation.range(of: header), exitCode: 2)
            }
            headers[String(parts[0]).trimmingCharacters(in: .whitespaces)] = String(parts[1])
        }
        let host = URLComponentsHost.host(of: target)
        let create = SaleshandyWebhookCreate(
            name: invocation[name] ?? "wps \(host)", webhookUrl: target, webhookEvent: chosen, headers: headers)
        let created = try await session.connection.send(Saleshandy.CreateWebhook(create), for: invocation.command)
            .payload
        return SaleshandyWebhookListCommand.record(created)
    }
}

/// The host of a URL text, for a default name.
enum URLComponentsHost {
    static func host(of text: String) -> String {
        var rest = Substring(text)
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        return String(rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" })
    }
}
