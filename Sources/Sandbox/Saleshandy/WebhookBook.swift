import OutreachAPI

/// A tenant's webhooks of the sequences' API, oldest first.
struct WebhookBook: Codable, Sendable {
    var webhooks: [SaleshandyWebhook] = []
}
