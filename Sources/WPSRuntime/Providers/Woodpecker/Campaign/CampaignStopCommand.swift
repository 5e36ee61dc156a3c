import OutreachAPI
import WPSLanguage

/// `campaign stop ID`: stops a campaign for good (it cannot run again); asks first.
enum CampaignStopCommand {
    static let definition = CommandDefinition(
        ["campaign", "stop"], "Stop a campaign for good (it cannot run again).", category: .api,
        positionals: [CampaignCommands.id], examples: ["campaign stop 777001 --yes"],
        sends: ["GET campaigns/{id}", "POST campaigns/{id}/stop"], destructive: true, tests: ["transcript:commands"]
    ) { invocation, interpreter in
        try await CampaignCommands.act(.stop, invocation, &interpreter)
    }
}
