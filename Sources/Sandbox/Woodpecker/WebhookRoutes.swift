import Hummingbird
import OutreachAPI

/// Woodpecker's webhook subscriptions (docs/contract/webhooks.md): subscribe and unsubscribe on
/// `/rest/v1` (v1 errors), the listing on `/rest/v2`.
struct WebhookRoutes {
    let store: SandboxStore

    func register(on router: Router<SandboxContext>) {
        let v1 = router.group("rest/v1/webhooks")
        v1.post("subscribe") { request, _ in
            let key = try request.apiKey(unauthorized: .v1Session)
            return try json(try await store.subscribeWebhook(key: key, try await request.v1Body()), status: .created)
        }
        v1.post("unsubscribe") { request, _ in
            let key = try request.apiKey(unauthorized: .v1Session)
            return try json(try await store.unsubscribeWebhook(key: key, try await request.v1Body()))
        }
        router.get("rest/v2/webhooks") { request, _ in
            let key = try request.apiKey()
            return try json(try await store.listWebhooks(key: key))
        }
    }
}
