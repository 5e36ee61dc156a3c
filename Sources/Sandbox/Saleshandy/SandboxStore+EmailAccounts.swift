import OutreachAPI

extension SandboxStore {
    /// `POST /v1/email-accounts`: the accounts the tenant's connect requests connected so far,
    /// each once (its latest), filtered by `search` in the email and paged.
    func saleshandyAccounts(key: String, _ query: SaleshandyAccountQuery) async throws -> SaleshandyAccountList {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> SaleshandyAccountList in
            var order: [String] = []
            var latest: [String: (SaleshandyConnectStatus.AccountResult, Double)] = [:]
            for request in tenant.connectRequests.values.sorted(by: { $0.submittedAt < $1.submittedAt }) {
                for result in request.results.prefix(request.resolvedCount(at: now)) {
                    let key = result.email.lowercased()
                    if latest[key] == nil { order.append(key) }
                    latest[key] = (result, request.submittedAt)
                }
            }
            var accounts = order.compactMap { email -> SaleshandyAccountRecord? in
                guard let (result, at) = latest[email] else { return nil }
                let connected = result.status == "connected"
                return SaleshandyAccountRecord(
                    id: Self.accountID(email), fromName: String(email.split(separator: "@").first ?? ""),
                    fromEmail: result.email, type: 3, status: connected ? 1 : 0, isDefault: false,
                    createdAt: DNCBook.text(at), healthScore: connected ? 100 : 0)
            }
            let connected = accounts.filter { $0.status == 1 }.count
            let disconnected = accounts.count - connected
            if let search = query.search?.lowercased(), !search.isEmpty {
                accounts = accounts.filter { $0.fromEmail.lowercased().contains(search) }
            }
            if query.sort == "DESC" { accounts.reverse() }
            let size = query.pageSize ?? 25
            let (start, overflow) = ((query.page ?? 1) - 1).multipliedReportingOverflow(by: size)
            let page =
                !overflow && start < accounts.count ? Array(accounts[start..<min(accounts.count, start + size)]) : []
            return SaleshandyAccountList(
                connectedEmailsCount: connected, disconnectedEmailsCount: disconnected, emails: page)
        }
    }

    /// `POST /v1/email-accounts/reconnect`: a connect request for the accounts named (each
    /// connects again by the sandbox's rules); an id no account has fails in its results.
    func reconnectSaleshandy(key: String, ids: [String]) async throws -> SaleshandyConnectAccepted {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> SaleshandyConnectAccepted in
            var emails: [String: String] = [:]  // account id → email
            for request in tenant.connectRequests.values {
                for result in request.results { emails[Self.accountID(result.email.lowercased())] = result.email }
            }
            let id = String(counters.connectRequest, radix: 16)
            counters.connectRequest += 1
            let results = ids.map { account -> SaleshandyConnectStatus.AccountResult in
                guard let email = emails[account] else {
                    return .init(email: account, status: "failed", error: "no email account \(account)")
                }
                return .init(email: email, status: "connected")
            }
            tenant.connectRequests[id] = ConnectRecord(
                requestID: id, submittedAt: now, duration: processingDelay, results: results)
            return SaleshandyConnectAccepted(
                message:
                    "The email accounts connection process has been initiated successfully. Please wait while we connect your email accounts. You may check the status using this API `/v1/email-accounts/connect/status/\(id)`.",
                payload: .init(requestId: id))
        }
    }

    /// An account's id: ten characters derived from its email (FNV-1a), stable across runs.
    static func accountID(_ email: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in email.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        let text = String(hash, radix: 36)
        return "ea" + String(text.prefix(8))
    }
}
