/// A prospect as `GET /v1/prospects` lists it (docs/contract/saleshandy/prospects.md).
public struct SaleshandyProspect: Codable, Sendable, Hashable {
    /// One field: its name (`First Name`) and value.
    public struct Attribute: Codable, Sendable, Hashable {
        public var id: String?
        public var key: String
        public var value: String?
    }
    /// A sequence it is in, with its status there (the sandbox gives these; the page's example
    /// stops before any such key).
    public struct Membership: Codable, Sendable, Hashable {
        public var sequenceId: String
        public var status: String?
    }

    public var id: String
    public var createdAt: String?
    public var email: String
    public var verificationStatus: String?
    public var attributes: [Attribute]?
    public var sequences: [Membership]?
}

/// `GET /v1/prospects`'s query.
public struct SaleshandyProspectQuery: Sendable, Hashable {
    public var search: String?
    /// 10, 20, 50 or 100.
    public var pageSize: Int?
    public var page: Int?
    /// `ASC` or `DESC` (by creation).
    public var sort: String?
    public init(search: String? = nil, pageSize: Int? = nil, page: Int? = nil, sort: String? = nil) {
        self.search = search
        self.pageSize = pageSize
        self.page = page
        self.sort = sort
    }

    /// The documented page sizes.
    public static let pageSizes = [10, 20, 50, 100]

    public var queryString: String {
        let items: [(String, String?)] = [
            ("search", search), ("pageSize", pageSize.map(String.init)), ("page", page.map(String.init)),
            ("sort", sort),
        ]
        let parts = items.compactMap { name, value in value.map { "\(name)=\(ProspectQuery.encode($0))" } }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}

/// The body of `PATCH /v1/prospects/status`: prospects' status in sequences.
public struct SaleshandyStatusChange: Codable, Sendable, Hashable {
    /// One prospect in one sequence.
    public struct Pair: Codable, Sendable, Hashable {
        public var prospectId: String
        public var sequenceId: String
        public init(prospectId: String, sequenceId: String) {
            self.prospectId = prospectId
            self.sequenceId = sequenceId
        }
    }
    public var prospectAndSequenceIds: [Pair]
    public var status: String
    public var pauseDelayInDays: Int?
    public init(prospectAndSequenceIds: [Pair], status: String, pauseDelayInDays: Int? = nil) {
        self.prospectAndSequenceIds = prospectAndSequenceIds
        self.status = status
        self.pauseDelayInDays = pauseDelayInDays
    }

    /// The statuses the page names.
    public static let statuses = ["replied", "finished", "paused", "unsubscribed", "active"]
}

/// How many pairs a status change changed, and how many it could not.
public struct SaleshandyStatusCounts: Codable, Sendable, Hashable {
    public var success: Int
    public var failed: Int
    public init(success: Int, failed: Int) {
        self.success = success
        self.failed = failed
    }
}

extension Validation {
    /// The rules of `PATCH /v1/prospects/status`.
    public static func saleshandyStatusChange(_ change: SaleshandyStatusChange) -> [ValidationProblem] {
        var problems = ProblemList()
        if change.prospectAndSequenceIds.isEmpty {
            problems.add("prospectAndSequenceIds", "must hold at least one prospect and sequence")
        }
        for (index, pair) in change.prospectAndSequenceIds.enumerated() {
            problems.requiredText(pair.prospectId, "prospectAndSequenceIds[\(index)].prospectId")
            problems.requiredText(pair.sequenceId, "prospectAndSequenceIds[\(index)].sequenceId")
        }
        if !SaleshandyStatusChange.statuses.contains(change.status) {
            problems.add(
                "status",
                "must be one of \(SaleshandyStatusChange.statuses.joined(separator: ", ")), got \(change.status)")
        }
        if let days = change.pauseDelayInDays {
            if change.status != "paused" { problems.add("pauseDelayInDays", "goes only with status paused") }
            problems.range(days, 1...365, "pauseDelayInDays", required: false)
        }
        return problems.items
    }

    /// The rules of `GET /v1/prospects`'s query.
    public static func saleshandyProspectQuery(_ query: SaleshandyProspectQuery) -> [ValidationProblem] {
        var problems = ProblemList()
        if let size = query.pageSize, !SaleshandyProspectQuery.pageSizes.contains(size) {
            problems.add("pageSize", "must be 10, 20, 50 or 100, got \(size)")
        }
        problems.range(query.page, 1...Int.max, "page", required: false)
        if let sort = query.sort, !["ASC", "DESC"].contains(sort) {
            problems.add("sort", "must be ASC or DESC, got \(sort)")
        }
        return problems.items
    }
}
