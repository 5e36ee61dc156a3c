import OutreachAPI

/// Which of an account's prospects a `GET /rest/v1/prospects` query matches, in its order
/// (docs/contract gaps 14–20), as positions in ``ProspectDatabase/records``.
///
/// With no filter and the default order (`id`) the positions are a range: a page is a slice.
/// Otherwise every record is checked once, and sorted when `sort` asks for another order; the
/// store keeps the result while the account's prospects are unchanged, so paging through it
/// costs one page per request.
struct ProspectListing: Sendable {
    /// The matching positions, in order.
    let positions: [Int]

    /// Whether `query` needs a scan (a filter or a sort other than by `id` ascending).
    static func needsScan(_ query: ProspectQuery) -> Bool {
        let plainSort = query.sort.map { ["id", "+id", " id"].contains($0) } ?? true
        return !plainSort || query.id != nil || query.status != nil || query.campaigns_id != nil
            || query.contacted != nil || query.interested != nil || query.activity != nil || query.search != nil
    }

    /// What identifies a query's matches (everything but paging and `campaigns_details`).
    static func signature(_ query: ProspectQuery) -> String {
        var plain = query
        plain.page = nil
        plain.per_page = nil
        plain.campaigns_details = nil
        return plain.queryString
    }

    init(_ query: ProspectQuery, in tenant: TenantState) {
        let records = tenant.prospects.records
        var matches: [Int]
        if let id = query.id {
            matches = tenant.prospects.position(of: id).map { [$0] } ?? []
        } else {
            matches = Array(records.indices)
        }
        let campaigns = query.campaigns_id.map { ids in ids.compactMap { tenant.enrolments[$0] } }
        if let campaigns {
            var members = Set<Int>()
            for campaign in campaigns { members.formUnion(campaign.order) }
            matches = matches.filter { members.contains(records[$0].id) }
        }
        if let status = query.status { matches = matches.filter { records[$0].status == status } }
        if let contacted = query.contacted {
            matches = matches.filter { (records[$0].lastContacted != nil) == contacted }
        }
        if let interested = query.interested {
            var members = Set<Int>()
            for campaign in campaigns ?? Array(tenant.enrolments.values) {
                for enrolment in campaign.byProspect.values where enrolment.interested == interested {
                    members.insert(enrolment.prospectID)
                }
            }
            matches = matches.filter { members.contains(records[$0].id) }
        }
        // The sandbox sends no mail: no prospect has opened or clicked.
        if query.activity != nil { matches = [] }
        if let search = query.search, !search.isEmpty {
            let filter = ProspectSearch(search)
            matches = matches.filter { filter.matches(records[$0]) }
        }
        if let sort = query.sort {
            ProspectSort(sort).order(&matches, records)
        }
        positions = matches
    }
}
