extension Validation {
    /// The rules of `POST mailboxes/manual_connection/bulk`.
    public static func manualBulk(_ request: ManualBulkRequest) -> [ValidationProblem] {
        var problems = ProblemList()
        if request.mailboxes.isEmpty {
            problems.add("mailboxes", "must hold at least one mailbox")
        } else if request.mailboxes.count > ManualBulkRequest.maxBatchSize {
            problems.add(
                "mailboxes",
                "must hold at most \(ManualBulkRequest.maxBatchSize) mailboxes, got \(request.mailboxes.count)")
        }
        for (index, mailbox) in request.mailboxes.enumerated() {
            problems.add(manualMailbox(mailbox, path: "mailboxes[\(index)]"))
        }
        problems.duplicates(request.mailboxes.map(\.smtp_email)) { "mailboxes[\($0)].smtp_email" }
        for (index, type) in (request.completion_notification_types ?? []).enumerated() where !type.isKnown {
            problems.add(
                "completion_notification_types[\(index)]", "must be \(NotificationType.knownList), got \(type.rawValue)"
            )
        }
        return problems.items
    }

    /// The rules of one manual mailbox, reported under `path` (e.g. `mailboxes[3]`).
    public static func manualMailbox(_ mailbox: ManualMailbox, path: String) -> [ValidationProblem] {
        var problems = ProblemList()
        let p = path.isEmpty ? "" : path + "."
        problems.requiredEmail(mailbox.smtp_email, p + "smtp_email")
        problems.optionalText(mailbox.smtp_login, p + "smtp_login")
        problems.requiredText(mailbox.smtp_password, p + "smtp_password")
        problems.requiredText(mailbox.smtp_server, p + "smtp_server")
        problems.range(mailbox.smtp_port, 1...65535, p + "smtp_port", required: true)
        problems.optionalText(mailbox.smtp_from_name, p + "smtp_from_name")
        problems.requiredEmail(mailbox.imap_email, p + "imap_email")
        problems.requiredText(mailbox.imap_password, p + "imap_password")
        problems.requiredText(mailbox.imap_server, p + "imap_server")
        problems.range(mailbox.imap_port, 1...65535, p + "imap_port", required: true)
        problems.optionalText(mailbox.footer, p + "footer")
        problems.optionalEmail(mailbox.bcc, p + "bcc")
        problems.optionalDomain(mailbox.open_tracking_domain, p + "open_tracking_domain")
        problems.optionalDomain(mailbox.click_tracking_domain, p + "click_tracking_domain")
        problems.optionalDomain(mailbox.unsubscribe_tracking_domain, p + "unsubscribe_tracking_domain")
        let from = mailbox.sending_wait_time_from
        let to = mailbox.sending_wait_time_to
        problems.range(from, 10...9999, p + "sending_wait_time_from", required: false)
        problems.range(to, 20...9999, p + "sending_wait_time_to", required: false)
        switch (from, to) {
        case (.some, nil): problems.add(p + "sending_wait_time_from", "requires sending_wait_time_to")
        case (nil, .some): problems.add(p + "sending_wait_time_to", "requires sending_wait_time_from")
        case (let from?, let to?) where from >= to:
            problems.add(p + "sending_wait_time_from", "must be smaller than sending_wait_time_to (\(from) ≥ \(to))")
        default: break
        }
        problems.range(mailbox.daily_sending_limit, 1...5500, p + "daily_sending_limit", required: false)
        return problems.items
    }

    /// The rules of `POST mailboxes/microsoft/bulk`.
    public static func microsoftBulk(_ request: MicrosoftBulkRequest) -> [ValidationProblem] {
        var problems = ProblemList()
        if let type = request.auth_type, type != MicrosoftBulkRequest.appOnly {
            problems.add("auth_type", "must be \(MicrosoftBulkRequest.appOnly), got \(type)")
        }
        if let id = request.credential_id, id <= 0 { problems.add("credential_id", "must be a positive id, got \(id)") }
        if request.accounts.isEmpty { problems.add("accounts", "must hold at least one mailbox") }
        for (index, account) in request.accounts.enumerated() {
            problems.requiredEmail(account.mailbox_email, "accounts[\(index)].mailbox_email")
            problems.optionalText(account.display_name, "accounts[\(index)].display_name")
        }
        problems.duplicates(request.accounts.map(\.mailbox_email)) { "accounts[\($0)].mailbox_email" }
        return problems.items
    }
}
