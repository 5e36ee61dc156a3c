import OutreachAPI
import WPSLanguage

/// One wps command as one value: its signature (words, typed positionals and flags, help,
/// examples, the requests it may send) and what it does.
///
/// The registry the parser checks against, the interpreter's dispatch, `help`, completion, the
/// history masker, the flag→field map and the `help --json` catalogue are all built from
/// ``standard``, so a command cannot exist in one and not the other. A new command is one file
/// that declares its value, plus its test:
///
/// ```swift
/// enum CampaignGetCommand {
///     static let id = Positional<Int>("id", .campaignID, what: "the campaign ID")
///     static let definition = CommandDefinition(
///         ["campaign", "get"], "Fetch a campaign with its steps.", category: .api,
///         positionals: [id], sends: ["GET campaigns/{id}"], tests: ["CommandTests.campaignGet"]
///     ) { invocation, interpreter in
///         let session = try interpreter.connection(for: invocation)
///         return try ValueEncoder().encode(try await session.connection.send(Woodpecker.GetCampaign(id: invocation.required(id)), for: invocation.command))
///     }
/// }
/// ```
public struct CommandDefinition: Sendable {
    /// What the parser, help, completion and the catalogue know of the command.
    public let descriptor: CommandDescriptor
    /// The tests of its own: `Suite.function` names or `transcript:NAME` (a `.wps` transcript);
    /// a test checks each one exists.
    public let tests: [String]
    let flags: [any FlagReading]
    let positionals: [any PositionalReading]
    private(set) var body: @Sendable (Invocation, inout Interpreter) async throws -> Value
    /// The provider whose API alone serves the command (``served(by:)``); nil when any does.
    private(set) var servedBy: Provider?
    /// How the command handles a list that arrives a page at a time; nil: it gets the whole list.
    private(set) var pageRole: PageRole?
    /// For a command that can hand its result over a page at a time (`prospect list --all`):
    /// the pages, or nil when this invocation gives one value (then `body` runs).
    private(set) var pages: (@Sendable (Invocation, inout Interpreter) async throws -> ValueStream?)?

    init(
        _ words: [String], _ summary: String, category: CommandDescriptor.Category, discussion: String = "",
        positionals: [any PositionalReading] = [], flags: [any FlagReading] = [], examples: [String] = [],
        sends: [String] = [], destructive: Bool = false, tests: [String],
        run body: @escaping @Sendable (Invocation, inout Interpreter) async throws -> Value
    ) {
        descriptor = CommandDescriptor(
            words, summary, category: category, discussion: discussion,
            positionals: positionals.map(\.positionalDescriptor),
            flags: flags.map(\.flagDescriptor), examples: examples, sends: sends, destructive: destructive)
        self.flags = destructive ? flags + [SharedFlags.yes] : flags
        self.positionals = positionals
        self.tests = tests
        self.body = body
    }

    /// `campaign new`
    public var name: String { descriptor.name }

    /// Runs the command: every argument given is read (evaluated and converted by its
    /// declaration) in source order, then the command's body runs on them.
    func run(_ command: Command, input: Value, _ interpreter: inout Interpreter) async throws -> Value {
        try await body(read(command, input: input, &interpreter), &interpreter)
    }

    /// Every argument given, read (evaluated and converted by its declaration) in source order.
    func read(_ command: Command, input: Value, _ interpreter: inout Interpreter) async throws -> Invocation {
        try await Invocation.read(command, input: input, flags: flags, positionals: positionals, &interpreter)
    }

    /// The arguments written out as literals, read by the same declarations before anything runs
    /// (``LiteralCheck``).
    func readLiterals(_ command: Command, _ interpreter: inout Interpreter) async throws {
        _ = try await Invocation.read(
            command, input: .null, flags: flags, positionals: positionals, literalsOnly: true, &interpreter)
    }

    /// This command, handling pages as `role` says.
    func handlingPages(_ role: PageRole) -> CommandDefinition {
        var copy = self
        copy.pageRole = role
        return copy
    }

