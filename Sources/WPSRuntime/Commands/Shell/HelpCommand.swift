import WPSLanguage

/// `help [COMMAND…] [--json]`: the commands, one noun's, or one command's usage; `--json`
/// the whole catalogue (or one command's entry) as JSON, for programs.
enum HelpCommand {
    static let words = Positional<String>("command", .string, optional: true, repeating: true, read: .text)
    static let json = Flag<Bool>(
        "json", "the catalogue (or one command's entry) as JSON, for programs; see docs/catalog.md")

    static let definition = CommandDefinition(
        ["help"], "Show the commands, or one command's usage; --json: the whole catalogue as JSON.", category: .shell,
        positionals: [words], flags: [json],
        examples: ["help campaign new", "help --json", "help campaign new --json"],
        tests: ["e2e:test_language_cli.py::test_help_and_version_commands"]
    ) { invocation, interpreter in
        let words = invocation.all(words)
        let registry = interpreter.registry
        let command = invocation.command
        if invocation[json] == true {
            // JSON text whatever the output format: the catalogue is read by programs.
            guard !words.isEmpty else { return .string(JSONRenderer(pretty: true).render(Catalog.document(registry))) }
            guard let descriptor = registry.command(words) else {
                throw RuntimeError("no command '\(words.joined(separator: " "))'", at: command.range)
            }
            return .string(JSONRenderer(pretty: true).render(Catalog.command(descriptor)))
        }
        let help = HelpRenderer(registry: registry)
        if words.isEmpty { return .string(help.overview()) }
        if registry.command(words) == nil, registry.isPrefix(words) {
            // `help campaign`: every command under that noun.
            return .string(
                registry.commands.filter { Array($0.words.prefix(words.count)) == words }
                    .map { "\($0.usage)\n    \($0.summary)" }.joined(separator: "\n"))
        }
        guard let text = help.help(for: words) else {
            let name = words.joined(separator: " ")
            let suggestion = Suggestion.closest(to: name, in: registry.commands.map(\.name) + registry.nouns)
            throw RuntimeError(
                "no command '\(name)'" + (suggestion.map { " — did you mean '\($0)'?" } ?? ""), at: command.range)
        }
        return .string(text)
    }
}
