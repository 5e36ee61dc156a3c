import Hummingbird
import OutreachAPI

/// Saleshandy routes: connect email accounts, the request's status, and its results as CSV;
/// sequences and their steps (`SaleshandyRoutes+Sequences.swift`).
struct SaleshandyRoutes {
    let store: SandboxStore

    static let unauthorized = SandboxError(status: .unauthorized, body: .message("Unauthorized"))
    static let notFound = SandboxError(status: .notFound, body: .message("Request not found"))

    func register(on router: Router<SandboxContext>) {
        registerSequences(on: router)
        registerProspects(on: router)
        registerDNC(on: router)
        registerWebhooks(on: router)
        router.post("v1/email-accounts") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let query = try await request.decodeJSON(SaleshandyAccountQuery.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            if let size = query.pageSize, !(1...100).contains(size) {
                throw SaleshandySandboxErrors.badRequest("pageSize: must be in 1…100, got \(size)")
            }
            if let page = query.page, page < 1 {
                throw SaleshandySandboxErrors.badRequest("page: must be at least 1, got \(page)")
            }
            if let sort = query.sort, !["ASC", "DESC"].contains(sort) {
                throw SaleshandySandboxErrors.badRequest("sort: must be ASC or DESC, got \(sort)")
            }
            return try json(try await store.saleshandyAccounts(key: key, query))
        }
        router.post("v1/email-accounts/reconnect") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let body = try await request.decodeJSON(SaleshandyReconnect.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            guard !body.emailAccountIds.isEmpty,
                body.emailAccountIds.allSatisfy({ !$0.trimmingCharacters(in: .whitespaces).isEmpty })
            else { throw SaleshandySandboxErrors.badRequest("emailAccountIds: must hold at least one id") }
            return try json(try await store.reconnectSaleshandy(key: key, ids: body.emailAccountIds))
        }
        let connect = router.group("v1/email-accounts/connect")
        connect.post { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let accounts = try await request.decodeJSON([SaleshandyEmailAccount].self, context: context) {
                SandboxError(status: .badRequest, body: .message($0))
            }
            let problems = Validation.saleshandyAccounts(accounts)
            guard problems.isEmpty else {
                throw SandboxError(
                    status: .badRequest, body: .message(problems.map(\.description).joined(separator: "; ")))
            }
            return try json(try await store.connectSaleshandy(key: key, accounts))
        }
        connect.get("status/:request") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let id = context.parameters.get("request") ?? ""
            let file = "/v1/email-accounts/connect/status/\(id)/results.csv"
            guard let status = try await store.saleshandyStatus(key: key, id: id, fileURL: file) else {
                throw Self.notFound
            }
            return try json(status)
        }
        connect.get("status/:request/results.csv") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let id = context.parameters.get("request") ?? ""
            guard let status = try await store.saleshandyStatus(key: key, id: id, fileURL: ""),
                let accounts = status.payload.accounts
            else { throw Self.notFound }
            var csv = "email,status,error\r\n"
            for account in accounts {
                csv +=
                    [account.email, account.status, account.error ?? ""].map(Self.csvField).joined(separator: ",")
                    + "\r\n"
            }
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
        }
    }

    static func csvField(_ text: String) -> String {
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
