/// A Saleshandy webhook (docs/contract/saleshandy/webhooks.md): one URL for any number of events.
public struct SaleshandyWebhook: Codable, Sendable, Hashable {
    /// Why the latest delivery failed, when one did.
    public struct Failure: Codable, Sendable, Hashable {
        public var failedAt: String?
        public var statusCode: Int?
        public var message: String?
    }
    public var id: String
    public var name: String
    public var webhookUrl: String
    public var webhookEvent: [String]
    public var headers: [String: String]?
    /// `active` or `paused`.
    public var status: String?
    public var failed: Bool?
    public var lastFailure: Failure?
    public init(
        id: String, name: String, webhookUrl: String, webhookEvent: [String], headers: [String: String]?,
        status: String?, failed: Bool? = nil
    ) {
        self.id = id
        self.name = name
        self.webhookUrl = webhookUrl
        self.webhookEvent = webhookEvent
        self.headers = headers
        self.status = status
        self.failed = failed
    }

    /// The 19 events the page lists.
    public static let events = [
        "email-sent", "email-opened", "email-link-clicked", "reply-received", "email-bounced", "prospect-unsubscribed",
        "prospect-finished", "prospect-outcome-updated", "sequence-paused", "email-account-disconnected",
        "email-account-paused", "inbox-analyser-test-completed", "task-created", "task-updated", "bulk-task-updated",
        "call-task-updated", "linkedin-task-updated", "custom-task-updated", "whatsapp-task-updated",
    ]
    /// The most active webhooks an account may have.
    public static let maxActive = 50
}

/// The body of `POST /v1/webhook/create`: all four fields are required (`headers` `{}` when none).
public struct SaleshandyWebhookCreate: Codable, Sendable, Hashable {
    public var name: String
    public var webhookUrl: String
    public var webhookEvent: [String]
    public var headers: [String: String]
    public init(name: String, webhookUrl: String, webhookEvent: [String], headers: [String: String]) {
        self.name = name
        self.webhookUrl = webhookUrl
        self.webhookEvent = webhookEvent
        self.headers = headers
    }
}

extension Validation {
    /// The rules of `POST /v1/webhook/create`.
    public static func saleshandyWebhook(_ create: SaleshandyWebhookCreate) -> [ValidationProblem] {
        var problems = ProblemList()
        problems.requiredText(create.name, "name")
        if let problem = webhookURLProblem(create.webhookUrl) { problems.add("webhookUrl", problem) }
        if create.webhookEvent.isEmpty { problems.add("webhookEvent", "must hold at least one event") }
        for (index, event) in create.webhookEvent.enumerated() where !SaleshandyWebhook.events.contains(event) {
            problems.add(
                "webhookEvent[\(index)]", "must be one of the \(SaleshandyWebhook.events.count) events, got \(event)")
        }
        for name in create.headers.keys.sorted()
        where name.isEmpty || name.contains(where: { $0 == ":" || $0.isWhitespace }) {
            problems.add("headers", "'\(name)' is not a header name")
        }
        return problems.items
    }
}
