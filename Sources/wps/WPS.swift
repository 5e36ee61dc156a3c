import ArgumentParser
import Foundation
import OutreachAPI

/// The `wps` command: the entry point that parses arguments and hands over to the libraries.
///
/// Exit codes: 0 success, 1 a command failed at the API, 2 usage or validation error.
@main
struct WPS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wps",
        abstract: "A scriptable shell for cold-email outreach APIs (Woodpecker, Saleshandy).",
        discussion: """
            Run `wps sandbox` for a local server that emulates both APIs faithfully, so every
            example works with no account.

            Exit codes: 0 success, 1 a command failed at the API, 2 usage or validation error.
            """,
        version: "wps \(OutreachAPIVersion.string)",
        subcommands: [SandboxCommand.self]
    )

    /// Parses and runs, mapping argument errors to exit code 2 (ArgumentParser's default is 64).
    static func main() async {
        do {
            var command = try parseAsRoot()
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
