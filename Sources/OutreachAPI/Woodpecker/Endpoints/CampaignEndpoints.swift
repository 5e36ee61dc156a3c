extension Woodpecker {
    /// `POST campaigns` — create a campaign (always DRAFT); `201` with the campaign.
    public struct CreateCampaign: WoodpeckerCampaignEndpoint {
        public static let successStatuses: Set<Int> = [201]
        public var body: CampaignDraft?
        public init(_ body: CampaignDraft) { self.body = body }
        public var method: HTTPMethod { .post }
        public var path: String { "campaigns" }
        public func validate() -> [ValidationProblem] { body.map(Validation.campaignDraft) ?? [] }
        public typealias Success = Campaign
    }

    /// `GET campaigns/{id}` — the full campaign with its step tree.
    public struct GetCampaign: WoodpeckerCampaignEndpoint {
        public var id: Int
        public init(id: Int) { self.id = id }
        public var method: HTTPMethod { .get }
        public var path: String { "campaigns/\(id)" }
        public typealias Body = NoContent
        public typealias Success = Campaign
    }

    /// `GET campaigns` — id, name and status of every campaign. A sandbox extension.
    public struct ListCampaigns: WoodpeckerCampaignEndpoint {
        public init() {}
        public var method: HTTPMethod { .get }
        public var path: String { "campaigns" }
        public typealias Body = NoContent
        public typealias Success = [CampaignSummary]
    }

    /// `DELETE campaigns/{id}`.
    public struct DeleteCampaign: WoodpeckerCampaignEndpoint {
        public var id: Int
        public init(id: Int) { self.id = id }
        public var method: HTTPMethod { .delete }
        public var path: String { "campaigns/\(id)" }
        public typealias Body = NoContent
        public typealias Success = NoContent
    }

    /// `POST campaigns/{id}/pause|run|stop|make_editable` — move a campaign through its statuses.
    public struct CampaignAction: WoodpeckerCampaignEndpoint {
        /// The four status transitions.
        public enum Action: String, Sendable, CaseIterable {
            case pause, run, stop
            case makeEditable = "make_editable"
        }
        public var id: Int
        public var action: Action
        public init(id: Int, action: Action) {
            self.id = id
            self.action = action
        }
        public var method: HTTPMethod { .post }
        public var path: String { "campaigns/\(id)/\(action.rawValue)" }
        public typealias Body = NoContent
        public typealias Success = NoContent
    }

    /// `PATCH campaigns/{id}` — change name, accounts or settings (DRAFT or EDITED only).
    public struct UpdateCampaign: WoodpeckerCampaignEndpoint {
        public var id: Int
        public var body: CampaignPatch?
        public init(id: Int, _ body: CampaignPatch) {
            self.id = id
            self.body = body
        }
        public var method: HTTPMethod { .patch }
        public var path: String { "campaigns/\(id)" }
        public func validate() -> [ValidationProblem] { body.map(Validation.campaignPatch) ?? [] }
        public typealias Success = Campaign
    }

    /// `PATCH campaigns/{id}/steps/{step_id}/versions/{version_id}` — edit one version of an EMAIL step.
    public struct UpdateVersion: WoodpeckerCampaignEndpoint {
        public var campaignID: Int
        public var stepID: String
        public var versionID: String
        public var body: VersionPatch?
        public init(campaignID: Int, stepID: String, versionID: String, _ body: VersionPatch) {
            self.campaignID = campaignID
            self.stepID = stepID
            self.versionID = versionID
            self.body = body
        }
        public var method: HTTPMethod { .patch }
        public var path: String { "campaigns/\(campaignID)/steps/\(stepID)/versions/\(versionID)" }
        public func validate() -> [ValidationProblem] { body.map(Validation.versionPatch) ?? [] }
        public typealias Success = EmailVersion
    }

    /// `POST campaigns/{id}/steps` — add an EMAIL step after a leaf step; answers the campaign.
    /// A `followup` nested in the step is sent and checked with it, and added too.
    public struct AddStep: WoodpeckerCampaignEndpoint {
        public static let successStatuses: Set<Int> = [200, 201]
        public var campaignID: Int
        public var body: NewStepRequest?
        public init(campaignID: Int, _ body: NewStepRequest) {
            self.campaignID = campaignID
            self.body = body
        }
        public var method: HTTPMethod { .post }
        public var path: String { "campaigns/\(campaignID)/steps" }
        public func validate() -> [ValidationProblem] { body.map(Validation.newStep) ?? [] }
        public typealias Success = Campaign
    }

    /// `DELETE campaigns/{id}/steps/{step_id}` — remove a step (not START nor the first after it).
    public struct DeleteStep: WoodpeckerCampaignEndpoint {
        public var campaignID: Int
        public var stepID: String
        public init(campaignID: Int, stepID: String) {
            self.campaignID = campaignID
            self.stepID = stepID
        }
        public var method: HTTPMethod { .delete }
        public var path: String { "campaigns/\(campaignID)/steps/\(stepID)" }
        public typealias Body = NoContent
        public typealias Success = Campaign
    }
}
