import OutreachAPI

extension SandboxStore {
    /// `POST campaigns` after decoding and validation.
    func createCampaign(key: String, _ draft: CampaignDraft) async throws -> Campaign {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> Campaign in
            guard let root = draft.steps else { throw SandboxError.campaignInput(["steps: must be provided"]) }
            if tenant.isFreePlan, CampaignBuilder.usesABTesting(root) { throw Self.missingFeatures }
            try checkAccounts(draft.email_account_ids ?? [], in: tenant)
            let id = counters.campaign
            counters.campaign += 1
            let campaign = CampaignBuilder.campaign(id: id, from: draft, root: root)
            tenant.campaigns[id] = campaign
            tenant.campaignOrder.append(id)
            return campaign
        }
    }

    /// Puts a campaign read from another server (the real account a dry run reads) into the
    /// account of `key` as it is, under its own id, so that writes to it can be answered. A
    /// campaign the account already has is left as it is: a dry run's writes to it are kept.
    public func seed(_ campaign: Campaign, key: String) async throws {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) in
            guard tenant.campaigns[campaign.id] == nil else { return }
            tenant.campaigns[campaign.id] = campaign
            tenant.campaignOrder.append(campaign.id)
        }
    }

    /// `GET campaigns/{id}`.
    func campaign(key: String, id: Int) async throws -> Campaign {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> Campaign in
            let campaign = try Self.find(id, in: tenant)
            if campaign.name.contains(CampaignBuilder.unsupportedFeaturesMarker) {
                throw SandboxError.campaign(
                    .conflict, "API_UNSUPPORTED_CAMPAIGN_FEATURES", "Campaign contains currently unsupported features")
            }
            return campaign
        }
    }

    /// `GET campaigns` (a sandbox extension).
    func campaignList(key: String) async throws -> [CampaignSummary] {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> [CampaignSummary] in
            tenant.campaignOrder.compactMap { tenant.campaigns[$0] }.map {
                CampaignSummary(id: $0.id, name: $0.name, status: $0.status)
            }
        }
    }

    /// `DELETE campaigns/{id}`.
    func deleteCampaign(key: String, id: Int) async throws {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) in
            let campaign = try Self.find(id, in: tenant)
            if campaign.name.contains(CampaignBuilder.activeWorkflowMarker) {
                throw SandboxError.campaign(
                    .conflict, "CAMPAIGN_RELATED_TO_ACTIVE_WORKFLOW", "Campaign related to active workflow")
            }
            tenant.campaigns[id] = nil
            tenant.campaignOrder.removeAll { $0 == id }
            tenant.dropEnrolments(of: id)
        }
    }

    /// `POST campaigns/{id}/pause|run|stop|make_editable`.
    /// Each change into or out of RUNNING is recorded in the campaign's ``RunHistory``.
    func perform(_ action: Woodpecker.CampaignAction.Action, key: String, id: Int) async throws {
        try await withTenant(key) { (tenant: inout TenantState, now: Double) throws(SandboxError) in
            var campaign = try Self.find(id, in: tenant)
            defer { tenant.recordRunning(id, tenant.campaigns[id]?.status == .running, at: now) }
            switch action {
            case .run:
                if campaign.status == .running { return }
                if campaign.status == .stopped {
                    throw SandboxError.campaignConflict("Validation failure: a STOPPED campaign cannot be run again")
                }
                if campaign.name.contains(CampaignBuilder.unsupportedFeaturesMarker) {
                    throw SandboxError.campaign(
                        .conflict, "API_UNSUPPORTED_CAMPAIGN_FEATURES",
                        "Campaign contains currently unsupported features")
                }
                let problems = Validation.campaignDraft(CampaignBuilder.draft(of: campaign))
                    .filter { !$0.path.hasPrefix("email_account_ids") }
                if !problems.isEmpty { throw SandboxError.campaignInput(problems.map(\.description)) }
                if tenant.isFreePlan, CampaignBuilder.usesABTesting(campaign.steps) { throw Self.missingFeatures }
                if campaign.email_account_ids.isEmpty {
                    throw SandboxError.campaignConflict("Validation failure: the campaign has no email accounts")
                }
                try checkAccounts(campaign.email_account_ids, in: tenant)
                campaign.status = .running
            case .pause:
                guard campaign.status == .running || campaign.status == .paused else {
                    throw SandboxError.campaignConflict(
                        "Validation failure: only a RUNNING campaign can be paused, this one is \(campaign.status)")
                }
                campaign.status = .paused
            case .stop:
                campaign.status = .stopped
            case .makeEditable:
                if campaign.status != .draft { campaign.status = .edited }
            }
            tenant.campaigns[id] = campaign
        }
    }

    /// `PATCH campaigns/{id}` after decoding and validation.
    func updateCampaign(key: String, id: Int, _ patch: CampaignPatch) async throws -> Campaign {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> Campaign in
            var campaign = try Self.editable(id, in: tenant)
            if let ids = patch.email_account_ids {
                try checkAccounts(ids, in: tenant)
                campaign.email_account_ids = ids
            }
            if let name = patch.name { campaign.name = CampaignBuilder.name(name, id: id) }
            if let settings = patch.settings {
                campaign.settings = CampaignBuilder.settings(settings, over: campaign.settings)
            }
            tenant.campaigns[id] = campaign
            return campaign
        }
    }

    /// `PATCH campaigns/{id}/steps/{step_id}/versions/{version_id}` after decoding and validation.
    func updateVersion(key: String, campaignID: Int, stepID: String, versionID: String, _ patch: VersionPatch)
        async throws
        -> EmailVersion
    {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> EmailVersion in
            guard let found = tenant.campaigns[campaignID] else { throw SandboxError.campaignNotFound }
            var steps = found.steps.path
            guard let stepIndex = steps.firstIndex(where: { $0.id == stepID }),
                var body = steps[stepIndex].body,
                let versionIndex = body.versions.firstIndex(where: { $0.id == versionID })
            else { throw SandboxError.campaignNotFound }
            var campaign = try Self.editable(campaignID, in: tenant)
            var version = body.versions[versionIndex]
            if let subject = patch.subject { version.subject = subject }
            if let message = patch.message { version.message = message }
            if let signature = patch.signature { version.signature = signature }
            if let track = patch.track_opens { version.track_opens = track }
            body.versions[versionIndex] = version
            steps[stepIndex].body = body
            campaign.steps = CampaignBuilder.chain(steps) ?? campaign.steps
            tenant.campaigns[campaignID] = campaign
            return version
        }
    }

    /// `POST campaigns/{id}/steps` after decoding and validation: the step and its whole
    /// `followup` subtree are appended after the leaf.
    func addStep(key: String, campaignID: Int, _ request: NewStepRequest) async throws -> Campaign {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> Campaign in
            var campaign = try Self.editable(campaignID, in: tenant)
            guard let parentID = request.parent_id, let step = request.step else {
                throw SandboxError.campaignInput(["parent_id and step: must be provided"])
            }
            var steps = campaign.steps.path
            guard let parentIndex = steps.firstIndex(where: { $0.id == parentID }) else {
                throw SandboxError.campaignConflict(
                    "Validation failure: step \(parentID) is not a step of campaign \(campaignID)")
            }
            guard parentIndex == steps.count - 1 else {
                throw SandboxError.campaignConflict(
                    "Validation failure: step \(parentID) is not a leaf: steps can only be added after the last step")
            }
            if tenant.isFreePlan, CampaignBuilder.usesABTesting(step) { throw Self.missingFeatures }
            // The new step and every follow-up nested under it, with ids and defaults, as on create.
            steps += CampaignBuilder.materialize(step).path
            campaign.steps = CampaignBuilder.chain(steps) ?? campaign.steps
            tenant.campaigns[campaignID] = campaign
            return campaign
        }
    }

    /// `DELETE campaigns/{id}/steps/{step_id}`.
    func deleteStep(key: String, campaignID: Int, stepID: String) async throws -> Campaign {
        try await withTenant(key) { (tenant: inout TenantState, _: Double) throws(SandboxError) -> Campaign in
            guard let found = tenant.campaigns[campaignID] else { throw SandboxError.campaignNotFound }
            var steps = found.steps.path
            guard let index = steps.firstIndex(where: { $0.id == stepID }) else { throw SandboxError.campaignNotFound }
            var campaign = try Self.editable(campaignID, in: tenant)
            guard index >= 2 else {
                throw SandboxError.campaignConflict(
                    index == 0
                        ? "Validation failure: the START step cannot be deleted"
                        : "Validation failure: the first step after START cannot be deleted")
            }
            steps.remove(at: index)
            campaign.steps = CampaignBuilder.chain(steps) ?? campaign.steps
            tenant.campaigns[campaignID] = campaign
            return campaign
        }
    }

    static let missingFeatures = SandboxError.campaign(.forbidden, "MISSING_FEATURES", "Upgrade your plan")

    static func find(_ id: Int, in tenant: TenantState) throws(SandboxError) -> Campaign {
        guard let campaign = tenant.campaigns[id] else { throw SandboxError.campaignNotFound }
        return campaign
    }

    static func editable(_ id: Int, in tenant: TenantState) throws(SandboxError) -> Campaign {
        let campaign = try find(id, in: tenant)
        guard campaign.status.isEditable else { throw SandboxError.notEditable }
        return campaign
    }

    func checkAccounts(_ ids: [Int], in tenant: TenantState) throws(SandboxError) {
        if acceptsAnyAccountID { return }
        let known = tenant.emailAccountIDs
        let unknown = ids.filter { !known.contains($0) }
        guard unknown.isEmpty else {
            throw SandboxError.campaignConflict(
                "Validation failure: email account \(unknown.map(String.init).joined(separator: ", ")) is not an active mailbox of this account"
            )
        }
    }
}
