import OutreachAPI
import WPSLanguage

/// `campaign show ID`: the campaign, drawn as a tree of its steps that fits the terminal.
enum CampaignShowCommand {
    static let definition = CommandDefinition(
        ["campaign", "show"], "Draw a campaign's steps as a tree that fits the terminal.", category: .api,
        positionals: [CampaignCommands.id], examples: ["campaign show 777001"], sends: ["GET campaigns/{id}"],
        tests: ["transcript:commands", "e2e:test_campaign_code.py::test_campaign_show_fits_the_terminal"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = try invocation.required(CampaignCommands.id)
        let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: id), for: invocation.command)
        let value = try ValueEncoder().encode(campaign)
        // The campaign, reading as its tree where results print as tables (`let c = campaign show 7`
        // still has `$c.name`).
        guard session.settings.drawsTrees, case .record(var record) = value else { return value }
        record.text = CampaignTree.render(
            campaign, dim: session.settings.stdoutIsTerminal, width: session.settings.terminalWidth())
        return .record(record)
    }
}
