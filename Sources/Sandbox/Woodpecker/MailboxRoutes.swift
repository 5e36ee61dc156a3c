import Hummingbird
import OutreachAPI

/// Woodpecker mailbox routes: manual bulk + summary, Microsoft bulk, mailbox list and lookup, `/rest/v1/me`.
struct MailboxRoutes {
    let store: SandboxStore

    func register(on router: Router<SandboxContext>) {
        let v2 = router.group("rest/v2")
        v2.post("mailboxes/manual_connection/bulk") { request, context in
            let key = try request.apiKey()
            let body = try await request.decodeJSON(ManualBulkRequest.self, context: context) {
                SandboxError.bulk(.badRequest, [$0])
            }
            let problems = Validation.manualBulk(body)
            guard problems.isEmpty else { throw SandboxError.bulk(.badRequest, problems.map(\.description)) }
            return try json(try await store.submitManualBatch(key: key, body), status: .accepted)
        }
        v2.get("mailboxes/manual_connection/bulk/:batch/summary") { request, context in
            let key = try request.apiKey()
            let bodiless404 = SandboxError(status: .notFound, body: .none)
            let id = try context.parameters.integer("batch", notFound: bodiless404)
            guard let summary = try await store.batchSummary(key: key, id: id) else { throw bodiless404 }
            return try json(summary)
        }
        v2.post("mailboxes/microsoft/bulk") { request, context in
            let key = try request.apiKey()
            let bodiless400 = SandboxError(status: .badRequest, body: .none)
            let body = try await request.decodeJSON(MicrosoftBulkRequest.self, context: context) { _ in bodiless400 }
            guard Validation.microsoftBulk(body).isEmpty else { throw bodiless400 }
            let results = try await store.connectMicrosoft(key: key, body)
            return try json(
                results,
                status: results.allSatisfy(\.success)
                    ? .created : HTTPResponse.Status(code: 207, reasonPhrase: "Multi-Status"))
        }
        v2.get("mailboxes") { request, _ in
            try json(try await store.mailboxes(key: try request.apiKey()))
        }
        v2.get("mailboxes/:id") { request, context in
            let key = try request.apiKey()
            return try json(
                try await store.mailbox(key: key, id: try context.parameters.integer("id", notFound: .notFound)))
        }
        router.get("rest/v1/me") { request, _ in
            try json(try await store.accountInfo(key: try request.apiKey()))
        }
    }
}
