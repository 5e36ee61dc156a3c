import Foundation
import OutreachAPI

/// One POST the webhook pusher is to make: a JSON array of at most 100 events of one kind, for
/// one subscription, and the moment its events reach (the subscription's new `since` once every
/// POST of the pass succeeded).
struct WebhookDelivery: Sendable {
    var tenantID: String
    var url: String
    var event: String
    var body: Data
    var count: Int
    var upTo: Double
}

/// What became of a subscription's deliveries in one pass.
enum DeliveryOutcome: Sendable {
    /// Every POST answered 2xx.
    case delivered
    /// The receiver answered 310 or 410: unsubscribe at once.
    case gone
    /// Another answer, no answer, or a refused connection: try again later.
    case failed
}

extension SandboxStore {
    /// Retries after 1, 2, 4, 8 and 16 minutes; the sixth failure in a row drops the batch and
    /// the subscription (docs/contract/webhooks.md, proposal 7).
    static let deliveryAttempts = 6

    /// Every POST due now: for each subscription to a loopback URL whose retry (if any) is due,
    /// the events since its `since`, in arrays of at most 100 (proposal 6).
    func dueDeliveries() -> [[WebhookDelivery]] {
        let now = clock.now
        var result: [[WebhookDelivery]] = []
        for (id, tenant) in tenants where !tenant.webhooks.isEmpty {
            let due = tenant.webhooks.filter { hook in
                LoopbackHost.matches(url: hook.url) && (hook.retryAt.map { $0 <= now } ?? true)
            }
            guard !due.isEmpty else { continue }
            let sending = accountSending(tenant, now: now)
            let firmID = Int(tenant.number)
            for hook in due {
                let events = SandboxEvent.events(
                    sending.messages, completions: sending.completions, since: hook.since, upTo: now,
                    wanted: [hook.event])
                guard !events.isEmpty else { continue }
                var posts: [WebhookDelivery] = []
                var start = 0
                while start < events.count {
                    let chunk = events[start..<min(start + 100, events.count)]
                    let payloads = chunk.map {
                        $0.payload(
                            prospect: tenant.prospects.prospect($0.message.prospectID),
                            campaign: sending.campaigns[$0.message.campaignID], firmID: firmID)
                    }
                    let body = (try? JSONSerialization.data(withJSONObject: payloads, options: [.sortedKeys])) ?? Data()
                    posts.append(
                        WebhookDelivery(
                            tenantID: id, url: hook.url, event: hook.event, body: body, count: chunk.count, upTo: now))
                    start += 100
                }
                result.append(posts)
            }
        }
        return result
    }

    /// Records what became of a subscription's deliveries up to `upTo`.
    func recordDelivery(tenantID: String, url: String, event: String, upTo: Double, _ outcome: DeliveryOutcome) async {
        guard var tenant = tenants[tenantID],
            let index = tenant.webhooks.firstIndex(where: { $0.url == url && $0.event == event })
        else { return }
        let now = clock.now
        switch outcome {
        case .delivered:
            tenant.webhooks[index].since = upTo
            tenant.webhooks[index].failures = 0
            tenant.webhooks[index].retryAt = nil
        case .gone:
            tenant.webhooks.remove(at: index)
        case .failed:
            let failures = tenant.webhooks[index].failures + 1
            if failures >= Self.deliveryAttempts {
                tenant.webhooks.remove(at: index)
            } else {
                tenant.webhooks[index].failures = failures
                tenant.webhooks[index].retryAt = now + 60 * pow(2, Double(failures - 1))
            }
        }
        tenants[tenantID] = tenant
        if let write = snapshot(tenant, ProspectChanges()) { try? await persist(tenantID, write) }
    }

}
