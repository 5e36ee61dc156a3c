import OutreachAPI

extension SandboxStore {
    /// `GET /v1/sequences`: the tenant's sequences, filtered by title and paged.
    func saleshandySequences(key: String, _ query: SaleshandySequenceQuery) async throws -> [SaleshandySequence] {
        try await withTenant(key) {
            (tenant: inout TenantState, _: Double) throws(SandboxError) -> [SaleshandySequence] in
            tenant.sequences.seedIfNeeded()
            var records = tenant.sequences.sequences
            if let name = query.sequenceName?.lowercased(), !name.isEmpty {
                records = records.filter { $0.title.lowercased().contains(name) }
            }
            if query.sortBy == "sequence.title" { records.sort { $0.title < $1.title } }
            if query.sort == "DESC" { records.reverse() }
            let size = query.pageSize ?? 100
            // A page past the end (any page number, however large) is empty.
            let (start, overflow) = ((query.page ?? 1) - 1).multipliedReportingOverflow(by: size)
            let page =
                !overflow && start < records.count ? Array(records[start..<min(records.count, start + size)]) : []
            return page.map { record in
                SaleshandySequence(
                    id: record.id, title: record.title, active: record.active,
                    steps: record.steps.map { .init(id: $0.id, name: $0.name) },
                    user: .init(id: tenant.number, firstName: "Sandbox", lastName: "User", email: "owner@example.com"))
            }
        }
    }

    /// `GET /v1/sequences/{id}/steps`.
    func saleshandySteps(key: String, sequenceID: String) async throws -> [SaleshandyStep] {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> [SaleshandyStep] in
            tenant.sequences.seedIfNeeded()
            guard let record = tenant.sequences.sequences.first(where: { $0.id == sequenceID }) else {
                throw SaleshandySandboxErrors.sequenceNotFound
            }
            return record.steps
        }
    }

    /// `POST /v1/sequences/{id}/steps` after decoding and validation.
    func addSaleshandyStep(key: String, sequenceID: String, _ request: SaleshandyStepRequest) async throws
        -> SaleshandyStep
    {
        let acceptsAny = acceptsAnyAccountID
        return try await withTenant(key) {
            (tenant: inout TenantState, _: Double) throws(SandboxError) -> SaleshandyStep in
            tenant.sequences.seedIfNeeded()
            var index = tenant.sequences.sequences.firstIndex { $0.id == sequenceID }
            if index == nil, acceptsAny { index = tenant.sequences.placeholder(sequenceID) }
            guard let index else { throw SaleshandySandboxErrors.sequenceNotFound }
            return try tenant.sequences.add(request, toSequenceAt: index)
        }
    }
}
