import Foundation
import MCP
import OutreachAPI
import Synchronization

/// `wps mcp`: the Model Context Protocol over stdio (modelcontextprotocol/swift-sdk), serving
/// ``ToolCatalog``'s tools through a ``ToolRunner`` and the campaigns as resources
/// (`wps://campaigns/{id}`, the YAML spec). Tool calls run concurrently; a call with a
/// `progressToken` gets a `notifications/progress` for each progress line of a long command, and
/// a cancelled call stops its requests and waits.
public enum MCPServer {
    /// Serves until the client closes standard input.
    public static func serve(_ runner: ToolRunner) async throws {
        let server = Server(
            name: "wps", version: OutreachAPIVersion.string,
            title: "wps — cold-email outreach (\(Provider.displayNames))",
            instructions: "Each tool is one wps command, checked against the documented rules before anything is sent; "
                + "dry_run shows the requests instead. wps_run runs wps pipelines and scripts.",
            capabilities: .init(
                resources: .init(subscribe: false, listChanged: false), tools: .init(listChanged: false)))
        let resources = CampaignResources(runner: runner)
        await server.withMethodHandler(ListResources.self) { _ in
            ListResources.Result(resources: try await resources.list())
        }
        await server.withMethodHandler(ListResourceTemplates.self) { _ in
            ListResourceTemplates.Result(templates: [CampaignResources.template])
        }
        await server.withMethodHandler(ReadResource.self) { parameters in
            ReadResource.Result(contents: try await resources.read(parameters.uri))
        }
        await server.withMethodHandler(ListTools.self) { _ in
            ListTools.Result(tools: runner.catalog.entries.map(\.tool))
        }
        await server.withMethodHandler(CallTool.self) { parameters in
            var progress: (@Sendable (String) -> Void)?
            if let token = parameters._meta?.progressToken {
                let count = Mutex(0)
                progress = { text in
                    let step = count.withLock { value in
                        value += 1
                        return value
                    }
                    let notification = ProgressNotification.message(
                        .init(progressToken: token, progress: Double(step), message: text))
                    Task { try? await server.notify(notification) }
                }
            }
            return await runner.call(parameters.name, parameters.arguments ?? [:], progress: progress)
        }
        try await server.start(transport: LineTransport())
        await server.waitUntilCompleted()
    }
}
