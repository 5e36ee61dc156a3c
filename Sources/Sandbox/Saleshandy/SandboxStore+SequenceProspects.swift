import OutreachAPI

extension SandboxStore {
    /// `POST /v1/sequences/prospects/import-with-field-name` after decoding and validation: the
    /// step decides the sequence; an unknown step is refused (a dry run's overlay takes any).
    func importSaleshandyProspects(key: String, _ request: SaleshandyProspectImport) async throws -> String {
        let acceptsAny = acceptsAnyAccountID
        return try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) -> String in
            tenant.sequences.seedIfNeeded()
            let sequence = tenant.sequences.sequences.first { $0.steps.contains { $0.id == request.stepId } }
            guard let sequenceID = sequence?.id ?? (acceptsAny ? "overlay" : nil) else {
                throw SaleshandySandboxErrors.badRequest("stepId: step not found")
            }
            let lists = tenant.dncLists
            return tenant.sequenceProspects.run(request, into: sequenceID, at: now, blocked: lists.blocks)
        }
    }

    /// `GET /v1/prospects/import-status/{id}`: done once the processing delay has passed; the
    /// report's path when rows failed. Nil for an id this account does not have.
    func saleshandyImportStatus(key: String, id: String) async throws -> SaleshandyImportStatus? {
        let delay = processingDelay
        return try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> SaleshandyImportStatus? in
            guard let record = tenant.sequenceProspects.imports[id] else { return nil }
            let done = now >= record.submittedAt + delay
            let report = done && !record.failures.isEmpty ? "/v1/prospects/import-status/\(id)/report.csv" : nil
            return SaleshandyImportStatus(isCompleted: done, reportURL: report)
        }
    }

    /// The failed rows of an import, once it is done.
    func saleshandyImportFailures(key: String, id: String) async throws -> [[String]]? {
        let delay = processingDelay
        return try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> [[String]]? in
            guard let record = tenant.sequenceProspects.imports[id], now >= record.submittedAt + delay else {
                return nil
            }
            return record.failures
        }
    }

    /// `PATCH /v1/prospects/status`: each pair whose prospect is in the sequence changes; the
    /// others count as failed.
    func changeSaleshandyStatus(key: String, _ change: SaleshandyStatusChange) async throws -> SaleshandyStatusCounts {
        // A dry run's overlay cannot know the real account's prospects: it changes any pair.
        let acceptsAny = acceptsAnyAccountID
        return try await withTenant(key) {
            (tenant: inout TenantState, _: Double) throws(SandboxError) -> SaleshandyStatusCounts in
            var counts = SaleshandyStatusCounts(success: 0, failed: 0)
            for pair in change.prospectAndSequenceIds {
                guard let index = tenant.sequenceProspects.entries.firstIndex(where: { $0.id == pair.prospectId }),
                    tenant.sequenceProspects.entries[index].sequences[pair.sequenceId] != nil
                else {
                    if acceptsAny { counts.success += 1 } else { counts.failed += 1 }
                    continue
                }
                tenant.sequenceProspects.entries[index].sequences[pair.sequenceId] = change.status
                counts.success += 1
            }
            return counts
        }
    }

    /// `POST /v1/analytics/stats`: the sequence's prospects counted by their status there (the
    /// sandbox sends no Saleshandy email, so the email counts and the engagement ones are 0),
    /// prospect counts as strings as the page shows them.
    func saleshandyStats(key: String, sequenceID: String) async throws -> SaleshandySequenceStats {
        try await withTenant(key) {
            (tenant: inout TenantState, _: Double) throws(SandboxError) -> SaleshandySequenceStats in
            tenant.sequences.seedIfNeeded()
            guard let sequence = tenant.sequences.sequences.first(where: { $0.id == sequenceID }) else {
                throw SaleshandySandboxErrors.sequenceNotFound
            }
            let statuses = tenant.sequenceProspects.entries.compactMap { $0.sequences[sequenceID] }
            func count(_ status: String) -> Int { statuses.filter { $0 == status }.count }
            var counts: [String: JSONValue] = [:]
            for name in SaleshandySequenceStats.prospectCounts { counts[name] = .string("0") }
            counts["total"] = .string(String(statuses.count))
            counts["replied"] = .string(String(count("replied")))
            counts["unsubscribed"] = .string(String(count("unsubscribed")))
            counts["notContacted"] = .string(String(statuses.count))
            var emailStatus: [String: JSONValue] = [:]
            for name in SaleshandySequenceStats.emailStatuses { emailStatus[name] = .number(0) }
            return SaleshandySequenceStats(
                prospects: [counts], emails: .init(total: .number(0), status: emailStatus), sequenceId: sequence.id,
                sequenceName: sequence.title)
        }
    }

    /// `GET /v1/prospects`: a page of the account's prospects, oldest first (or `DESC`), matched by
    /// `search` in first name, last name or email.
    func saleshandyProspects(key: String, search: String?, pageSize: Int, page: Int, descending: Bool) async throws
        -> [JSONValue]
    {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> [JSONValue] in
            var entries = tenant.sequenceProspects.entries
            if let search = search?.lowercased(), !search.isEmpty {
                entries = entries.filter { entry in
                    ["Email", "First Name", "Last Name"].contains {
                        (entry.fields[$0] ?? "").lowercased().contains(search)
                    }
                }
            }
            if descending { entries.reverse() }
            let (start, overflow) = (page - 1).multipliedReportingOverflow(by: pageSize)
            guard !overflow, start < entries.count else { return [] }
            return entries[start..<min(entries.count, start + pageSize)].map { entry in
                let text = SandboxTime.v1Text(entry.createdAt)
                let attributes = entry.fields.keys.sorted().enumerated().map { index, name -> JSONValue in
                    .object([
                        ("id", .string("\(index + 1)")), ("key", .string(name)),
                        ("value", .string(entry.fields[name] ?? "")),
                    ])
                }
                let sequences = entry.sequences.keys.sorted().map { id -> JSONValue in
                    .object([("sequenceId", .string(id)), ("status", .string(entry.sequences[id] ?? ""))])
                }
                return .object([
                    ("id", .string(entry.id)), ("createdAt", .string(String(text.dropLast(5)) + ".000Z")),
                    ("email", .string(entry.fields["Email"] ?? "")), ("verificationStatus", .string("valid")),
                    ("attributes", .array(attributes)), ("sequences", .array(sequences)),
                ])
            }
        }
    }
}
