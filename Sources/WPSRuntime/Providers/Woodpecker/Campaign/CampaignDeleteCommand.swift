import OutreachAPI
import WPSLanguage

/// `campaign delete ID`: deletes a campaign; asks first.
enum CampaignDeleteCommand {
    static let definition = CommandDefinition(
        ["campaign", "delete"], "Delete a campaign.", category: .api, positionals: [CampaignCommands.id],
        examples: [
            #"let c = campaign new "Old" --accounts 123001 --timezone UTC --daily-enroll 5 --subject "Hi" --message "Hello"; "#
                + "campaign delete $c.id --yes"
        ],
        sends: ["GET campaigns/{id}", "DELETE campaigns/{id}"], destructive: true, tests: ["transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let command = invocation.command
        let campaignID = try invocation.required(CampaignCommands.id)
        try await Confirmation.ask(invocation, session: session) {
            let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: campaignID), for: command)
            return "Delete campaign \(Confirmation.describe(campaign))?"
        }
        _ = try await session.connection.send(Woodpecker.DeleteCampaign(id: campaignID), for: command)
        return .record(["id": .int(campaignID), "deleted": .bool(true)])
    }
}
