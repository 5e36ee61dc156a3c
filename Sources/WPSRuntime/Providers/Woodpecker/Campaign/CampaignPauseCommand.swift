import OutreachAPI
import WPSLanguage

/// `campaign pause ID`: pauses a running campaign, then the campaign as it is now.
enum CampaignPauseCommand {
    static let definition = CommandDefinition(
        ["campaign", "pause"], "Pause a running campaign.", category: .api, positionals: [CampaignCommands.id],
        examples: ["campaign run 777001 | count; campaign pause 777001"], sends: ["POST campaigns/{id}/pause"],
        tests: ["transcript:campaigns"]
    ) { invocation, interpreter in
        try await CampaignCommands.act(.pause, invocation, &interpreter)
    }
}
