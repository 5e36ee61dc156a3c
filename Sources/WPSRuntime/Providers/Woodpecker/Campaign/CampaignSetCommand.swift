import OutreachAPI
import WPSLanguage

/// `campaign set ID …`: changes a campaign's name, accounts or settings (DRAFT or EDITED).
enum CampaignSetCommand {
    static let name = Flag<String>("name", .string, "the new name (empty: My campaign <id>)", fields: ["name"])

    static let definition = CommandDefinition(
        ["campaign", "set"], "Change a campaign's name, accounts or settings (DRAFT or EDITED).", category: .api,
        positionals: [CampaignCommands.id], flags: [name] + SharedFlags.campaignSettings,
        examples: ["campaign set 777001 --daily-enroll 80 --timezone Europe/Warsaw"], sends: ["PATCH campaigns/{id}"],
        tests: ["transcript:campaigns"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let settings = SharedFlags.settings(invocation)
        let patch = CampaignPatch(
            name: invocation[name], email_account_ids: invocation[SharedFlags.accounts],
            settings: settings.isEmpty ? nil : settings)
        let id = try invocation.required(CampaignCommands.id)
        return try ValueEncoder().encode(
            try await session.connection.send(Woodpecker.UpdateCampaign(id: id, patch), for: invocation.command))
    }
}
