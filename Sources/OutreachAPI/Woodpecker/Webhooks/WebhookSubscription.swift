import Foundation

/// One webhook subscription: where `event` is delivered. The body of subscribe and unsubscribe,
/// and an item of `GET /rest/v2/webhooks` (whose `event` is upper case).
public struct WebhookSubscription: Codable, Sendable, Hashable {
    public var target_url: String?
    public var event: String?

    public init(target_url: String?, event: String?) {
        self.target_url = target_url
        self.event = event
    }

    /// The event in the lower case subscribe takes, whichever case the answer used.
    public var eventName: String { (event ?? "").lowercased() }
}

/// The answer to subscribe or unsubscribe: the pair and `message` (`Subscribed.`).
public struct WebhookChange: Codable, Sendable, Hashable {
    public var target_url: String?
    public var event: String?
    public var message: String?

    public init(target_url: String?, event: String?, message: String?) {
        self.target_url = target_url
        self.event = event
        self.message = message
    }
}

/// `GET /rest/v2/webhooks`: `{webhooks: […]}`; with none, the API may answer only a `message`
/// (docs/contract/webhooks.md, W8), read as an empty list.
public struct WebhookList: Codable, Sendable, Hashable {
    public var webhooks: [WebhookSubscription]
    public var message: String?

    enum CodingKeys: String, CodingKey { case webhooks, message }

    public init(webhooks: [WebhookSubscription], message: String? = nil) {
        self.webhooks = webhooks
        self.message = message
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        webhooks = try container.decodeIfPresent([WebhookSubscription].self, forKey: .webhooks) ?? []
        message = try container.decodeIfPresent(String.self, forKey: .message)
    }

    /// `{webhooks}`, or `{message}` alone when there are none and a message says so.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        if !(webhooks.isEmpty && message != nil) { try container.encode(webhooks, forKey: .webhooks) }
        try container.encodeIfPresent(message, forKey: .message)
    }
}
