import Foundation

/// The query of `GET /rest/v2/inbox/messages` (docs/contract/inbox.md): the filters, the page
/// size and the cursor. Nil leaves a parameter out.
///
/// ```swift
/// InboxQuery(prospect_status: "RESPONDED", campaign_ids: [777001], per_page: 50).queryString
/// // ?prospect_status=RESPONDED&campaign_ids=777001&per_page=50
/// ```
public struct InboxQuery: Sendable, Hashable {
    /// The values of `prospect_status`.
    public static let statuses = ["RESPONDED", "AUTOREPLIED", "BOUNCED", "BLACKLISTED", "OPT_OUT"]
    /// The values of `prospect_interest_level`.
    public static let interestLevels = ["INTERESTED", "MAYBE_LATER", "NOT_INTERESTED", "NOT_MARKED"]
    /// The largest `per_page`.
    public static let maxPerPage = 50
    /// `per_page` when none is given.
    public static let defaultPerPage = 10
    /// At most this many search phrases …
    public static let maxSearchPhrases = 20
    /// … each at least this many characters.
    public static let minSearchPhraseLength = 3
    /// The filters of which at most one may be given.
    public static let exclusiveFilters = ["prospect_status", "prospect_interest_level", "out_of_campaign"]

    public var prospect_status: String?
    public var prospect_interest_level: String?
    public var out_of_campaign: Bool?
    public var campaign_ids: [Int]?
    public var mailbox_ids: [Int]?
    /// Phrases, each of which may itself hold several separated by commas.
    public var search_phrases: [String]?
    /// `true` or `false`: only read or unread messages (a third party's filter, sandbox-accepted).
    public var read: Bool?
    public var per_page: Int?
    /// A `next_page_cursor` (or `previous_page_cursor`) of an earlier answer; nil: the first page.
    public var next_page_cursor: String?

    public init(
        prospect_status: String? = nil, prospect_interest_level: String? = nil, out_of_campaign: Bool? = nil,
        campaign_ids: [Int]? = nil, mailbox_ids: [Int]? = nil, search_phrases: [String]? = nil, read: Bool? = nil,
        per_page: Int? = nil, next_page_cursor: String? = nil
    ) {
        self.prospect_status = prospect_status
        self.prospect_interest_level = prospect_interest_level
        self.out_of_campaign = out_of_campaign
        self.campaign_ids = campaign_ids
        self.mailbox_ids = mailbox_ids
        self.search_phrases = search_phrases
        self.read = read
        self.per_page = per_page
        self.next_page_cursor = next_page_cursor
    }

    /// The search phrases one by one: each given text split on commas and trimmed.
    public var phrases: [String] {
        (search_phrases ?? []).flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }.map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    /// The filters that were given among ``exclusiveFilters``, in that order.
    public var exclusiveFiltersGiven: [String] {
        [
            prospect_status.map { _ in "prospect_status" },
            prospect_interest_level.map { _ in "prospect_interest_level" },
            out_of_campaign.map { _ in "out_of_campaign" },
        ].compactMap { $0 }
    }

    /// The parameters in a fixed order, unencoded; the search phrases joined by commas.
    public var items: [QueryItem] {
        var items: [QueryItem] = []
        func add(_ name: String, _ value: String?) {
            if let value { items.append(QueryItem(name: name, value: value)) }
        }
        add("prospect_status", prospect_status)
        add("prospect_interest_level", prospect_interest_level)
        add("out_of_campaign", out_of_campaign.map { $0 ? "true" : "false" })
        add("campaign_ids", campaign_ids.map { $0.map(String.init).joined(separator: ",") })
        add("mailbox_ids", mailbox_ids.map { $0.map(String.init).joined(separator: ",") })
        add("search_phrases", search_phrases.map { _ in phrases.joined(separator: ",") })
        add("read", read.map { $0 ? "true" : "false" })
        add("per_page", per_page.map(String.init))
        add("next_page_cursor", next_page_cursor)
        return items
    }

    /// `?prospect_status=RESPONDED&per_page=50`, percent-encoded, or "" when empty.
    public var queryString: String {
        let parts = items.map { "\($0.name)=\(ProspectQuery.encode($0.value))" }
        return parts.isEmpty ? "" : "?" + parts.joined(separator: "&")
    }
}
