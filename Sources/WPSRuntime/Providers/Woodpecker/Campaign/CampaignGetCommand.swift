import OutreachAPI
import WPSLanguage

/// `campaign get ID`: a campaign with its steps (remembered, so `step add --after` knows it).
enum CampaignGetCommand {
    static let definition = CommandDefinition(
        ["campaign", "get"], "Fetch a campaign with its steps.", category: .api, positionals: [CampaignCommands.id],
        examples: ["let c = campaign get 777001", "campaign get 777001 | get settings"], sends: ["GET campaigns/{id}"],
        tests: ["transcript:language", "transcript:errors"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = try invocation.required(CampaignCommands.id)
        return try ValueEncoder().encode(
            try await session.connection.send(Woodpecker.GetCampaign(id: id), for: invocation.command))
    }
}
