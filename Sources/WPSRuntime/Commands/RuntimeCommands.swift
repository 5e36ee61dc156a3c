import OutreachAPI
import WPSLanguage

/// Every command the runtime implements on top of the interpreter's built-in filters.
public enum RuntimeCommands {
    /// The API commands (bound to a session) and the shell's own (`help`, `version`).
    public static func all(session: Session) -> [String: Interpreter.CommandImplementation] {
        var table: [String: Interpreter.CommandImplementation] = [:]
        MailboxCommands.register(session, into: &table)
        CampaignCommands.register(session, into: &table)
        table["version"] = { _, _, _ in .string("wps \(OutreachAPIVersion.string)") }
        table["profile list"] = { _, _, _ in
            guard let profiles = session.profiles else {
                return .list([.record(["name": .string("sandbox"), "provider": .string("woodpecker, saleshandy"), "active": .bool(true)])])
            }
            return .list(profiles.profiles.map { $0.value(active: $0.name == session.activeProfile) })
        }
        table["profile use"] = { _, command, interpreter in
            guard let name = try await CommandArguments(command: command).positional(0, &interpreter)?.text else {
                throw RuntimeError("profile use needs NAME", at: command.range)
            }
            try session.use(profile: name)
            return .string("using profile \(name)")
        }
        table["help"] = { _, command, interpreter in
            var words: [String] = []
            for index in command.positionals.indices { words.append(try await interpreter.evaluate(command.positionals[index]).text) }
            if words.isEmpty { return .string(HelpRenderer().overview()) }
            let registry = CommandRegistry.standard
            if registry.command(words) == nil, registry.isPrefix(words) {
                // `help campaign`: every command under that noun.
                return .string(registry.commands.filter { Array($0.words.prefix(words.count)) == words }
                    .map { "\($0.usage)\n    \($0.summary)" }.joined(separator: "\n"))
            }
            guard let text = HelpRenderer().help(for: words) else {
                let suggestion = Suggestion.closest(to: words.joined(separator: " "), in: registry.commands.map(\.name) + registry.nouns)
                throw RuntimeError("no command '\(words.joined(separator: " "))'" + (suggestion.map { " — did you mean '\($0)'?" } ?? ""), at: command.range)
            }
            return .string(text)
        }
        return table
    }
}
