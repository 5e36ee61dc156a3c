import OutreachAPI

extension SandboxStore {
    /// `POST mailboxes/manual_connection/bulk` after decoding and validation.
    func submitManualBatch(key: String, _ request: ManualBulkRequest) async throws -> BatchAccepted {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) -> BatchAccepted in
            let connected = tenant.connectedEmails
            let pending = tenant.pendingEmails(at: now)
            var conflicts: [String] = []
            let origins = connected.isEmpty && pending.isEmpty ? [:] : tenant.batchOfEmails
            for (index, mailbox) in request.mailboxes.enumerated() {
                let email = (mailbox.smtp_email ?? "").lowercased()
                let origin = origins[email]
                if connected.contains(email) {
                    conflicts.append(
                        "mailboxes[\(index)].smtp_email: \(mailbox.smtp_email ?? "") is already connected\(origin.map { " (batch \($0))" } ?? "")"
                    )
                } else if pending.contains(email) {
                    conflicts.append(
                        "mailboxes[\(index)].smtp_email: \(mailbox.smtp_email ?? "") is already pending in \(origin.map { "batch \($0)" } ?? "another batch")"
                    )
                }
            }
            guard conflicts.isEmpty else { throw SandboxError.bulk(.conflict, conflicts) }
            let entries = request.mailboxes.map { mailbox -> BatchEntry in
                let smtpServer = mailbox.smtp_server ?? ""
                let imapServer = mailbox.imap_server ?? ""
                let email = mailbox.smtp_email ?? ""
                let (outcome, error) = MailboxOutcome.decide(
                    smtpHost: smtpServer, imapHost: imapServer, email: email,
                    passwords: [mailbox.smtp_password, mailbox.imap_password])
                defer { counters.connectionRequest += 1 }
                return BatchEntry(
                    requestID: counters.connectionRequest, smtpEmail: email, smtpLogin: mailbox.smtp_login,
                    smtpServer: smtpServer, smtpPort: mailbox.smtp_port ?? 0, fromName: mailbox.smtp_from_name,
                    imapEmail: mailbox.imap_email ?? "", imapServer: imapServer, imapPort: mailbox.imap_port ?? 0,
                    dailyLimit: mailbox.daily_sending_limit, waitFrom: mailbox.sending_wait_time_from,
                    waitTo: mailbox.sending_wait_time_to, outcome: outcome, error: error)
            }
            let id = counters.batch
            counters.batch += 1
            tenant.addBatch(BatchRecord(id: id, submittedAt: now, duration: processingDelay, entries: entries))
            return BatchAccepted(batch_id: id)
        }
    }

    /// `GET …/bulk/{batch_id}/summary`; nil when the batch is not this account's.
    func batchSummary(key: String, id: Int) async throws -> BatchSummary? {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) -> BatchSummary? in
            tenant.batches[id]?.summary(at: now)
        }
    }

    /// `GET mailboxes`, each sending mailbox's `sent_today` counted.
    func mailboxes(key: String) async throws -> [Mailbox] {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) -> [Mailbox] in
            let counts = sentToday(tenant, now: now)
            return tenant.mailboxOrder.compactMap { tenant.mailboxes[$0].map { Self.counting($0, counts) } }
        }
    }

    /// `GET mailboxes/{id}`, its `sent_today` counted.
    func mailbox(key: String, id: Int) async throws -> Mailbox {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) -> Mailbox in
            guard let mailbox = tenant.mailboxes[id] else { throw SandboxError.notFound }
            return Self.counting(mailbox, sentToday(tenant, now: now))
        }
    }

    /// By sending address, the messages the account's campaigns sent on the sandbox clock's UTC
    /// day up to `now` (empty, without work, while no campaign has run).
    func sentToday(_ tenant: TenantState, now: Double) -> [String: Int] {
        guard tenant.campaignRuns.values.contains(where: { $0.firstStart != nil }) else { return [:] }
        let today = SendingSimulation.utcDay(now)
        var counts: [String: Int] = [:]
        for message in accountSending(tenant, now: now).messages where SendingSimulation.utcDay(message.sentAt) == today
        {
            counts[message.mailbox, default: 0] += 1
        }
        return counts
    }

    /// A mailbox with `sent_today` from `counts`, where it has the field (its SMTP entry).
    static func counting(_ mailbox: Mailbox, _ counts: [String: Int]) -> Mailbox {
        guard mailbox.details.sent_today != nil else { return mailbox }
        var counted = mailbox
        counted.details.sent_today = counts[mailbox.details.email] ?? 0
        return counted
    }

    /// `POST mailboxes/microsoft/bulk` after decoding and validation: the items and whether all connected.
    func connectMicrosoft(key: String, _ request: MicrosoftBulkRequest) async throws -> [MicrosoftMailboxResult] {
        try await withTenant(key) {
            (tenant: inout TenantState, _: Double) throws(SandboxError) -> [MicrosoftMailboxResult] in
            if let credential = request.credential_id, credential != tenant.credentialID {
                throw SandboxError(status: .unprocessableContent, body: .message("INVALID_CREDENTIAL_ID"))
            }
            var connected = tenant.connectedEmails
            return request.accounts.map { account in
                let email = account.mailbox_email ?? ""
                let local = email.split(separator: "@").first.map(String.init) ?? ""
                if local.lowercased().hasPrefix("wrong") {
                    return MicrosoftMailboxResult(
                        success: false, id: nil, email: email, name: account.display_name, deliverability: nil,
                        error: "WRONG_ALIAS")
                }
                if connected.contains(email.lowercased()) {
                    return MicrosoftMailboxResult(
                        success: false, id: nil, email: email, name: account.display_name, deliverability: nil,
                        error: "MAILBOX_ALREADY_CONNECTED")
                }
                let id = nextMailboxID()
                connected.insert(email.lowercased())
                tenant.addMailbox(
                    Mailbox(
                        id: id, type: "SMTP",
                        details: .init(
                            email: email, provider: "MICROSOFT", login: email, from_name: account.display_name,
                            daily_limit: 50, sent_today: 0, frequency_from: 60, frequency_to: 120)))
                return MicrosoftMailboxResult(
                    success: true, id: id, email: email, name: account.display_name,
                    deliverability: .init(spf_correct: true, dkim_correct: true), error: nil)
            }
        }
    }

    /// `GET /rest/v1/me`.
    func accountInfo(key: String) async throws -> AccountInfo {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> AccountInfo in
            AccountInfo(id: tenant.number, email: "sandbox+\(tenant.number)@wps.invalid", company: "wps sandbox")
        }
    }
}
