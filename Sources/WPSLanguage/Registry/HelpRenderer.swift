/// Renders `help` (every command, grouped by its first word) and `help COMMAND` from the registry.
public struct HelpRenderer: Sendable {
    public let registry: CommandRegistry

    public init(registry: CommandRegistry) { self.registry = registry }

    /// All commands, grouped by noun, each with its summary.
    public func overview() -> String {
        var groups: [(String, [CommandDescriptor])] = []
        for command in registry.commands {
            let noun = command.words.count > 1 ? command.words[0] : "shell"
            if let index = groups.firstIndex(where: { $0.0 == noun }) {
                groups[index].1.append(command)
            } else {
                groups.append((noun, [command]))
            }
        }
        let width = (registry.commands.map(\.name.count).max() ?? 0) + 2
        var lines: [String] = []
        for (noun, commands) in groups {
            lines.append(noun.uppercased())
            for command in commands {
                lines.append(
                    "  " + command.name.padding(toLength: width, withPad: " ", startingAt: 0) + command.summary)
            }
            lines.append("")
        }
        lines += Self.language
        lines.append("help COMMAND shows a command's arguments, flags and examples.")
        return lines.joined(separator: "\n")
    }

    /// The statements and operators, in brief.
    static let language = [
        "LANGUAGE",
        "  let n = 50                variables; $n = $n + 1 gives a declared one a new value",
        "  for i in 1..3 { … }       loops over a list or a range (inclusive)",
        "  if COND { … } else { … }  == != < <= > >= =~, and, or, not, ( )",
        "  try { … } catch { … }     $error: status, code, message, details, endpoint",
        "  $n * (2 + 1) % 7          + - * / % ; + also joins text and lists; (…) is one argument",
        "  A | B > FILE              pipelines; >> FILE appends; source FILE runs another script",
        "",
    ]

    /// One command's usage, arguments, flags and examples; nil when there is no such command.
    public func help(for words: [String]) -> String? {
        guard let command = registry.command(words) else { return nil }
        var lines = ["\(command.name) — \(command.summary)", "", "usage: \(command.usage)"]
        if !command.sends.isEmpty { lines.append("sends: " + command.sends.joined(separator: "; ")) }
        if !command.discussion.isEmpty { lines += ["", command.discussion] }
        if !command.positionals.isEmpty {
            lines += ["", "arguments:"]
            for positional in command.positionals {
                lines.append(
                    "  \(positional.name.uppercased())  \(positional.kind)\(positional.optional ? " (optional)" : "")")
            }
        }
        if !command.flags.isEmpty {
            lines += ["", "flags:"]
            let width = (command.flags.map { $0.name.count + $0.kind.description.count }.max() ?? 0) + 6
            for flag in command.flags {
                let head = flag.isBoolean ? "--\(flag.name)" : "--\(flag.name) <\(flag.kind)>"
                var notes: [String] = []
                if let requirement = flag.requirement { notes.append(requirement) }
                if flag.repeatable { notes.append("repeatable") }
                if flag.isSecret { notes.append("secret") }
                let tail = notes.isEmpty ? "" : " (\(notes.joined(separator: ", ")))"
                lines.append("  " + head.padding(toLength: width, withPad: " ", startingAt: 0) + flag.summary + tail)
                if !flag.aliases.isEmpty {
                    let aliases = flag.aliases.map { "--" + $0 }.joined(separator: ", ")
                    lines.append("  " + "".padding(toLength: width, withPad: " ", startingAt: 0) + "also: " + aliases)
                }
            }
        }
        if !command.examples.isEmpty {
            lines += ["", "examples:"] + command.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

extension String {
    fileprivate func padding(toLength length: Int, withPad pad: String, startingAt: Int) -> String {
        count >= length ? self + " " : self + String(repeating: pad, count: length - count)
    }
}
