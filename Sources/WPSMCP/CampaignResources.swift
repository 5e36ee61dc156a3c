import MCP
import WPSRuntime

/// The campaigns as MCP resources: `wps://campaigns/{id}` is the campaign as the YAML spec
/// `campaign export` writes, so an agent can read it, edit it and send it back with
/// `campaign_apply`.
struct CampaignResources: Sendable {
    let runner: ToolRunner

    static let template = Resource.Template(
        uriTemplate: "wps://campaigns/{id}", name: "campaign",
        description: "A campaign as the YAML spec `campaign export` writes (edit it, then campaign_apply the file)",
        mimeType: "application/yaml")

    /// One resource per campaign of the account.
    func list() async throws -> [Resource] {
        let listed = await runner.call("campaign_list", [:])
        guard listed.isError != true, case .array(let campaigns)? = listed.structuredContent?.objectValue?["result"]
        else {
            throw MCPError.internalError(Self.text(of: listed))
        }
        return campaigns.compactMap { campaign in
            guard let object = campaign.objectValue, let id = object["id"]?.intValue else { return nil }
            let name = object["name"]?.stringValue ?? "campaign \(id)"
            return Resource(
                name: name, uri: "wps://campaigns/\(id)", description: object["status"]?.stringValue,
                mimeType: "application/yaml")
        }
    }

    /// The spec of the campaign a `wps://campaigns/{id}` URI names.
    func read(_ uri: String) async throws -> [Resource.Content] {
        let prefix = "wps://campaigns/"
        guard uri.hasPrefix(prefix), let id = Int(uri.dropFirst(prefix.count)) else {
            throw MCPError.invalidParams("no resource \(uri): wps serves wps://campaigns/{id}")
        }
        let exported = await runner.call("campaign_export", ["id": .int(id)])
        guard exported.isError != true else { throw MCPError.invalidParams(Self.text(of: exported)) }
        return [.text(Self.text(of: exported), uri: uri, mimeType: "application/yaml")]
    }

    static func text(of result: CallTool.Result) -> String {
        result.content.compactMap { if case .text(let text, _, _) = $0 { text } else { nil } }.joined(separator: "\n")
    }
}
