import Foundation
import OutreachAPI
import WPSLanguage

/// `campaign export ID`: a campaign as a readable YAML spec (windows and waits in wps notation).
enum CampaignExportCommand {
    static let definition = CommandDefinition(
        ["campaign", "export"], "Write a campaign as a readable YAML spec (windows and waits in wps notation).",
        category: .api, positionals: [CampaignCommands.id], examples: ["campaign export 777001 > q4.yaml"],
        sends: ["GET campaigns/{id}"],
        tests: [
            "transcript:commands",
            "e2e:test_campaign_code.py::test_apply_creates_then_changes_nothing_and_export_round_trips",
        ]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = try invocation.required(CampaignCommands.id)
        let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: id), for: invocation.command)
        // It returns YAML text, not the campaign: the memory of ids is told of it here.
        interpreter.session?.memory.remember(try ValueEncoder().encode(campaign))
        return .string(try CampaignSpec(campaign).yaml().trimmingCharacters(in: .newlines))
    }
}
