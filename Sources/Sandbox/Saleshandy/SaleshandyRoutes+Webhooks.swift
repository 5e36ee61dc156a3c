import Hummingbird
import OutreachAPI

extension SaleshandyRoutes {
    /// `POST /v1/webhook/create`, `GET /v1/webhook`, `GET /v1/webhook/{id}`
    /// (docs/contract/saleshandy/webhooks.md).
    func registerWebhooks(on router: Router<SandboxContext>) {
        router.post("v1/webhook/create") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let body = try await request.decodeJSON(SaleshandyWebhookCreate.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            let problems = Validation.saleshandyWebhook(body)
            guard problems.isEmpty else {
                throw SaleshandySandboxErrors.badRequest(problems.map(\.description).joined(separator: "; "))
            }
            let created = try await store.createSaleshandyWebhook(key: key, body)
            return try json(
                SaleshandyEnvelope(message: "Webhook created successfully", payload: created), status: .created)
        }
        router.get("v1/webhook") { request, _ in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            var size = 25
            var page = 1
            for (name, value) in InboxQueryParsing.pairs(request.uri.query ?? "")
            where name == "pageSize" || name == "page" {
                try Self.checkPaging(name, value)
                if name == "page" { page = Int(value) ?? 1 } else { size = Int(value) ?? 25 }
            }
            let all = try await store.saleshandyWebhooks(key: key)
            let (start, overflow) = (page - 1).multipliedReportingOverflow(by: size)
            let slice = !overflow && start < all.count ? Array(all[start..<min(all.count, start + size)]) : []
            return try json(SaleshandyEnvelope(message: "Webhooks fetched successfully", payload: slice))
        }
        router.get("v1/webhook/:webhook") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let id = context.parameters.get("webhook") ?? ""
            guard let found = try await store.saleshandyWebhooks(key: key).first(where: { $0.id == id }) else {
                throw SaleshandySandboxErrors.badRequest("Webhook not found")
            }
            return try json(SaleshandyEnvelope(message: "Webhook fetched successfully", payload: found))
        }
    }
}

extension SandboxStore {
    /// A new webhook, active; past 50 active ones the account's limit refuses it.
    func createSaleshandyWebhook(key: String, _ create: SaleshandyWebhookCreate) async throws -> SaleshandyWebhook {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> SaleshandyWebhook in
            guard tenant.sequenceWebhooks.webhooks.filter({ $0.status == "active" }).count < SaleshandyWebhook.maxActive
            else {
                throw SaleshandySandboxErrors.badRequest(
                    "You have reached the limit of \(SaleshandyWebhook.maxActive) active webhooks")
            }
            // 24 hexadecimal digits, as the page's ids.
            let number = tenant.sequenceWebhooks.webhooks.count + 1
            let hex = String(number, radix: 16)
            let id = "69fb3ac1eda58217" + String(repeating: "0", count: max(0, 8 - hex.count)) + hex
            let webhook = SaleshandyWebhook(
                id: id, name: create.name, webhookUrl: create.webhookUrl, webhookEvent: create.webhookEvent,
                headers: create.headers, status: "active", failed: false)
            tenant.sequenceWebhooks.webhooks.append(webhook)
            return webhook
        }
    }

    /// The tenant's webhooks, oldest first.
    func saleshandyWebhooks(key: String) async throws -> [SaleshandyWebhook] {
        try await withTenant(key) {
            (tenant: inout TenantState, _: Double) throws(SandboxError) -> [SaleshandyWebhook] in
            tenant.sequenceWebhooks.webhooks
        }
    }
}
