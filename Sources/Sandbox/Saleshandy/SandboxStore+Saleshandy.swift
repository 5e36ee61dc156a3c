import OutreachAPI

extension SandboxStore {
    /// Saleshandy `POST email-accounts/connect` after decoding and validation.
    func connectSaleshandy(key: String, _ accounts: [SaleshandyEmailAccount]) async throws -> SaleshandyConnectAccepted
    {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> SaleshandyConnectAccepted in
            let id = String(counters.connectRequest, radix: 16)
            counters.connectRequest += 1
            let results = accounts.map { account -> SaleshandyConnectStatus.AccountResult in
                let email = account.smtpEmailAddress ?? ""
                let (outcome, error) = MailboxOutcome.decide(
                    smtpHost: account.smtpHost ?? "", imapHost: account.imapHost ?? "", email: email,
                    passwords: [account.smtpPassword, account.imapPassword])
                return .init(email: email, status: outcome == .failed ? "failed" : "connected", error: error)
            }
            tenant.connectRequests[id] = ConnectRecord(
                requestID: id, submittedAt: now, duration: processingDelay, results: results)
            return SaleshandyConnectAccepted(
                message:
                    "The email accounts connection process has been initiated successfully. Please wait while we connect your email accounts. You may check the status using this API `/v1/email-accounts/connect/status/\(id)`.",
                payload: .init(requestId: id))
        }
    }

    /// Saleshandy `GET email-accounts/connect/status/{requestId}`; nil when unknown here.
    func saleshandyStatus(key: String, id: String, fileURL: String) async throws -> SaleshandyConnectStatus? {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> SaleshandyConnectStatus? in
            guard let request = tenant.connectRequests[id] else { return nil }
            let done = request.results.prefix(request.resolvedCount(at: now))
            let completed = done.count == request.results.count
            return SaleshandyConnectStatus(
                message: completed
                    ? "The email accounts connection process is complete."
                    : "The email accounts connection process is in progress.",
                payload: .init(
                    requestId: id, status: completed ? "completed" : "in-progress", total: request.results.count,
                    processed: done.count, connected: done.filter { $0.status == "connected" }.count,
                    failed: done.filter { $0.status == "failed" }.count, accounts: completed ? request.results : nil,
                    fileUrl: completed ? fileURL : nil))
        }
    }
}
