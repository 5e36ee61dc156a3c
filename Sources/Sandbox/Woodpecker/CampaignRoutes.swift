import Hummingbird
import OutreachAPI

/// Woodpecker campaign, step and version routes.
struct CampaignRoutes {
    let store: SandboxStore
    /// `GET campaigns/ID` answers, reused while the campaign is unchanged.
    let encoded = EncodedJSONCache<Campaign>()

    func register(on router: Router<SandboxContext>) {
        let campaigns = router.group("rest/v2/campaigns")
        campaigns.post { request, context in
            let key = try request.apiKey()
            let draft = try await request.decodeJSON(CampaignDraft.self, context: context) {
                SandboxError.campaignInput([$0])
            }
            let problems = Validation.campaignDraft(draft)
            guard problems.isEmpty else { throw SandboxError.campaignInput(problems.map(\.description)) }
            return try json(try await store.createCampaign(key: key, draft), status: .created)
        }
        campaigns.get { request, _ in
            try json(try await store.campaignList(key: try request.apiKey()))
        }
        campaigns.get(":id") { request, context in
            let key = try request.apiKey()
            let id = try Self.campaignID(context)
            let campaign = try await store.campaign(key: key, id: id)
            return json(bytes: try encoded.data(for: "\(id) \(key)", campaign))
        }
        campaigns.delete(":id") { request, context in
            let key = try request.apiKey()
            try await store.deleteCampaign(key: key, id: try Self.campaignID(context))
            return emptyOK()
        }
        for action in Woodpecker.CampaignAction.Action.allCases {
            campaigns.post(":id/\(action.rawValue)") { request, context in
                let key = try request.apiKey()
                try await store.perform(action, key: key, id: try Self.campaignID(context))
                return emptyOK()
            }
        }
        campaigns.patch(":id") { request, context in
            let key = try request.apiKey()
            let id = try Self.campaignID(context)
            let patch = try await request.decodeJSON(CampaignPatch.self, context: context) {
                SandboxError.campaignInput([$0])
            }
            let problems = Validation.campaignPatch(patch)
            guard problems.isEmpty else { throw SandboxError.campaignInput(problems.map(\.description)) }
            return try json(try await store.updateCampaign(key: key, id: id, patch))
        }
        campaigns.patch(":id/steps/:step/versions/:version") { request, context in
            let key = try request.apiKey()
            let id = try Self.campaignID(context)
            let patch = try await request.decodeJSON(VersionPatch.self, context: context) {
                SandboxError.campaignInput([$0])
            }
            let problems = Validation.versionPatch(patch)
            guard problems.isEmpty else { throw SandboxError.campaignInput(problems.map(\.description)) }
            return try json(
                try await store.updateVersion(
                    key: key, campaignID: id, stepID: context.parameters.get("step") ?? "",
                    versionID: context.parameters.get("version") ?? "", patch))
        }
        campaigns.post(":id/steps") { request, context in
            let key = try request.apiKey()
            let id = try Self.campaignID(context)
            let body = try await request.decodeJSON(NewStepRequest.self, context: context) {
                SandboxError.campaignInput([$0])
            }
            let problems = Validation.newStep(body)
            guard problems.isEmpty else { throw SandboxError.campaignInput(problems.map(\.description)) }
            return try json(try await store.addStep(key: key, campaignID: id, body))
        }
        campaigns.delete(":id/steps/:step") { request, context in
            let key = try request.apiKey()
            let id = try Self.campaignID(context)
            return try json(
                try await store.deleteStep(key: key, campaignID: id, stepID: context.parameters.get("step") ?? ""))
        }
    }

    static func campaignID(_ context: SandboxContext) throws -> Int {
        try context.parameters.integer("id", notFound: .campaignNotFound)
    }
}