    /// This command, served by `provider`'s API alone: run in a session (or with `--provider`)
    /// of another provider, it is refused before anything is sent, exit 2.
    func served(by provider: Provider) -> CommandDefinition {
        var copy = self
        copy.servedBy = provider
        let body = self.body
        copy.body = { invocation, interpreter in
            try Self.refuse(invocation, interpreter, unlessServedBy: provider)
            return try await body(invocation, &interpreter)
        }
        if let pages = self.pages {
            copy.pages = { invocation, interpreter in
                try Self.refuse(invocation, interpreter, unlessServedBy: provider)
                return try await pages(invocation, &interpreter)
            }
        }
        return copy
    }

    /// Refuses the invocation when the provider it asks for (`--provider`, else the session's)
    /// is not `provider`.
    private static func refuse(
        _ invocation: Invocation, _ interpreter: Interpreter, unlessServedBy provider: Provider
    ) throws {
        guard let session = interpreter.session else { return }
        let asked = invocation[SharedFlags.provider] ?? session.connection.provider
        guard asked != provider else { return }
        let name = invocation.command.name
        if invocation[SharedFlags.provider] == nil,
            let refusal = session.connection.client.configuration.refusedProviders[provider]
        {
            // A profile of another provider: its own words, which name the profiles that would do.
            throw RuntimeError("\(name): \(refusal)", at: invocation.command.range, exitCode: 2)
        }
        throw RuntimeError(
            "\(asked.displayName)'s API cannot do \(name): it is a \(provider.displayName) command; "
                + "use a \(provider.displayName) profile (--profile NAME), or --provider \(provider.rawValue) with --sandbox",
            at: invocation.range(of: SharedFlags.provider), exitCode: 2)
    }

    /// This command, handing its result over a page at a time where `pages` gives a stream.
    func producingPages(
        _ pages: @escaping @Sendable (Invocation, inout Interpreter) async throws -> ValueStream?
    ) -> CommandDefinition {
        var copy = self
        copy.pages = pages
        return copy
    }

    /// This list with `replacement` in place of the command of the same words (or added), for
    /// tests that stand in for a command.
    public static func replacing(_ replacement: CommandDefinition, in list: [CommandDefinition] = standard)
        -> [CommandDefinition]
    {
        var result = list.filter { $0.descriptor.words != replacement.descriptor.words }
        result.append(replacement)
        return result
    }

    /// A command for tests and embedders: `run` gets the parsed command, its input and the
    /// interpreter, and reads its arguments itself.
    public static func custom(
        _ words: [String], positionals: [PositionalDescriptor] = [], pageRole: PageRole? = nil,
        run:
            @escaping @Sendable (_ command: Command, _ input: Value, _ interpreter: inout Interpreter) async throws ->
            Value
    ) -> CommandDefinition {
        CommandDefinition(
            words, "", category: .shell, positionals: positionals.map { Positional<Expression>($0, read: .expression) },
            tests: []
        ) { invocation, interpreter in
            try await run(invocation.command, invocation.input, &interpreter)
        }
        .handling(pageRole)
    }

    /// A command for tests and embedders whose result comes a page at a time: `pages` gets the
    /// parsed command and the interpreter.
    public static func paged(
        _ words: [String],
        pages: @escaping @Sendable (_ command: Command, _ interpreter: inout Interpreter) async throws -> ValueStream
    ) -> CommandDefinition {
        CommandDefinition(words, "", category: .shell, tests: []) { invocation, interpreter in
            .list(try await interpreter.collect(pages(invocation.command, &interpreter)))
        }
        .producingPages { invocation, interpreter in try await pages(invocation.command, &interpreter) }
    }

    private func handling(_ role: PageRole?) -> CommandDefinition { role.map(handlingPages) ?? self }
}

extension CommandRegistry {
    /// Every wps command, as ``CommandDefinition/standard`` declares them.
    public static let standard = CommandRegistry(CommandDefinition.standard.map(\.descriptor))
}

extension Parser {
    /// Parses a whole source file against the standard commands.
    public static func parse(_ source: SourceFile) -> ParseResult { parse(source, registry: .standard) }
}

extension HelpRenderer {
    /// Help for the standard commands.
    public init() { self.init(registry: .standard) }
}
