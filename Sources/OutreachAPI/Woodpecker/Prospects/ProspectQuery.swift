/// The query of `GET /rest/v1/prospects`: paging, sort and filters (docs/contract/prospects_list.md,
/// gaps 14–18). Nil leaves a parameter out.
public struct ProspectQuery: Sendable, Hashable {
    /// The statuses the `status` filter and `prospects[].status` take (gap 8).
    public static let statuses = ["ACTIVE", "BLACKLIST", "BOUNCED", "INVALID", "REPLIED"]
    /// The values of `interested` (gap 17).
    public static let interestLevels = ["INTERESTED", "NOT_INTERESTED", "MAYBE_LATER"]
    /// The values of `activity`.
    public static let activities = ["OPENED", "CLICKED"]
    /// The largest `per_page`.
    public static let maxPerPage = 1000
    /// `per_page` when none is given.
    public static let defaultPerPage = 100

    public var page: Int?
    public var per_page: Int?
    /// `+company,-last_contacted`; a field without a sign sorts ascending.
    public var sort: String?
    public var id: Int?
    public var status: String?
    public var campaigns_id: [Int]?
    public var campaigns_details: Bool?
    public var contacted: Bool?
    public var interested: String?
    public var activity: String?
    /// `field=value` pairs; AND across fields, OR within one.
    public var search: [(field: String, value: String)]?

    public init(
        page: Int? = nil, per_page: Int? = nil, sort: String? = nil, id: Int? = nil, status: String? = nil,
        campaigns_id: [Int]? = nil, campaigns_details: Bool? = nil, contacted: Bool? = nil, interested: String? = nil,
        activity: String? = nil, search: [(field: String, value: String)]? = nil
    ) {
        self.page = page
        self.per_page = per_page
        self.sort = sort
        self.id = id
        self.status = status
        self.campaigns_id = campaigns_id
        self.campaigns_details = campaigns_details
        self.contacted = contacted
        self.interested = interested
        self.activity = activity
        self.search = search
    }

    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.items == rhs.items }
    public func hash(into hasher: inout Hasher) { hasher.combine(items.map { "\($0.name)=\($0.value)" }) }

    /// The parameters in a fixed order, unencoded.
    public var items: [QueryItem] {
        var items: [QueryItem] = []
        func add(_ name: String, _ value: String?) {
            if let value { items.append(QueryItem(name: name, value: value)) }
        }
        add("page", page.map(String.init))
        add("per_page", per_page.map(String.init))
        add("sort", sort)
        add("id", id.map(String.init))
        add("status", status)
        add("campaigns_id", campaigns_id.map { $0.map(String.init).joined(separator: ",") })
        add("campaigns_details", campaigns_details.map { $0 ? "true" : "false" })
        add("contacted", contacted.map { $0 ? "true" : "false" })
        add("interested", interested)
        add("activity", activity)
        add("search", search.map { $0.map { "\($0.field)=\($0.value)" }.joined(separator: ",") })
        return items
    }

    /// `?page=2&per_page=1000&sort=%2Bcompany`, percent-encoded (`+` as `%2B`), or "" when empty.
    public var queryString: String {
        let parts = items.map { "\($0.name)=\(Self.encode($0.value))" }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }

    /// Percent-encodes everything but unreserved characters (RFC 3986).
    public static func encode(_ text: String) -> String {
        var result = ""
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"),
                UInt8(ascii: "~"), UInt8(ascii: ","), UInt8(ascii: "="):
                result.unicodeScalars.append(Unicode.Scalar(byte))
            default:
                let hex = String(byte, radix: 16, uppercase: true)
                result += "%" + (hex.count == 1 ? "0" + hex : hex)
            }
        }
        return result
    }
}

/// One `name=value` query parameter.
public struct QueryItem: Sendable, Hashable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// One page of `GET /rest/v1/prospects`: its records (none on a `204`) and `X-Total-Count`, the
/// number of all matching records.
public struct ProspectPage: Sendable, Hashable, Decodable {
    public var prospects: [ProspectRecord]
    public var total: Int?
    public init(prospects: [ProspectRecord], total: Int?) {
        self.prospects = prospects
        self.total = total
    }
    public init(from decoder: any Decoder) throws {
        prospects = try [ProspectRecord](from: decoder)
        total = nil
    }
}
