import OutreachAPI
import WPSLanguage

/// Which of the prospects a command names are in one campaign, and their status there, read
/// before anything is sent: `add_prospects_campaign` enrols a prospect that is not in the
/// campaign, so a command that means to change one in place sends only those found here.
///
/// A few prospects are looked up one by one (`GET /rest/v1/prospects?search=email=…` or `?id=…`,
/// with `campaigns_id`); more than ``perTargetLimit`` read the campaign's prospects, 1000 a page.
/// An id not in the campaign is looked up on its own, to name its email or say it does not exist.
struct CampaignMembership: Sendable {
    /// A prospect found in the campaign.
    struct Member: Sendable, Hashable {
        var id: Int
        var email: String
        /// `campaign_prospect_status`: `ACTIVE`, `PAUSED`, `REPLIED`, …
        var status: String
    }

    /// Up to this many targets are looked up one by one; more read the campaign's listing.
    static let perTargetLimit = 20

    let campaign: Int
    private(set) var byEmail: [String: Member] = [:]
    private(set) var byID: [Int: Member] = [:]
    /// Ids not in the campaign that exist, with their email.
    private(set) var outside: [Int: String] = [:]

    /// Looks `targets` up in `campaign`.
    static func read(
        _ targets: [ProspectReference], campaign: Int, session: Session, command: Command
    ) async throws -> CampaignMembership {
        var membership = CampaignMembership(campaign: campaign)
        func list(_ query: ProspectQuery) async throws -> ProspectPage {
            try await session.connection.send(Woodpecker.ListProspects(query), for: command)
        }
        if targets.count <= perTargetLimit {
            for target in targets {
                let query =
                    switch target {
                    case .email(let email):
                        ProspectQuery(per_page: 10, campaigns_id: [campaign], search: [(field: "email", value: email)])
                    case .id(let id): ProspectQuery(id: id, campaigns_id: [campaign])
                    }
                membership.add(try await list(query).prospects)
            }
        } else {
            var page = 1
            while true {
                let found = try await list(
                    ProspectQuery(page: page, per_page: ProspectQuery.maxPerPage, campaigns_id: [campaign]))
                membership.add(found.prospects)
                if found.prospects.count < ProspectQuery.maxPerPage { break }
                page += 1
            }
        }
        for case .id(let id) in targets where membership.byID[id] == nil {
            if let prospect = try await list(ProspectQuery(id: id)).prospects.first(where: { $0.id == id }) {
                membership.outside[id] = prospect.email
            }
        }
        return membership
    }

    private mutating func add(_ prospects: [ProspectRecord]) {
        for prospect in prospects {
            // The search matches parts of addresses too; only the campaign's own detail counts.
            guard let detail = prospect.campaigns_details?.first(where: { $0.campaign_id == campaign }) else {
                continue
            }
            let member = Member(id: prospect.id, email: prospect.email, status: detail.campaign_prospect_status)
            byEmail[prospect.email.lowercased()] = member
            byID[prospect.id] = member
        }
    }

    /// The member a target names, if it is in the campaign.
    func member(_ target: ProspectReference) -> Member? {
        switch target {
        case .email(let email): byEmail[email.lowercased()]
        case .id(let id): byID[id]
        }
    }

    /// What a target not in the campaign is: its record `{email, id, campaign_id, outcome}`, with
    /// `not in campaign` or (an id the account does not have) `no such prospect`.
    func absent(_ target: ProspectReference) -> Record {
        var record = Record()
        switch target {
        case .email(let email):
            record["email"] = .string(email)
            record["id"] = .null
        case .id(let id):
            record["email"] = outside[id].map(Value.string) ?? .null
            record["id"] = .int(id)
        }
        record["campaign_id"] = .int(campaign)
        record["code"] = .null
        if case .id(let id) = target, outside[id] == nil {
            record["outcome"] = .string("no such prospect")
            record["message"] = .string("the account has no prospect with id \(id): nothing sent")
        } else {
            record["outcome"] = .string("not in campaign")
            record["message"] = .string(
                "not in campaign \(campaign): nothing sent (the update would have enrolled it)")
        }
        return record
    }
}
