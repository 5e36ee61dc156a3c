extension Validation {
    /// The most prospects one request may carry.
    public static let maxProspectsPerRequest = 20_000
    /// The global and per-campaign statuses a prospect may be given.
    public static let prospectStatuses: Set<String> = [
        "ACTIVE", "BLACKLIST", "REPLIED", "BOUNCED", "INVALID", "AUTOREPLIED", "PAUSED",
    ]

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
        return problems + prospects(request.prospects)
    }

    static func prospects(_ prospects: [ProspectFields]) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if prospects.isEmpty { problems.append(ValidationProblem("prospects", "must hold at least one prospect")) }
        if prospects.count > maxProspectsPerRequest {
            problems.append(
                ValidationProblem(
                    "prospects",
                    "holds \(prospects.count) prospects; at most \(maxProspectsPerRequest) fit in one request"))
        }
        for (index, prospect) in prospects.enumerated() {
            problems += self.prospect(prospect, path: "prospects[\(index)]")
        }
        return problems
    }

    /// One prospect: a valid email, a known status.
    public static func prospect(_ prospect: ProspectFields, path: String) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        if isBlank(prospect.email) {
            problems.append(ValidationProblem("\(path).email", "must be provided"))
        } else if !isValidEmail(prospect.email) {
            problems.append(
                ValidationProblem("\(path).email", "must be a valid email address, got '\(prospect.email)'"))
        }
        if let status = prospect.status, !prospectStatuses.contains(status) {
            let known = prospectStatuses.sorted().joined(separator: ", ")
            problems.append(ValidationProblem("\(path).status", "must be one of \(known), got '\(status)'"))
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
