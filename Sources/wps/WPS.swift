import ArgumentParser
import Foundation
import OutreachAPI
import Sandbox
import WPSRuntime

/// The `wps` command: runs a script, a `-c` command, or the lines of standard input, against
/// the configured provider or the embedded sandbox.
///
/// Exit codes: 0 success, 1 a command failed at the API, 2 usage or validation error.
@main
struct WPS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wps",
        abstract: "A scriptable shell for cold-email outreach APIs (\(Provider.displayNames)).",
        discussion: """
            wps FILE.wps [ARGS…]     run a script ($1, $2 … and $args hold ARGS)
            wps -c 'COMMAND'         run one command line
            wps COMMAND [ARGS…]      run one command: wps help, wps campaign list
            wps --check FILE.wps     parse and check a script without running it
            wps < FILE.wps, wps -    run the lines of standard input
            wps sandbox              serve the emulated APIs (see wps sandbox --help)
            wps mcp                  serve the commands as MCP tools over stdio (see wps mcp --help)
            wps completion SHELL     print a bash, zsh or fish completion script for wps
            wps                      on a terminal: the interactive shell

            Profiles come from $XDG_CONFIG_HOME/wps/config.yaml (or $WPS_CONFIG),
            chosen by --profile or WPS_PROFILE; without one, API keys come from
            \(Provider.allCases.map(\.apiKeyVariable).joined(separator: " and ")). --sandbox needs none.

            Exit codes: 0 success, 1 a command failed at the API, 2 usage or validation error.
            """,
        version: "wps \(OutreachAPIVersion.string)"
    )

    @Option(name: [.customShort("c"), .customLong("command")], help: "Run this command line and exit.")
    var command: String?

    @Flag(help: "Start the sandbox in this process and point every provider at it (no account needed).")
    var sandbox = false

    @Flag(
        help:
            "Change nothing: reads go to the account, every other request is printed (key and passwords masked) and answered by a private overlay."
    )
    var dryRun = false

    @Flag(
        help:
            "Parse and check the script (or -c line, or standard input) without running anything: exit 0, or 2 with every located error."
    )
    var check = false

    @Option(
        help: "How results print: table (the default on a terminal), json (the default otherwise), yaml, csv or ndjson."
    )
    var output: ScriptRunner.OutputFormat?

    @Option(
        help: ArgumentHelp(
            "The provider to talk to: picks that provider's profile when no --profile is given (refused against a profile of another provider).",
            valueName: Provider.names.joined(separator: "|")))
    var provider: Provider?

    @Option(help: ArgumentHelp("The profile to use (see the README: config.yaml, WPS_PROFILE).", valueName: "name"))
    var profile: String?

    @Option(
        help: ArgumentHelp(
            "Trust the CA certificates in this PEM file besides the system's roots (e.g. a sandbox served with --tls-cert).",
            valueName: "file"))
    var caFile: String?

    @Option(
        help: ArgumentHelp(
            "How long to wait for each answer before giving up, e.g. 30s, 500ms, 2m.", valueName: "duration"))
    var timeout: String = "30s"

    @ArgumentParser.Argument(help: "A .wps script to run.")
    var script: String?

    @ArgumentParser.Argument(parsing: .captureForPassthrough, help: "Arguments for the script ($1, $2 …, $args).")
    var arguments: [String] = []

    func validate() throws {
        if command != nil, script != nil { throw ValidationError("give either -c COMMAND or a script file, not both") }
        if let script, script != "-", !FileManager.default.fileExists(atPath: script) {
            throw ValidationError("no such script: \(script) (to run a command line: wps -c '…')")
        }
        guard Self.parseTimeout(timeout) != nil else {
            throw ValidationError("--timeout must be a positive duration such as 30s, 500ms or 2m, got '\(timeout)'")
        }
    }

    /// The request timeout: `500ms`, `30s`, `1.5s`, `2m`, up to a day; nil otherwise.
    static func parseTimeout(_ text: String) -> Duration? { ClockDuration.parse(text) }

    func run() async throws {
        let code = try await Runner(options: self).run()
        if code != 0 { throw ExitCode(code) }
    }

    /// Parses and runs, mapping argument errors to exit code 2 (ArgumentParser's default is 64).
    ///
    /// `wps sandbox …` is dispatched here: a script path is also a positional argument, so the
    /// subcommand cannot be left to the parser.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        if arguments.first == "completion" {
            // `wps completion bash|zsh|fish`: a completion script for the outer shell.
            guard arguments.count == 2, let shell = CompletionShell(rawValue: arguments[1]) else {
                FileHandle.standardError.write(Data("usage: wps completion bash|zsh|fish\n".utf8))
                Foundation.exit(2)
            }
            print(WPS.completionScript(for: shell))
            return
        }
        if arguments.first == "__bench-completion" {
            // Used by scripts/bench: time tab completion with N ids cached.
            BenchCompletion.run(ids: arguments.dropFirst().first.flatMap { Int($0) } ?? 1000)
            return
        }
        if arguments.first == "sandbox" {
            SandboxServer.runTasksOnEventLoops()
            await run(SandboxCommand.self, Array(arguments.dropFirst()))
        } else if arguments.first == "mcp" {
            MCPLauncher.exec(Array(arguments.dropFirst()))
        } else {
            let arguments = CommandWords.rewritten(arguments)
            // A check sends nothing: its tasks stay off the event loops (a 1 MB script checks in
            // two thirds of the time on the global executor's threads).
            if runsWithoutTheShell(arguments), !arguments.contains("--check") {
                SandboxServer.runTasksOnEventLoops()
            }
            await run(WPS.self, arguments)
        }
    }

    /// Whether this run is surely not the interactive shell: a `-c` line, a `.wps` script, a
    /// check, or standard input that is not a terminal. Only then may tasks run on the event
    /// loops (no thread hop per request); the shell blocks its thread while it waits for a key.
    static func runsWithoutTheShell(_ arguments: [String]) -> Bool {
        if isatty(STDIN_FILENO) != 1 { return true }
        return arguments.contains {
            ["-c", "--command", "--check"].contains($0) || $0.hasPrefix("--command=") || $0.hasSuffix(".wps")
        }
    }

    static func run<Command: AsyncParsableCommand>(_ type: Command.Type, _ arguments: [String]) async {
        do {
            var command = try type.parseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if type.exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((type.fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            type.exit(withError: error)
        }
    }
}

extension ScriptRunner.OutputFormat: ExpressibleByArgument {}
extension Provider: ExpressibleByArgument {
    public init?(argument: String) { self.init(rawValue: argument) }
    public static var allValueStrings: [String] { names }
}
