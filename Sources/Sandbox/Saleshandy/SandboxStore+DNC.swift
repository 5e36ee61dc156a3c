import OutreachAPI

extension SandboxStore {
    /// `GET /v1/dnc`: the lists whose name contains `search`.
    func saleshandyDNCLists(key: String, search: String?) async throws -> [SaleshandyDNCList] {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> [SaleshandyDNCList] in
            tenant.dncLists.seedIfNeeded(at: now)
            return tenant.dncLists.lists.filter { list in
                search.map { $0.isEmpty || list.name.lowercased().contains($0.lowercased()) } ?? true
            }.map { list in
                SaleshandyDNCList(
                    id: list.id, name: list.name, numberOfItems: list.items.count,
                    createdAt: DNCBook.text(list.createdAt), updatedAt: DNCBook.text(list.updatedAt),
                    createdBy: "Sandbox User",
                    clientId: nil, total: String(list.items.count))
            }
        }
    }

    /// `GET /v1/dnc/item/search`: the lists holding an item that contains `search`, with those items.
    func searchSaleshandyDNC(key: String, search: String, type: String) async throws -> [SaleshandyDNCMatch] {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> [SaleshandyDNCMatch] in
            tenant.dncLists.seedIfNeeded(at: now)
            let wanted = search.lowercased()
            return tenant.dncLists.lists.compactMap { list in
                let items = list.items.filter { $0.value.contains(wanted) && (type == "all" || $0.type == type) }
                return items.isEmpty ? nil : SaleshandyDNCMatch(id: list.id, name: list.name, dncItems: items)
            }
        }
    }

    /// `POST /v1/dnc` after decoding and validation.
    func addToSaleshandyDNC(key: String, _ add: SaleshandyDNCAdd) async throws -> SaleshandyDNCAdded {
        try await withTenant(key) {
            (tenant: inout TenantState, now: Double) throws(SandboxError) -> SaleshandyDNCAdded in
            tenant.dncLists.seedIfNeeded(at: now)
            guard let index = tenant.dncLists.lists.firstIndex(where: { $0.id == add.dncListId }) else {
                throw SaleshandySandboxErrors.badRequest("Failed to add dnc item: no list \(add.dncListId)")
            }
            return tenant.dncLists.add(add.items, toListAt: index, at: now)
        }
    }
}
