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
        let emails = tenant.mailboxes.mapValues(\.details.email)
        var campaigns: [Int: SendingCampaign] = [:]
        var messages: [SentMessage] = []
        for id in tenant.campaignOrder {
            guard let campaign = tenant.campaigns[id] else { continue }
            let sending = SendingCampaign(
                campaign, mailboxEmails: emails, runs: tenant.campaignRuns[id] ?? RunHistory())
            campaigns[id] = sending
            messages += SendingRule.messages(sending, sendingEnrolments(tenant, campaignID: id), now: record.readyAt)
        }
        return ReportRows.rows(record.kind, messages: messages, campaigns: campaigns, fromDay: from, toDay: to)
    }

    /// THE SEAM the prospect store fills: the enrolments of a campaign for the sending rule.
    ///
    /// Until prospects are stored, only what ``setEnrolmentsForTesting(key:campaignID:_:)``
    /// gave. The prospect store should return one ``SendingEnrolment`` per prospect in the
    /// campaign, in the order they were added: its id, when it was added, its `send_after`, and
    /// `admitted` when its global status was ACTIVE when enrolled or its campaign status is ACTIVE.
    func sendingEnrolments(_ tenant: TenantState, campaignID: Int) -> [SendingEnrolment] {
        enrolmentsForTesting[tenant.number]?[campaignID] ?? []
    }

    /// Gives the sending rule `enrolments` for a campaign of the account of `key` (tests only,
    /// until the prospect store feeds ``sendingEnrolments(_:campaignID:)``).
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
