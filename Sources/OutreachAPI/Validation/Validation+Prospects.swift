extension Validation {
    /// The most prospects one request may carry.
    public static let maxProspectsPerRequest = 20_000
    /// The global statuses a prospect may be given (docs/contract gap 8). `AUTOREPLIED` is a
    /// status inside a campaign, set by Woodpecker, never sent.
    public static let prospectStatuses = Set(ProspectQuery.statuses)
    /// The statuses a prospect may be given **in a campaign**, by `add_prospects_campaign` with
    /// `update: true` (docs/contract/inbox.md, proposal 9): `PAUSED` stops its follow-ups there,
    /// `ACTIVE` resumes them.
    public static let campaignProspectStatuses = ["ACTIVE", "PAUSED"]

    /// The statuses `prospects[].status` takes: the global ones, and with `campaignUpdate`
    /// (`add_prospects_campaign` with `update: true`) `PAUSED` too, in the order help lists them.
    /// The one rule the client's checks and the sandbox both apply.
    public static func prospectStatuses(campaignUpdate: Bool) -> [String] {
        campaignUpdate ? ProspectQuery.statuses + ["PAUSED"] : ProspectQuery.statuses
    }
    /// The fields `sort` takes; `last_opened`, `last_clicked` and `sent_mails` only with `activity`.
    public static let prospectSortFields: Set<String> = Set(
        [
            "id", "status", "updated", "email", "last_contacted", "last_replied", "first_name", "last_name", "company",
            "organization_id", "industry", "website", "tags", "title", "phone", "address", "city", "state", "country",
        ]
            + (1...4).flatMap { ["snipet\($0)", "snippet\($0)"] } + (5...15).map { "snippet\($0)" })
    /// The sort fields that need an `activity` filter, with the activities that admit them.
    public static let prospectActivitySortFields: [String: Set<String>] = [
        "last_opened": ["OPENED"], "last_clicked": ["CLICKED"], "sent_mails": ["OPENED", "CLICKED"],
    ]
    /// The fields `search` takes.
    public static let prospectSearchFields: Set<String> = Set(
        [
            "email", "first_name", "last_name", "company", "organization_id", "industry", "website", "tags", "title",
            "phone", "address", "city", "state", "country",
        ]
            + (1...4).flatMap { ["snipet\($0)", "snippet\($0)"] } + (5...15).map { "snippet\($0)" })

    /// `GET /rest/v1/prospects`: page ≥ 1, per_page 1…1000, known statuses, interest levels,
    /// activities, sort and search fields (gaps 14, 16–18).
    public static func prospectQuery(_ query: ProspectQuery) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if let page = query.page, page < 1 {
            problems.append(ValidationProblem("page", "must be 1 or more, got \(page)"))
        }
        if let perPage = query.per_page, !(1...ProspectQuery.maxPerPage).contains(perPage) {
            problems.append(
                ValidationProblem("per_page", "must be between 1 and \(ProspectQuery.maxPerPage), got \(perPage)"))
        }
        func oneOf(_ name: String, _ value: String?, _ allowed: [String]) {
            if let value, !allowed.contains(value) {
                problems.append(
                    ValidationProblem(name, "must be one of \(allowed.joined(separator: ", ")), got '\(value)'"))
            }
        }
        oneOf("status", query.status, ProspectQuery.statuses)
        oneOf("interested", query.interested, ProspectQuery.interestLevels)
        oneOf("activity", query.activity, ProspectQuery.activities)
        if let sort = query.sort { problems += prospectSort(sort, activity: query.activity).map { [$0] } ?? [] }
        for (field, _) in query.search ?? [] where !prospectSearchFields.contains(field) {
            problems.append(ValidationProblem("search", "cannot search by '\(field)'"))
        }
        return problems
    }

    /// The problem with a `sort` value (`+company,-last_contacted`), or nil. A leading space is a
    /// `+` that the query string decoded.
    public static func prospectSort(_ sort: String, activity: String?) -> ValidationProblem? {
        var seen = Set<String>()
        for item in sort.split(separator: ",", omittingEmptySubsequences: false) {
            var field = Substring(item)
            if let sign = field.first, sign == "+" || sign == "-" || sign == " " { field = field.dropFirst() }
            let name = String(field)
            if name.isEmpty { return ValidationProblem("sort", "has an empty item in '\(sort)'") }
            if !seen.insert(name).inserted { return ValidationProblem("sort", "names '\(name)' twice") }
            if let activities = prospectActivitySortFields[name] {
                guard let activity, activities.contains(activity) else {
                    let needed = activities.sorted().joined(separator: " or ")
                    return ValidationProblem("sort", "'\(name)' sorts only with activity=\(needed)")
                }
            } else if !prospectSortFields.contains(name) {
                return ValidationProblem("sort", "cannot sort by '\(name)'")
            }
        }
        return nil
    }

    /// `add_prospects_list`: 1…20,000 prospects, each with a valid email.
    public static func prospectList(_ request: ProspectListRequest) -> [ValidationProblem] {
        prospects(request.prospects)
    }

    /// `add_prospects_campaign`: a campaign id, `send_after` as ISO 8601 with an offset, and the
    /// prospects' rules.
    public static func prospectCampaign(_ request: ProspectCampaignRequest) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if request.campaign.campaign_id <= 0 {
            problems.append(
                ValidationProblem(
                    "campaign.campaign_id",
                    "must be a campaign id (a positive integer), got \(request.campaign.campaign_id)"))
        }
        if let after = request.campaign.send_after, !isISODateTimeWithOffset(after) {
            problems.append(
                ValidationProblem(
                    "campaign.send_after",
                    "must be a date-time with an offset such as 2025-04-01T00:01:01-0000, got '\(after)'"))
        }
        return problems + prospects(request.prospects, campaignUpdate: request.update == true)
    }

    static func prospects(_ prospects: [ProspectFields], campaignUpdate: Bool = false) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if prospects.isEmpty { problems.append(ValidationProblem("prospects", "must hold at least one prospect")) }
        if prospects.count > maxProspectsPerRequest {
            problems.append(
                ValidationProblem(
                    "prospects",
                    "holds \(prospects.count) prospects; at most \(maxProspectsPerRequest) fit in one request"))
        }
        for (index, prospect) in prospects.enumerated() {
            // The path is written only for a prospect with problems: most have none.
            let found = self.prospect(prospect, path: "", campaignUpdate: campaignUpdate)
            guard !found.isEmpty else { continue }
            let path = "prospects[\(index)]"
            problems += found.map { ValidationProblem(path + $0.path, $0.message) }
        }
        return problems
    }

    /// One prospect: a valid email, a known status (with `campaignUpdate`, `PAUSED` too: see
    /// ``prospectStatuses(campaignUpdate:)``), a known interest level.
    public static func prospect(_ prospect: ProspectFields, path: String, campaignUpdate: Bool = false)
        -> [ValidationProblem]
    {
        var problems: [ValidationProblem] = []
        if isBlank(prospect.email) {
            problems.append(ValidationProblem("\(path).email", "must be provided"))
        } else if !isValidEmail(prospect.email) {
            problems.append(
                ValidationProblem("\(path).email", "must be a valid email address, got '\(prospect.email)'"))
        }
        let statuses = prospectStatuses(campaignUpdate: campaignUpdate)
        if let status = prospect.status, !statuses.contains(status) {
            let known = statuses.joined(separator: ", ")
            let paused =
                status == "PAUSED" ? " (PAUSED is a status in a campaign: add_prospects_campaign with update)" : ""
            problems.append(ValidationProblem("\(path).status", "must be one of \(known), got '\(status)'\(paused)"))
        }
        if let interested = prospect.interested, !ProspectQuery.interestLevels.contains(interested) {
            let known = ProspectQuery.interestLevels.joined(separator: ", ")
            problems.append(ValidationProblem("\(path).interested", "must be one of \(known), got '\(interested)'"))
        }
        return problems
    }

    /// `2025-04-01T00:01:01-0000`, `…+02:00`, `…Z`: a date, a time with seconds, and an offset.
    public static func isISODateTimeWithOffset(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20 else { return false }
        func digits(_ range: Range<Int>) -> Int? {
            guard range.upperBound <= bytes.count, range.allSatisfy({ (48...57).contains(bytes[$0]) }) else {
                return nil
            }
            return Int(String(decoding: bytes[range], as: UTF8.self))
        }
        guard digits(0..<4) != nil, bytes[4] == 45, let month = digits(5..<7), bytes[7] == 45, let day = digits(8..<10),
            bytes[10] == 84, let hour = digits(11..<13), bytes[13] == 58, let minute = digits(14..<16), bytes[16] == 58,
            let second = digits(17..<19), (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60,
            second < 61
        else { return false }
        let offset = bytes[19...]
        if offset.elementsEqual("Z".utf8) { return true }
        guard let sign = offset.first, sign == 43 || sign == 45 else { return false }
        let rest = Array(offset.dropFirst())
        let plain = rest.count == 4 && rest.allSatisfy { (48...57).contains($0) }
        let colon =
            rest.count == 5 && rest[2] == 58 && (rest[0..<2] + rest[3..<5]).allSatisfy { (48...57).contains($0) }
        return plain || colon
    }
}
