extension Woodpecker {
    /// `POST /rest/v1/webhooks/subscribe` — deliver one event to a URL; `201 {target_url, event,
    /// message}`; the same pair again, or a fourth URL for one event, `409` (docs/contract/webhooks.md).
    public struct SubscribeWebhook: WoodpeckerProspectEndpoint {
        public static var successStatuses: Set<Int> { [200, 201] }
        public var body: WebhookSubscription?
        public init(url: String, event: String) { body = WebhookSubscription(target_url: url, event: event) }
        public var method: HTTPMethod { .post }
        public var path: String { "../v1/webhooks/subscribe" }
        public var isIdempotent: Bool { false }
        public func validate() -> [ValidationProblem] { body.map(Validation.webhookSubscription) ?? [] }
        public typealias Success = WebhookChange
    }

    /// `POST /rest/v1/webhooks/unsubscribe` — stop delivering one event to a URL.
    public struct UnsubscribeWebhook: WoodpeckerProspectEndpoint {
        public var body: WebhookSubscription?
        public init(url: String, event: String) { body = WebhookSubscription(target_url: url, event: event) }
        public var method: HTTPMethod { .post }
        public var path: String { "../v1/webhooks/unsubscribe" }
        public var isIdempotent: Bool { false }
        public func validate() -> [ValidationProblem] { body.map(Validation.webhookSubscription) ?? [] }
        public typealias Success = WebhookChange
    }

    /// `GET /rest/v2/webhooks` — every subscription of the account, whoever made it.
    public struct ListWebhooks: WoodpeckerMailboxEndpoint {
        public init() {}
        public var method: HTTPMethod { .get }
        public var path: String { "webhooks" }
        public typealias Body = NoContent
        public typealias Success = WebhookList
    }
}
