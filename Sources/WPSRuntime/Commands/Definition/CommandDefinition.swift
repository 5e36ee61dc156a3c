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
    /// The providers whose APIs serve the command (``served(by:)``, ``merging(_:)``); empty when
    /// it is every provider's (or needs none).
    private(set) var providers: [Provider] = []

    /// For a command several providers serve each their own way, the flags each provider's
    /// variant takes (``merging(_:)``); empty otherwise.
    private(set) var flagsByProvider: [Provider: Set<String>] = [:]

    /// The one provider that serves the command, when one alone does.
    var servedBy: Provider? { providers.count == 1 ? providers.first : nil }
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
        copy.providers = [provider]
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

    /// One command that several providers serve each their own way (`prospect import`): the
    /// variants' flags together (a flag only some providers require is required by none here; each
    /// provider's requirement is checked when it runs), and a run that goes to the variant of the
    /// provider asked for (`--provider`, else the session's). A flag of another provider's
    /// variant, a missing flag this provider requires, or a provider with no variant is refused
    /// before anything is sent, exit 2.
    static func merging(_ variants: [CommandDefinition]) -> CommandDefinition {
        guard let first = variants.first, variants.count > 1 else { return variants[0] }
        var flags: [any FlagReading] = []
        var seen: Set<String> = []
        for variant in variants {
            for flag in variant.flags where seen.insert(flag.flagDescriptor.name).inserted {
                let name = flag.flagDescriptor.name
                let namesakes = variants.flatMap { $0.flags.filter { $0.flagDescriptor.name == name } }
                let everywhere = variants.allSatisfy { other in
                    other.flags.contains { $0.flagDescriptor.name == name && $0.flagDescriptor.required }
                }
                // A choice each provider spells its own way takes any provider's option
                // (`--status paused` or `PAUSED`); each variant checks its own when it runs.
                var choices: [String] = []
                for case .choice(let options) in namesakes.map(\.flagDescriptor.kind) {
                    for option in options where !choices.contains(where: { $0.lowercased() == option.lowercased() }) {
                        choices.append(option)
                    }
                }
                // (A flag every variant declares alike, `--provider`, is that flag as it is.)
                let alike = namesakes.allSatisfy { $0.flagDescriptor.kind == flag.flagDescriptor.kind }
                if namesakes.count > 1, !alike,
                    namesakes.allSatisfy({ if case .choice = $0.flagDescriptor.kind { true } else { false } })
                {
                    var descriptor = flag.flagDescriptor
                    descriptor.kind = .choice(choices)
                    descriptor.required = everywhere
                    if !everywhere { descriptor.requiredUnless = [] }
                    flags.append(Flag<String>(descriptor, read: .choice(choices)))
                } else {
                    flags.append(everywhere ? flag : flag.withoutRequirement)
                }
            }
        }
        func union(_ lists: [[String]]) -> [String] {
            var result: [String] = []
            for item in lists.joined() where !result.contains(item) { result.append(item) }
            return result
        }
        // A positional whose choices each provider spells its own way (webhook events) takes any
        // provider's; each variant checks its own when it runs.
        var positionals = first.positionals
        for (index, positional) in positionals.enumerated() {
            guard case .choice = positional.positionalDescriptor.kind else { continue }
            var choices: [String] = []
            for variant in variants where index < variant.positionals.count {
                guard case .choice(let options) = variant.positionals[index].positionalDescriptor.kind else { continue }
                for option in options where !choices.contains(option) { choices.append(option) }
            }
            var descriptor = positional.positionalDescriptor
            descriptor.kind = .choice(choices)
            positionals[index] = Positional<String>(descriptor, what: positional.what, read: .word)
        }
        let descriptor = first.descriptor
        let allFlags = flags
        var merged = CommandDefinition(
            descriptor.words, descriptor.summary, category: descriptor.category, discussion: descriptor.discussion,
            positionals: positionals, flags: flags, examples: union(variants.map(\.descriptor.examples)),
            sends: union(variants.map(\.descriptor.sends)), tests: union(variants.map(\.tests))
        ) { invocation, interpreter in
            let variant = try Self.variant(of: variants, for: invocation, interpreter, flags: allFlags)
            return try await variant.body(invocation, &interpreter)
        }
        merged.providers = variants.flatMap(\.providers)
        for variant in variants {
            for provider in variant.providers {
                merged.flagsByProvider[provider] = Set(variant.flags.map(\.flagDescriptor.name))
                    .union([SharedFlags.provider.name])
            }
        }
        if variants.contains(where: { $0.pages != nil }) {
            merged.pages = { invocation, interpreter in
                let variant = try Self.variant(of: variants, for: invocation, interpreter, flags: allFlags)
                return try await variant.pages?(invocation, &interpreter)
            }
        }
        return merged
    }

    /// The variant of the provider the invocation asks for, its flags checked.
    private static func variant(
        of variants: [CommandDefinition], for invocation: Invocation, _ interpreter: Interpreter,
        flags: [any FlagReading]
    ) throws -> CommandDefinition {
        let name = invocation.command.name
        let asked = invocation[SharedFlags.provider] ?? interpreter.session?.connection.provider ?? .default
        guard let variant = variants.first(where: { $0.providers.contains(asked) }) else {
            let serving = variants.flatMap(\.providers).map(\.displayName).joined(separator: " or ")
            throw RuntimeError(
                "\(asked.displayName)'s API cannot do \(name): it is served by \(serving)",
                at: invocation.range(of: SharedFlags.provider), exitCode: 2)
        }
        // `--provider` chooses the variant: every variant takes it.
        let own = Set(variant.flags.map(\.flagDescriptor.name)).union([SharedFlags.provider.name])
        for flag in flags where invocation.isGiven(flag) && !own.contains(flag.flagDescriptor.name) {
            let theirs = variants.filter { $0.flags.contains { $0.flagDescriptor.name == flag.flagDescriptor.name } }
                .flatMap(\.providers).map(\.displayName).joined(separator: ", ")
            throw RuntimeError(
                "--\(flag.flagDescriptor.name) is \(theirs)'s: with \(asked.displayName), \(name) does not take it "
                    + "(help \(name) lists each provider's flags)",
                at: invocation.givenRange(of: flag), exitCode: 2)
        }
        for flag in variant.flags {
            // A choice merged from several providers' spellings: this provider's own options only.
            guard case .choice(let options) = flag.flagDescriptor.kind,
                let given = invocation[Flag<String>(flag.flagDescriptor, read: .text)],
                !options.contains(where: { $0.lowercased() == given.lowercased() })
            else { continue }
            throw RuntimeError(
                "--\(flag.flagDescriptor.name) \(given) is not \(asked.displayName)'s: with \(asked.displayName), "
                    + "\(name) takes " + options.joined(separator: ", "),
                at: invocation.givenRange(of: flag), exitCode: 2)
        }
        for positional in variant.positionals {
            // A choice merged from several providers' spellings: this provider's own options only.
            guard case .choice(let options) = positional.positionalDescriptor.kind else { continue }
            let reading = Positional<String>(positional.positionalDescriptor, what: positional.what, read: .word)
            for given in invocation.all(reading) where !options.contains(given) {
                throw RuntimeError(
                    "\(given) is not \(asked.displayName)'s: with \(asked.displayName), \(name) takes "
                        + options.joined(separator: ", "),
                    at: invocation.range(of: reading), exitCode: 2)
            }
        }
        for flag in variant.flags where flag.flagDescriptor.required && !invocation.isGiven(flag) {
            let descriptor = flag.flagDescriptor
            if descriptor.requiredUnless.contains(where: { other in
                variant.flags.contains { $0.flagDescriptor.name == other && invocation.isGiven($0) }
            }) {
                continue
            }
            throw RuntimeError(
                "\(name) with \(asked.displayName) needs --\(descriptor.name) (\(descriptor.summary))",
                at: invocation.command.range, exitCode: 2)
        }
        return variant
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
