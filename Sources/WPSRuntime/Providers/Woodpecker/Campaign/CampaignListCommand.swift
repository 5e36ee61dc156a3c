import OutreachAPI
import WPSLanguage

/// `campaign list`: every campaign's id, name and status.
enum CampaignListCommand {
    static let definition = CommandDefinition(
        ["campaign", "list"], "List campaigns (id, name, status).", category: .api,
        examples: [#"campaign list | where status == "DRAFT" | select id name"#], sends: ["GET campaigns"],
        tests: ["transcript:campaigns"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        return try ValueEncoder().encode(
            try await session.connection.send(Woodpecker.ListCampaigns(), for: invocation.command))
    }
}
