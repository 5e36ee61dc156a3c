extension Woodpecker {
    /// `POST /rest/v1/add_prospects_list` — prospects into the account's database; `200` with one
    /// entry per prospect. Resending is safe (an existing prospect answers `E_DUPLICATE` or is
    /// updated to the same values), so it is retried when the answer was lost.
    public struct AddProspectsList: WoodpeckerProspectEndpoint {
        public var body: ProspectListRequest?
        public init(_ body: ProspectListRequest) { self.body = body }
        public var method: HTTPMethod { .post }
        public var path: String { "../v1/add_prospects_list" }
        public var isIdempotent: Bool { true }
        public func validate() -> [ValidationProblem] { body.map(Validation.prospectList) ?? [] }
        public typealias Success = ProspectBulkResponse
    }

    /// `POST /rest/v1/add_prospects_campaign` — prospects into a campaign; non-ACTIVE prospects are
    /// rejected unless `force`. Safe to resend for the same reason as ``AddProspectsList``.
    public struct AddProspectsCampaign: WoodpeckerProspectEndpoint {
        public var body: ProspectCampaignRequest?
        public init(_ body: ProspectCampaignRequest) { self.body = body }
        public var method: HTTPMethod { .post }
        public var path: String { "../v1/add_prospects_campaign" }
        public var isIdempotent: Bool { true }
        public func validate() -> [ValidationProblem] { body.map(Validation.prospectCampaign) ?? [] }
        public typealias Success = ProspectBulkResponse
    }
}
