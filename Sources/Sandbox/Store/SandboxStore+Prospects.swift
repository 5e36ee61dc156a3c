import OutreachAPI

extension SandboxStore {
    /// `POST /rest/v1/add_prospects_list` and `add_prospects_campaign` after decoding: one result
    /// per prospect, in request order. An unknown campaign (or another account's) answers
    /// `E_RECORD_NOT_FOUND` before anything is stored; every campaign status accepts prospects.
    func importProspects(key: String, _ request: ProspectImport) async throws -> ProspectBulkResponse {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) in
            if let campaign = request.campaign?.campaignID, tenant.campaigns[campaign] == nil {
                throw SandboxError.v1(.recordNotFound, "campaign.campaign_id: campaign \(campaign) not found")
            }
            var importer = ProspectImporter(
                request: request, now: now, nextID: counters.prospect,
                sendingStatuses: request.campaign == nil ? [:] : sendingStatuses(of: request, in: tenant, now: now))
            let results = importer.run(on: &tenant)
            counters.prospect = importer.nextID
            return ProspectBulkResponse(prospects: results)
        }
    }

    /// The global statuses sending gave the prospects of `request` already in the database, by
    /// id (only those it changed): what the campaign admission checks beside the stored status.
    func sendingStatuses(of request: ProspectImport, in tenant: TenantState, now: Double) -> [Int: String] {
        var ids = Set<Int>()
        for entry in request.prospects {
            guard let email = entry.email else { continue }
            let key = email.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
            if let id = tenant.prospects.id(ofKey: key) { ids.insert(id) }
        }
        guard !ids.isEmpty else { return [:] }
        return prospectActivity(tenant, now: now, only: ids).compactMapValues(\.status)
    }

    /// `GET /rest/v1/prospects` after parsing and validation: one page of records and the number
    /// of all matches (`X-Total-Count`).
    func listProspects(key: String, _ query: ProspectQuery) async throws -> (records: [ProspectRecord], total: Int) {
        let tenantID = Self.tenantID(for: key)
        return try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) in
            let perPage = query.per_page ?? ProspectQuery.defaultPerPage
            let start = ((query.page ?? 1) - 1).multipliedReportingOverflow(by: perPage)
            // What sending did so far: it changes as the clock moves while a campaign has run.
            // Worked out for every prospect where the query filters or sorts, else for the page's.
            let scans = ProspectListing.needsScan(query)
            var activity = scans ? prospectActivity(tenant, now: now) : [:]
            let activityStamp = activity.isEmpty ? 0 : now
            // Nil: every record, in id order.
            var positions: [Int]?
            if scans {
                let signature = ProspectListing.signature(query)
                if let cached = listings[tenantID], cached.signature == signature,
                    cached.revision == tenant.prospectRevision, cached.activityStamp == activityStamp
                {
                    positions = cached.listing.positions
                } else {
                    let listing = ProspectListing(query, in: tenant, activity: activity)
                    listings[tenantID] = (signature, tenant.prospectRevision, activityStamp, listing)
                    positions = listing.positions
                }
            }
            let total = positions?.count ?? tenant.prospects.count
            guard !start.overflow, start.partialValue < total else { return ([], total) }
            let end = min(total, start.partialValue + perPage)
            let withDetails = query.campaigns_details == true || query.campaigns_id != nil
            let records = tenant.prospects.records
            if !scans {
                activity = prospectActivity(
                    tenant, now: now, only: Set((start.partialValue..<end).map { records[$0].id }))
            }
            var page: [ProspectRecord] = []
            page.reserveCapacity(end - start.partialValue)
            for offset in start.partialValue..<end {
                let prospect = records[positions?[offset] ?? offset]
                let done = activity[prospect.id]
                page.append(
                    prospect.applying(done).record(
                        details: withDetails
                            ? Self.details(of: prospect.id, in: tenant, only: query.campaigns_id, activity: done) : nil
                    ))
            }
            return (page, total)
        }
    }

    /// The campaigns a prospect is in (only those of `campaigns`, when given), for records (gap 20),
    /// with what sending did to it there.
    static func details(
        of prospectID: Int, in tenant: TenantState, only campaigns: [Int]?, activity: ProspectActivity?
    ) -> [ProspectRecord.CampaignDetail] {
        var seen = Set<Int>()
        return (campaigns ?? tenant.campaignOrder).compactMap { campaignID in
            guard seen.insert(campaignID).inserted, let campaign = tenant.campaigns[campaignID],
                let enrolment = tenant.enrolments[campaignID]?[prospectID]
            else { return nil }
            return ProspectRecord.CampaignDetail(
                campaign_id: campaignID, campaign_name: campaign.name, campaign_status: campaign.status.rawValue,
                campaign_prospect_status: enrolment.status == "ACTIVE"
                    ? activity?.campaigns[campaignID]?.status ?? enrolment.status : enrolment.status,
                interested: enrolment.interested ?? activity?.campaigns[campaignID]?.interest,
                campaign_email: campaign.email_account_ids.first.flatMap { tenant.mailboxes[$0]?.details.email })
        }
    }
}
