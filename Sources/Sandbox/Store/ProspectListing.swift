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

    /// The matches of `query` among the account's prospects as sending left them (`activity`).
    init(_ query: ProspectQuery, in tenant: TenantState, activity: [Int: ProspectActivity] = [:]) {
        let records =
            activity.isEmpty ? tenant.prospects.records : tenant.prospects.records.map { $0.applying(activity[$0.id]) }
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
            for campaignID in query.campaigns_id ?? Array(tenant.enrolments.keys) {
                guard let campaign = tenant.enrolments[campaignID] else { continue }
                for enrolment in campaign.byProspect.values
                where (enrolment.interested ?? activity[enrolment.prospectID]?.campaigns[campaignID]?.interest)
                    == interested
                {
                    members.insert(enrolment.prospectID)
                }
            }
            matches = matches.filter { members.contains(records[$0].id) }
        }
        // Opened or clicked: in any campaign, as sending worked it out.
        switch query.activity {
        case "OPENED"?: matches = matches.filter { activity[records[$0].id]?.lastOpened != nil }
        case "CLICKED"?: matches = matches.filter { activity[records[$0].id]?.lastClicked != nil }
        default: break
        }
        if let search = query.search, !search.isEmpty {
            let filter = ProspectSearch(search)
            matches = matches.filter { filter.matches(records[$0]) }
        }
        if let sort = query.sort {
            ProspectSort(sort).order(&matches, records, activity: activity)
        }
        positions = matches
    }
}
