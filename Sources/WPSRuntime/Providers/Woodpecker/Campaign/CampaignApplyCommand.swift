import OutreachAPI
import WPSLanguage

/// `campaign apply FILE`: creates the campaign a spec describes, or changes it to match —
/// settings, versions, steps added or removed at the end — and puts its status back.
enum CampaignApplyCommand {
    static let allowEdit = Flag<Bool>(
        "allow-edit", "make a RUNNING/PAUSED/STOPPED campaign editable first (make_editable)")

    static let definition = CommandDefinition(
        ["campaign", "apply"],
        "Create the campaign a spec describes, or change it to match: settings, versions, steps added or removed at the end.",
        category: .api, positionals: [AuthoringCommands.file], flags: [allowEdit], examples: ["campaign apply q4.yaml"],
        sends: [
            "GET campaigns", "POST campaigns", "PATCH campaigns/{id}", "PATCH …/versions/{id}",
            "POST campaigns/{id}/steps",
            "DELETE campaigns/{id}/steps/{step_id}", "POST campaigns/{id}/make_editable",
        ],
        tests: ["e2e:test_campaign_code.py::test_apply_creates_then_changes_nothing_and_export_round_trips"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let command = invocation.command
        let path = try invocation.required(AuthoringCommands.file)
        let spec = try AuthoringCommands.checked(path, command: command)
        let found = try await target(of: spec, path: path, session: session, command: command)
        guard var campaign = found else {
            let created = try await session.connection.send(Woodpecker.CreateCampaign(spec.draft()), for: command)
            interpreter.session?.memory.remember(try ValueEncoder().encode(created))
            return .record([
                "campaign_id": .int(created.id), "status": .string(created.status.rawValue), "created": .bool(true),
                "changes": .list([]), "not_changeable": .list([]),
            ])
        }
        let plan = CampaignPlan.make(current: campaign, spec: spec)
        if plan.changes.isEmpty {
            let report = PlanText.attach(
                to: AuthoringCommands.report(campaign: campaign, plan: plan, applied: false), file: path)
            if !plan.unchangeable.isEmpty { throw stillDiffers(campaign.id, plan, path, report, command) }
            session.settings.progress("campaign \(campaign.id) already matches \(path): nothing to change")
            return report
        }
        if ![CampaignStatus.draft, .edited].contains(campaign.status) {
            guard invocation[allowEdit] == true else {
                throw RuntimeError(
                    "campaign \(campaign.id) is \(campaign.status.rawValue): it can change only as DRAFT or EDITED; "
                        + "--allow-edit makes it editable first (POST make_editable)\nplanned:\n  "
                        + plan.changes.map(\.description).joined(separator: "\n  "),
                    at: command.range)
            }
            _ = try await session.connection.send(
                Woodpecker.CampaignAction(id: campaign.id, action: .makeEditable), for: command)
            session.settings.progress("campaign \(campaign.id): \(campaign.status.rawValue) → EDITED (make_editable)")
        }
        let before = campaign.status
        for change in plan.changes {
            switch change {
            case .update(let patch, _):
                campaign = try await session.connection.send(
                    Woodpecker.UpdateCampaign(id: campaign.id, patch), for: command)
            case .version(let step, let version, let patch, _):
                let update = Woodpecker.UpdateVersion(campaignID: campaign.id, stepID: step, versionID: version, patch)
                _ = try await session.connection.send(update, for: command)
            case .addStep(let step, _):
                guard let leaf = campaign.steps.leaf.id else { continue }
                let add = Woodpecker.AddStep(campaignID: campaign.id, NewStepRequest(parent_id: leaf, step: step))
                campaign = try await session.connection.send(add, for: command)
            case .deleteStep(let step, _):
                campaign = try await session.connection.send(
                    Woodpecker.DeleteStep(campaignID: campaign.id, stepID: step), for: command)
            }
            session.settings.progress("applied: \(change.description)")
        }
        try await AuthoringCommands.restore(campaign.id, to: before, session: session, command: command)
        let final = try await session.connection.send(Woodpecker.GetCampaign(id: campaign.id), for: command)
        // It returns its report, not the campaign: the memory of ids is told of it here.
        interpreter.session?.memory.remember(try ValueEncoder().encode(final))
        var result = AuthoringCommands.report(campaign: final, plan: plan, applied: true)
        if case .record(var record) = result {
            record["status_before"] = .string(before.rawValue)
            result = .record(record)
        }
        result = PlanText.attach(to: result, file: path)
        if !plan.unchangeable.isEmpty { throw stillDiffers(final.id, plan, path, result, command) }
        return result
    }

    /// The campaign a spec describes: its `id` (which must exist), else the one campaign of its
    /// name; nil when none has the name (apply creates it). A missing id, or a name two
    /// campaigns share, is refused (exit 2) before anything is changed: applying it would make
    /// a duplicate, or change the wrong one.
    static func target(of spec: CampaignSpec, path: String, session: Session, command: Command) async throws
        -> Campaign?
    {
        if let id = spec.id {
            do {
                return try await session.connection.client.send(Woodpecker.GetCampaign(id: id))
            } catch let error as OutreachError where error.apiError?.status == 404 {
                throw RuntimeError(
                    "campaign \(id) of \(path) does not exist (deleted, or of another account): nothing was changed; "
                        + "to create the campaign anew, remove the line 'id: \(id)' from \(path)",
                    at: command.positionals.last?.range ?? command.range)
            } catch let error as OutreachError {
                throw RuntimeError(error, at: command.range)
            }
        }
        let named = try await session.connection.send(Woodpecker.ListCampaigns(), for: command).filter {
            $0.name == spec.name
        }
        if named.count > 1 {
            let ids = named.map { String($0.id) }
            throw RuntimeError(
                "\(named.count) campaigns are named '\(spec.name)' (\(ids.joined(separator: ", "))): nothing was changed; "
                    + "say which one \(path) describes with a line 'id: \(ids[0])'",
                at: command.positionals.last?.range ?? command.range)
        }
        guard let match = named.first else { return nil }
        return try await session.connection.send(Woodpecker.GetCampaign(id: match.id), for: command)
    }

    /// Exit 1 with the report: the campaign and the spec still differ in what the API cannot change.
    static func stillDiffers(_ id: Int, _ plan: CampaignPlan, _ path: String, _ report: Value, _ command: Command)
        -> RuntimeError
    {
        var error = RuntimeError(
            "campaign \(id) still differs from \(path) in \(plan.unchangeable.count) way\(plan.unchangeable.count == 1 ? "" : "s") the API cannot change:\n  "
                + plan.unchangeable.joined(separator: "\n  "),
            at: command.range, exitCode: 1)
        error.result = report
        return error
    }
}
