import OutreachAPI

/// What `campaign apply` would change to make a campaign match a spec (`campaign diff` prints it):
/// settings, versions edited, steps added at the leaf, leaf steps removed — and, explained rather
/// than skipped, what the API cannot change.
struct CampaignPlan {
    enum Change {
        case update(CampaignPatch, String)
        case version(stepID: String, versionID: String, VersionPatch, String)
        case addStep(Step, String)
        case deleteStep(stepID: String, String)

        var description: String {
            switch self {
            case .update(_, let text), .version(_, _, _, let text), .addStep(_, let text), .deleteStep(_, let text):
                text
            }
        }
    }

    var changes: [Change] = []
    /// What the spec asks for that the API cannot do, with why.
    var unchangeable: [String] = []

    static func make(current: Campaign, spec: CampaignSpec) -> CampaignPlan {
        var plan = CampaignPlan()
        var patch = CampaignPatch()
        var said: [String] = []
        if spec.name != current.name {
            patch.name = spec.name
            said.append("name \"\(current.name)\" → \"\(spec.name)\"")
        }
        if let accounts = spec.accounts, accounts.sorted() != current.email_account_ids.sorted() {
            patch.email_account_ids = accounts
            said.append(
                "accounts \(current.email_account_ids.map(String.init).joined(separator: ",")) → \(accounts.map(String.init).joined(separator: ","))"
            )
        }
        if let wanted = spec.settings {
            var settings = CampaignSettings()
            let now = current.settings
            func note<T: Equatable>(_ name: String, _ want: T?, _ have: T?, _ set: (T) -> Void) {
                guard let want, want != have else { return }
                set(want)
                said.append("settings.\(name) \(have.map { "\($0)" } ?? "unset") → \(want)")
            }
            note("timezone", wanted.timezone, now.timezone) { settings.timezone = $0 }
            note("daily_enroll", wanted.daily_enroll, now.daily_enroll) { settings.daily_enroll = $0 }
            note("prospect_timezone", wanted.prospect_timezone, now.prospect_timezone) {
                settings.prospect_timezone = $0
            }
            note("gdpr_unsubscribe", wanted.gdpr_unsubscribe, now.gdpr_unsubscribe) { settings.gdpr_unsubscribe = $0 }
            note("list_unsubscribe", wanted.list_unsubscribe, now.list_unsubscribe) { settings.list_unsubscribe = $0 }
            if !settings.isEmpty { patch.settings = settings }
        }
        if !said.isEmpty { plan.changes.append(.update(patch, "set " + said.joined(separator: "; "))) }

        let existing = Array(current.steps.path.dropFirst())
        for (index, (step, wanted)) in zip(existing, spec.steps).enumerated() {
            let label = "step \(index + 1)"
            if let window = try? WindowNotation.parse(wanted.window), window != step.delivery_time {
                let have = step.delivery_time.map(WindowNotation.format) ?? "none"
                plan.unchangeable.append(
                    "\(label) window \(have) → \(wanted.window): the API cannot change an existing step's window (delete the step and add it again, or create a new campaign)"
                )
            }
            // A wait the spec leaves out keeps the step's; a wait it gives must be the step's.
            if let want = wanted.wait.flatMap(CampaignSpec.followupAfter) {
                let have = step.followup_after ?? FollowupAfter(range: .day, value: 1)
                if have != want {
                    plan.unchangeable.append(
                        "\(label) wait \(CampaignSpec.waitText(have)) → \(CampaignSpec.waitText(want)): the API cannot change an existing step's wait"
                    )
                }
            }
            let versions = step.body?.versions ?? []
            if versions.count != wanted.versions.count {
                plan.unchangeable.append(
                    "\(label) has \(versions.count) version\(versions.count == 1 ? "" : "s"), the spec \(wanted.versions.count): the API cannot add or remove versions of an existing step"
                )
            }
            for (version, want) in zip(versions, wanted.versions) {
                var versionPatch = VersionPatch()
                var parts: [String] = []
                if (want.subject ?? "") != (version.subject ?? "") {
                    versionPatch.subject = want.subject ?? ""
                    parts.append("subject \"\(want.subject ?? "")\"")
                }
                if let message = want.message, message != version.message {
                    versionPatch.message = message
                    parts.append("message")
                }
                if let signature = want.signature, signature != version.signature?.rawValue {
                    versionPatch.signature = Signature(rawValue: signature)
                    parts.append("signature \(signature)")
                }
                if let track = want.track_opens, track != (version.track_opens ?? false) {
                    versionPatch.track_opens = track
                    parts.append("track_opens \(track)")
                }
                guard !parts.isEmpty, let stepID = step.id, let versionID = version.id else { continue }
                plan.changes.append(
                    .version(
                        stepID: stepID, versionID: versionID, versionPatch,
                        "edit \(label) version \(version.version ?? "?"): " + parts.joined(separator: ", ")))
            }
        }
        if spec.steps.count > existing.count {
            for index in existing.count..<spec.steps.count {
                guard var step = spec.stepChain(from: index) else { continue }
                step.followup = nil
                plan.changes.append(
                    .addStep(
                        step,
                        "add step \(index + 1) at the end: \(spec.steps[index].window), \(spec.steps[index].versions.count) version\(spec.steps[index].versions.count == 1 ? "" : "s")"
                    ))
            }
        } else if existing.count > spec.steps.count {
            for index in stride(from: existing.count - 1, through: spec.steps.count, by: -1) {
                guard let id = existing[index].id else { continue }
                if index == 0 {
                    plan.unchangeable.append("step 1 cannot be removed: a campaign keeps its first step")
                    continue
                }
                plan.changes.append(.deleteStep(stepID: id, "remove step \(index + 1) (the last)"))
            }
        }
        return plan
    }
}
