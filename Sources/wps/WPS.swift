import ArgumentParser
import OutreachAPI

/// The `wps` command: the entry point that parses arguments and hands over to the libraries.
@main
struct WPS: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wps",
        abstract: "A scriptable shell for cold-email outreach APIs (Woodpecker, Saleshandy).",
        discussion: """
            Run `wps sandbox` for a local server that emulates both APIs faithfully, so every
            example works with no account.
            """,
        version: "wps \(OutreachAPIVersion.string)",
        subcommands: [SandboxCommand.self]
    )
}
