import OutreachAPI
import WPSLanguage

/// `campaign run ID`: starts sending, then the campaign as it is now.
enum CampaignRunCommand {
    static let definition = CommandDefinition(
        ["campaign", "run"], "Start sending.", category: .api, positionals: [CampaignCommands.id],
        examples: ["campaign run 777001 | select id status"], sends: ["POST campaigns/{id}/run"],
        tests: ["transcript:campaigns", "transcript:commands"]
    ) { invocation, interpreter in
        try await CampaignCommands.act(.run, invocation, &interpreter)
    }
}
