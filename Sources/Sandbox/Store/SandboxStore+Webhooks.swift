import Foundation
import OutreachAPI

extension SandboxStore {
    /// `POST /rest/v1/webhooks/subscribe` (docs/contract/webhooks.md, proposal 1): the same pair
    /// again, or a fourth URL for one event, answers `409 E_WRONG_PARAM`.
    func subscribeWebhook(key: String, _ body: Data) async throws -> WebhookChange {
        let pair = try Self.webhookPair(body)
        return try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) in
            let same = tenant.webhooks.filter { $0.event == pair.event }
            if same.contains(where: { $0.url == pair.url }) {
                throw SandboxError.v1Conflict("Event defined for this url.")
            }
            if same.count >= WebhookEvent.subscriptionsPerEvent {
                throw SandboxError.v1Conflict("You can only subscribe to the same webhook 3 times per one account.")
            }
            var made = pair
            made.since = now
            tenant.webhooks.append(made)
            return WebhookChange(target_url: pair.url, event: pair.event, message: "Subscribed.")
        }
    }

    /// `POST /rest/v1/webhooks/unsubscribe` (proposal 2): a pair that is not subscribed answers
    /// `E_RECORD_NOT_FOUND`.
    func unsubscribeWebhook(key: String, _ body: Data) async throws -> WebhookChange {
        let pair = try Self.webhookPair(body)
        return try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) in
            guard let index = tenant.webhooks.firstIndex(where: { $0.url == pair.url && $0.event == pair.event }) else {
                throw SandboxError.v1(.recordNotFound, "no subscription of \(pair.event) for this url")
            }
            tenant.webhooks.remove(at: index)
            return WebhookChange(target_url: pair.url, event: pair.event, message: "Unsubscribed.")
        }
    }

    /// `GET /rest/v2/webhooks` (proposal 3): in the order made, events in upper case; with none,
    /// only the message the API is said to give.
    func listWebhooks(key: String) async throws -> WebhookList {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) in
            guard !tenant.webhooks.isEmpty else {
                return WebhookList(webhooks: [], message: "You haven't subscribed to any webhooks.")
            }
            return WebhookList(
                webhooks: tenant.webhooks.map { WebhookSubscription(target_url: $0.url, event: $0.event.uppercased()) })
        }
    }

    /// The `{target_url, event}` of a subscribe or unsubscribe body, checked in the order of
    /// proposal 1: JSON object, present, strings, then the rules wps checks before sending.
    static func webhookPair(_ body: Data) throws(SandboxError) -> SandboxWebhook {
        guard let object = try? JSONSerialization.jsonObject(with: body), let fields = object as? [String: Any] else {
            throw SandboxError.v1(.wrongParam, "the body must be a JSON object {target_url, event}")
        }
        var texts: [String: String] = [:]
        for name in ["target_url", "event"] {
            let value = fields[name]
            if value == nil || value is NSNull || (value as? String)?.trimmingCharacters(in: .whitespaces) == "" {
                throw SandboxError.v1(.requiredElement, "\(name) is required")
            }
            guard let text = value as? String else {
                throw SandboxError.v1(.wrongParam, "\(name): must be a string, got \(String(describing: value ?? ""))")
            }
            texts[name] = text
        }
        let subscription = WebhookSubscription(target_url: texts["target_url"], event: texts["event"])
        if let problem = Validation.webhookSubscription(subscription).first {
            throw SandboxError.v1(.wrongParam, "\(problem)")
        }
        return SandboxWebhook(url: texts["target_url"] ?? "", event: (texts["event"] ?? "").lowercased())
    }
}

/// One subscription the sandbox keeps: the URL and the event (lower case), and how far its
/// deliveries got: events up to `since` (sandbox clock) were delivered; after a failed delivery,
/// how many in a row failed and when the next attempt is due.
struct SandboxWebhook: Codable, Sendable, Hashable {
    var url: String
    var event: String
    var since: Double = 0
    var failures = 0
    var retryAt: Double?

    init(url: String, event: String) {
        self.url = url
        self.event = event
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        url = try container.decode(String.self, forKey: .url)
        event = try container.decode(String.self, forKey: .event)
        since = try container.decodeIfPresent(Double.self, forKey: .since) ?? 0
        failures = try container.decodeIfPresent(Int.self, forKey: .failures) ?? 0
        retryAt = try container.decodeIfPresent(Double.self, forKey: .retryAt)
    }
}

extension SandboxError {
    /// A v1 error answered `409` (a repeated or fourth webhook subscription), code `E_WRONG_PARAM`.
    static func v1Conflict(_ msg: String) -> SandboxError {
        SandboxError(
            status: .conflict, body: .v1Status(ErrorBody.V1Status(code: V1Code.wrongParam.rawValue, msg: msg)))
    }
}
