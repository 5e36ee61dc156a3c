import Foundation

extension Woodpecker {
    /// `POST /rest/v1/add_prospects_list` — prospects into the account's database; `200` with one
    /// entry per prospect. Resending is safe (an existing prospect answers `E_DUPLICATE` or is
    /// updated to the same values), but the client does not resend on its own when an answer was
    /// lost: the caller does, so it knows which `E_DUPLICATE`s its own first attempt caused.
    public struct AddProspectsList: WoodpeckerProspectEndpoint {
        public var body: ProspectListRequest?
        public init(_ body: ProspectListRequest) { self.body = body }
        public var method: HTTPMethod { .post }
        public var path: String { "../v1/add_prospects_list" }
        public var isIdempotent: Bool { false }
        public func validate() -> [ValidationProblem] { body.map(Validation.prospectList) ?? [] }
        public typealias Success = ProspectBulkResponse
    }

    /// `POST /rest/v1/add_prospects_campaign` — prospects into a campaign; non-ACTIVE prospects are
    /// rejected unless `force`. Safe to resend for the same reason as ``AddProspectsList``, and left
    /// to the caller in the same way.
    public struct AddProspectsCampaign: WoodpeckerProspectEndpoint {
        public var body: ProspectCampaignRequest?
        public init(_ body: ProspectCampaignRequest) { self.body = body }
        public var method: HTTPMethod { .post }
        public var path: String { "../v1/add_prospects_campaign" }
        public var isIdempotent: Bool { false }
        public func validate() -> [ValidationProblem] { body.map(Validation.prospectCampaign) ?? [] }
        public typealias Success = ProspectBulkResponse
    }
}

extension Woodpecker {
    /// `GET /rest/v1/prospects` — one page of the account's prospects, filtered and sorted;
    /// `200` with records and `X-Total-Count`, or `204` with no body when nothing is on the page.
    public struct ListProspects: WoodpeckerProspectEndpoint {
        public typealias Body = NoContent
        public typealias Success = ProspectPage
        public var query: ProspectQuery
        public init(_ query: ProspectQuery = ProspectQuery()) { self.query = query }
        public var method: HTTPMethod { .get }
        public var path: String { "../v1/prospects" + query.queryString }
        public static var successStatuses: Set<Int> { [200, 204] }
        public func validate() -> [ValidationProblem] { Validation.prospectQuery(query) }

        public static func success(from response: TransportResponse) throws -> ProspectPage? {
            let total = response.headers["x-total-count"].flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
            if response.status == 204 { return ProspectPage(prospects: [], total: total ?? 0) }
            var page = try JSONCoding.decode(ProspectPage.self, from: Data(response.body))
            page.total = total
            return page
        }
    }
}
