import OutreachAPI
import WPSLanguage

/// `campaign diff ID FILE`: what `campaign apply` would change to make the campaign match FILE.
enum CampaignDiffCommand {
    static let definition = CommandDefinition(
        ["campaign", "diff"], "Show what campaign apply would change to make campaign ID match FILE.", category: .api,
        positionals: [CampaignCommands.id, AuthoringCommands.file], examples: ["campaign diff 777001 q4.yaml"],
        sends: ["GET campaigns/{id}"],
        tests: ["e2e:test_campaign_code.py::test_diff_says_what_allow_edit_does_to_the_status"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = try invocation.required(CampaignCommands.id)
        let path = try invocation.required(AuthoringCommands.file)
        let spec = try AuthoringCommands.checked(path, command: invocation.command)
        let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: id), for: invocation.command)
        let plan = CampaignPlan.make(current: campaign, spec: spec)
        var result = AuthoringCommands.report(campaign: campaign, plan: plan, applied: false)
        if !plan.changes.isEmpty, ![CampaignStatus.draft, .edited].contains(campaign.status),
            case .record(var record) = result
        {
            record["allow_edit"] = .string(AuthoringCommands.statusPlan(campaign))
            result = .record(record)
        }
        return PlanText.attach(to: result, file: path)
    }
}
