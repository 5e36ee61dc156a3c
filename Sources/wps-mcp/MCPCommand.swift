import ArgumentParser
import Foundation
import OutreachAPI
import WPSHost
import WPSMCP
import WPSRuntime

/// `wps mcp`: serves every API command as an MCP tool over stdio, for AI agents and programs.
///
/// A program of its own, `wps-mcp`, which `wps mcp` replaces itself with: the MCP SDK and the
/// libraries it links (FoundationNetworking, libcurl and theirs) stay out of the `wps` binary that
/// every `-c` call, script and completion loads.
@main
struct MCPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wps mcp",
        abstract: "Serve wps's commands as Model Context Protocol tools over stdio.",
        discussion: """
            One tool per API command (campaign_new, mailbox_add, step_add, …), its input schema from the \
            command's flags, plus wps_run for pipelines and scripts. Every call is checked against the \
            documented rules before anything is sent; dry_run: true answers with the requests instead.

            Destructive tools (campaign_delete, campaign_stop, step_delete) need --allow-destructive \
            and confirm: true in the call.
            """)

    @Flag(help: "Start the sandbox in this process and serve against it (no account needed).")
    var sandbox = false

    @Option(help: ArgumentHelp("The profile to use (see the README: config.yaml, WPS_PROFILE).", valueName: "name"))
    var profile: String?

    @Flag(help: "Serve only the tools that read (GET requests); wps_run refuses commands that change anything.")
    var readOnly = false

    @Flag(help: "Let destructive tools run when a call also passes confirm: true.")
    var allowDestructive = false

    @Option(
        help: ArgumentHelp("Trust the CA certificates in this PEM file besides the system's roots.", valueName: "file"))
    var caFile: String?

    @Option(help: ArgumentHelp("How long to wait for each answer, e.g. 30s.", valueName: "duration"))
    var timeout: String = "30s"

    func validate() throws {
        guard ClockDuration.parse(timeout) != nil else {
            throw ValidationError("--timeout must be a positive duration such as 30s, 500ms or 2m, got '\(timeout)'")
        }
        if sandbox, profile != nil { throw ValidationError("give either --sandbox or --profile, not both") }
    }

    func run() async throws {
        var setup = SessionBuilder.Options()
        setup.sandbox = sandbox
        setup.profile = profile
        setup.caFile = caFile
        setup.timeout = ClockDuration.parse(timeout) ?? .seconds(30)
        // Standard output is the protocol's: everything else goes to standard error.
        setup.progress = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        setup.dryRunOutput = { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        setup.journalDirectory = StatePaths.journalDirectory(environment: setup.environment)
        let host: SessionBuilder.Host
        do {
            host = try await SessionBuilder(setup).build()
        } catch let error as RuntimeError {
            FileHandle.standardError.write(Data("error: \(error.message)\n".utf8))
            throw ExitCode(2)
        }
        var session = host.session
        session.settings.drawsTrees = false
        let runner = ToolRunner(session: session, readOnly: readOnly, allowDestructive: allowDestructive)
        do {
            try await MCPServer.serve(runner)
        } catch {
            FileHandle.standardError.write(Data("wps mcp: \(error)\n".utf8))
        }
        await runner.shutdown()
        await host.shutdown()
    }
}

extension MCPCommand {
    /// Parses and runs, mapping argument errors to exit code 2 as `wps` does (ArgumentParser's
    /// default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot(Array(CommandLine.arguments.dropFirst()))
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
