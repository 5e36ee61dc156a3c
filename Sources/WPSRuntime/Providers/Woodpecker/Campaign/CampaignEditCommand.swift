import OutreachAPI
import WPSLanguage

/// `campaign edit ID`: makes a campaign editable (EDITED), then the campaign as it is now.
enum CampaignEditCommand {
    static let definition = CommandDefinition(
        ["campaign", "edit"], "Make a campaign editable (EDITED).", category: .api, positionals: [CampaignCommands.id],
        examples: ["campaign edit 777001"], sends: ["POST campaigns/{id}/make_editable"], tests: ["transcript:commands"]
    ) { invocation, interpreter in
        try await CampaignCommands.act(.makeEditable, invocation, &interpreter)
    }
}
