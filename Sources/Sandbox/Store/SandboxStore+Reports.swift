import OutreachAPI

extension SandboxStore {
    /// `POST /rest/v2/reports/{kind}` after decoding: checks the period against the sandbox
    /// clock's UTC date (docs/contract gap 28) and records the report, ready after the
    /// processing delay (gap 26).
    func requestReport(key: String, kind: ReportKind, period: ReportPeriod) async throws -> ReportHash {
        let tenantID = Self.tenantID(for: key)
        return try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> ReportHash in
            let problems = Validation.reportPeriod(period, today: Self.utcDate(of: now))
            guard problems.isEmpty else { throw SandboxError.reportInput(problems.map(\.description)) }
            let hash = ReportRecord.hash(
                tenantID: tenantID, sequence: tenant.reports.count, kind: kind, period: period)
            tenant.reports[hash] = ReportRecord(
                hash: hash, kind: kind, period: period, requestedAt: now, readyAt: now + processingDelay)
            return ReportHash(hash: hash)
        }
    }

    /// `GET /rest/v2/reports/{hash}`: `IN_PROGRESS` until ready, then `READY` with the rows,
    /// computed on the first fetch as of the moment the report became ready (`readyAt`), and kept.
    func report(key: String, hash: String) async throws -> ReportAnswer {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) -> ReportAnswer in
            guard var record = tenant.reports[hash] else { throw SandboxError.reportNotFound }
            // Once computed, a report stays ready (a restarted sandbox's clock may be behind).
            guard record.rows != nil || now >= record.readyAt else { return ReportAnswer(status: "IN_PROGRESS") }
            if record.rows == nil {
                record.rows = reportRows(record, in: tenant)
                tenant.reports[hash] = record
            }
            return ReportAnswer(status: "READY", report: .init(description: record.description, data: record.data))
        }
    }

    /// The rows of `record`, from the messages every campaign of the account sent up to the
    /// moment the report became ready.
    func reportRows(_ record: ReportRecord, in tenant: TenantState) -> [[JSONValue]] {
        guard let from = Validation.dayNumber(record.period.from), let to = Validation.dayNumber(record.period.to)
        else { return [] }
        let sending = accountSending(tenant, now: record.readyAt)
        return ReportRows.rows(
            record.kind, messages: sending.messages, campaigns: sending.campaigns, fromDay: from, toDay: to)
    }

    /// What every campaign of the account has sent up to `now` (to the prospects of `only`, when
    /// given: worked out for all, as they share their mailboxes' and campaigns' days).
    func accountSending(_ tenant: TenantState, now: Double, only: Set<Int>? = nil) -> AccountSending {
        let emails = tenant.mailboxes.mapValues(\.details.email)
        var mailboxes: [String: SendingMailbox] = [:]
        let campaigns = tenant.campaignOrder.compactMap { id in
            tenant.campaigns[id].map { campaign in
                for mailboxID in campaign.email_account_ids {
                    let rule = tenant.mailboxes[mailboxID].map(SendingMailbox.init) ?? .connected(String(mailboxID))
                    if mailboxes[rule.email] == nil { mailboxes[rule.email] = rule }
                }
                return SendingCampaign(campaign, mailboxEmails: emails, runs: tenant.campaignRuns[id] ?? RunHistory())
            }
        }
        let sending = AccountSending(
            campaigns, enrolments: { sendingEnrolments(tenant, campaignID: $0) }, mailboxes: mailboxes, now: now)
        guard let only else { return sending }
        return sending.keeping(only)
    }

    /// What sending did to each prospect of the account (or of `only`) up to `now`, by prospect
    /// id (empty, without work, while no campaign of the account has run).
    func prospectActivity(_ tenant: TenantState, now: Double, only: Set<Int>? = nil) -> [Int: ProspectActivity] {
        guard tenant.campaignRuns.values.contains(where: { $0.firstStart != nil }) else { return [:] }
        return ProspectActivity.byProspect(accountSending(tenant, now: now, only: only).messages)
    }

    /// The enrolments of a campaign for the sending rule, in the order they were added: each
    /// prospect's id, when it was added, its `send_after`, whether it may be written to (ACTIVE
    /// in the database, ACTIVE or PAUSED in the campaign) and when it was paused; then any a test added
    /// (``setEnrolmentsForTesting(key:campaignID:_:)``).
    func sendingEnrolments(_ tenant: TenantState, campaignID: Int) -> [SendingEnrolment] {
        var result: [SendingEnrolment] = []
        if let enrolments = tenant.enrolments[campaignID] {
            result.reserveCapacity(enrolments.order.count)
            for id in enrolments.order {
                guard let enrolment = enrolments[id] else { continue }
                // Written to only while ACTIVE in the campaign and in the database: a prospect
                // admitted with `force` (BLACKLIST, BOUNCED, …) is enrolled but never mailed. One
                // PAUSED there was sent to until its pause (its `pauses` hold the rest).
                let status = tenant.prospects.prospect(id)?.status ?? "ACTIVE"
                let inCampaign = Validation.campaignProspectStatuses.contains(enrolment.status)
                result.append(
                    SendingEnrolment(
                        prospectID: id, enrolledAt: enrolment.added, sendAfter: enrolment.sendAfter,
                        admitted: inCampaign && status == "ACTIVE", pauses: enrolment.pauses))
            }
        }
        return result + (enrolmentsForTesting[tenant.number]?[campaignID] ?? [])
    }

    /// Adds `enrolments` to what the sending rule sees for a campaign of the account of `key`
    /// (tests of the rule, without importing prospects; never persisted).
    func setEnrolmentsForTesting(key: String, campaignID: Int, _ enrolments: [SendingEnrolment]) async throws {
        let number = try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) in
            tenant.number
        }
        enrolmentsForTesting[number, default: [:]][campaignID] = enrolments
    }

    /// `YYYY-MM-DD` of a sandbox-clock moment, in UTC.
    static func utcDate(of time: Double) -> String {
        Validation.date(ofDay: Int((time / Double(DeliverySchedule.secondsPerDay)).rounded(.down)))
    }
}
