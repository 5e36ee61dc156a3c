/// A do-not-contact list as `GET /v1/dnc` lists it (docs/contract/saleshandy/dnc.md).
public struct SaleshandyDNCList: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var numberOfItems: Int?
    public var createdAt: String?
    public var updatedAt: String?
    public var createdBy: String?
    /// A number in the page's example; null for the account's own list.
    public var clientId: Int?
    public var total: String?
    public init(
        id: String, name: String, numberOfItems: Int?, createdAt: String?, updatedAt: String?, createdBy: String?,
        clientId: Int?, total: String?
    ) {
        self.id = id
        self.name = name
        self.numberOfItems = numberOfItems
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.createdBy = createdBy
        self.clientId = clientId
        self.total = total
    }
}

/// One email or domain on a do-not-contact list.
public struct SaleshandyDNCItem: Codable, Sendable, Hashable {
    public var id: String
    public var value: String
    /// `email` or `domain`.
    public var type: String
    public var createdAt: String?
    public init(id: String, value: String, type: String, createdAt: String?) {
        self.id = id
        self.value = value
        self.type = type
        self.createdAt = createdAt
    }
}

/// A list holding matches of a search, with its matching items.
public struct SaleshandyDNCMatch: Codable, Sendable, Hashable {
    public var id: String
    public var name: String
    public var dncItems: [SaleshandyDNCItem]
    public init(id: String, name: String, dncItems: [SaleshandyDNCItem]) {
        self.id = id
        self.name = name
        self.dncItems = dncItems
    }
}

/// The page of a search: `{dncList, meta}`.
public struct SaleshandyDNCSearch: Codable, Sendable, Hashable {
    /// Paging, as the item endpoints give it.
    public struct Meta: Codable, Sendable, Hashable {
        public var totalItems: Int?
        public var currentPage: Int?
        public var itemsPerPage: Int?
        public var totalPages: Int?
        public var itemCount: Int?
        public init(totalItems: Int?, currentPage: Int?, itemsPerPage: Int?, totalPages: Int?, itemCount: Int?) {
            self.totalItems = totalItems
            self.currentPage = currentPage
            self.itemsPerPage = itemsPerPage
            self.totalPages = totalPages
            self.itemCount = itemCount
        }
    }
    public var dncList: [SaleshandyDNCMatch]
    public var meta: Meta?
    public init(dncList: [SaleshandyDNCMatch], meta: Meta?) {
        self.dncList = dncList
        self.meta = meta
    }
}

/// The body of `POST /v1/dnc`: emails and domains for one list.
public struct SaleshandyDNCAdd: Codable, Sendable, Hashable {
    public var dncListId: String
    public var items: [String]
    public init(dncListId: String, items: [String]) {
        self.dncListId = dncListId
        self.items = items
    }
    /// The most items one request adds (a wps and sandbox choice; the vendor states none).
    public static let maxItems = 1000
}

/// What an add did: `{added, skipped}`.
public struct SaleshandyDNCAdded: Codable, Sendable, Hashable {
    public var added: Int
    public var skipped: Int
    public init(added: Int, skipped: Int) {
        self.added = added
        self.skipped = skipped
    }
}

extension Validation {
    /// Whether `value` is an email (`local@domain.tld`) or a domain (`domain.tld`) a list can hold.
    public static func isDNCValue(_ value: String) -> Bool {
        value.contains("@") ? isValidEmail(value) : isValidDomain(value)
    }

    /// The rules of `POST /v1/dnc`.
    public static func saleshandyDNCAdd(_ add: SaleshandyDNCAdd) -> [ValidationProblem] {
        var problems = ProblemList()
        problems.requiredText(add.dncListId, "dncListId")
        if add.items.isEmpty { problems.add("items", "must hold at least one email or domain") }
        if add.items.count > SaleshandyDNCAdd.maxItems {
            problems.add("items", "must hold at most \(SaleshandyDNCAdd.maxItems) items, got \(add.items.count)")
        }
        for (index, item) in add.items.enumerated() where !isDNCValue(item.trimmingCharacters(in: .whitespaces)) {
            problems.add("items[\(index)]", "must be an email or a domain, got '\(item)'")
        }
        return problems.items
    }
}
