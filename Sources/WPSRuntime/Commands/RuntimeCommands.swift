import Foundation
import OutreachAPI
import WPSLanguage

/// Every command the runtime implements on top of the interpreter's built-in filters.
public enum RuntimeCommands {
    /// The API commands (bound to a session) and the shell's own (`help`, `version`).
    public static func all(session: Session) -> [String: Interpreter.CommandImplementation] {
        var table: [String: Interpreter.CommandImplementation] = [:]
        MailboxCommands.register(session, into: &table)
        ImportCommands.register(session, into: &table)
        CampaignCommands.register(session, into: &table)
        AuthoringCommands.register(session, into: &table)
        table["env"] = { _, _, interpreter in
            // What its help promises: the profile, provider and base URLs in use (never a key).
            let configuration = session.client.configuration
            var urls = Record()
            for provider in Provider.allCases { urls[provider.rawValue] = .string(configuration.baseURL(for: provider)) }
            return .record([
                "profile": .string(session.activeProfile), "provider": .string(session.provider.rawValue),
                "base_url": .string(configuration.baseURL(for: session.provider)), "base_urls": .record(urls),
                "dry_run": .bool(session.dryRun), "variables": .record(interpreter.variableTypes),
            ])
        }
        table["length"] = { input, _, _ in
            switch input {
            case .list(let items): .int(items.count)
            case .record(let record): .int(record.count)
            case .null: .int(0)
            default: .int(input.text.count)
            }
        }
        table["sleep"] = { _, command, interpreter in
            guard let value = try await CommandArguments(command: command).positional(0, &interpreter) else {
                throw RuntimeError("sleep needs a duration such as 500ms, 2s or 1m", at: command.range)
            }
            guard let duration = ClockDuration.parse(value.text) else {
                throw RuntimeError("sleep takes a duration such as 500ms, 2s or 1m, got '\(value.text)'", at: command.positionals.first?.range)
            }
            try await Task.sleep(for: duration)
            return .null
        }
        table["clear"] = { _, _, _ in
            if session.stdoutIsTerminal { FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J".utf8)) }
            return .null
        }
        table["version"] = { _, _, _ in .string("wps \(OutreachAPIVersion.string)") }
        table["history"] = { _, command, _ in
            guard let path = session.historyPath, let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RuntimeError("there is no history outside the interactive shell", at: command.range)
            }
            return .list(text.split(separator: "\n").dropFirst().map { .string(Self.unvis(String($0))) })
        }
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
            let registry = CommandRegistry.standard
            if try await CommandArguments(command: command).bool("json", &interpreter) == true {
                // JSON text whatever the output format: the catalogue is read by programs.
                guard !words.isEmpty else { return .string(JSONRenderer(pretty: true).render(Catalog.document())) }
                guard let descriptor = registry.command(words) else {
                    throw RuntimeError("no command '\(words.joined(separator: " "))'", at: command.range)
                }
                return .string(JSONRenderer(pretty: true).render(Catalog.command(descriptor)))
            }
            if words.isEmpty { return .string(HelpRenderer().overview()) }
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

    /// Undoes libedit's encoding of history lines (`\040` for a space, `\\` for a backslash).
    static func unvis(_ line: String) -> String {
        let source = Array(line.utf8)
        var bytes: [UInt8] = []
        var index = 0
        func isOctal(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) }
        while index < source.count {
            let rest = source[index...]
            if rest.count >= 4, source[index] == UInt8(ascii: "\\"), rest.dropFirst().prefix(3).allSatisfy(isOctal),
                let value = UInt8(String(decoding: rest.dropFirst().prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else if rest.count >= 2, source[index] == UInt8(ascii: "\\"), source[index + 1] == UInt8(ascii: "\\") {
                bytes.append(UInt8(ascii: "\\"))
                index += 2
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
