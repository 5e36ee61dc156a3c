import Foundation
import WPSLanguage

/// The words after `wps` read as one command when they are not a script's path:
/// `wps help campaign new`, `wps --sandbox campaign list --output json`.
///
/// The words become a `-c` line. wps's own options may stand before or after them; after them
/// they stay the command's when it has a flag of that name (`--provider`). Each word is one
/// argument, quoted for the language so that what the outer shell expanded is kept as it is
/// (no `$` or `|` of wps is read in it); a pipeline needs `wps -c '…'`.
enum CommandWords {
    /// wps's options that take a value, and those that do not.
    static let valueOptions: Set<String> = ["--output", "--provider", "--profile", "--ca-file", "--timeout"]
    static let plainOptions: Set<String> = ["--sandbox", "--dry-run", "--check"]

    /// The arguments with command words turned into `-c LINE`; unchanged when the first word
    /// that is not an option is a file, `-`, not a command, or `-c` or help is asked for.
    static func rewritten(_ arguments: [String], registry: CommandRegistry = .standard) -> [String] {
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            let name = argument.split(separator: "=", maxSplits: 1).first.map(String.init) ?? argument
            if plainOptions.contains(argument) {
                index += 1
            } else if valueOptions.contains(name) {
                index += argument.contains("=") ? 1 : 2
            } else {
                break
            }
        }
        guard index < arguments.count else { return arguments }
        let first = arguments[index]
        guard first == "help" || registry.command([first]) != nil || registry.isPrefix([first]),
            !FileManager.default.fileExists(atPath: first)
        else { return arguments }
        let words = Array(arguments[index...])
        let command = descriptor(for: words, in: registry)
        var own: [String] = []
        var kept: [String] = []
        var position = 0
        while position < words.count {
            let word = words[position]
            let name = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            let flagName = String(name.dropFirst(2))
            let isCommandFlag = command?.flag(named: flagName) != nil
            if !isCommandFlag, plainOptions.contains(word) {
                own.append(word)
            } else if !isCommandFlag, valueOptions.contains(name) {
                own.append(word)
                if !word.contains("="), position + 1 < words.count {
                    position += 1
                    own.append(words[position])
                }
            } else {
                kept.append(word)
            }
            position += 1
        }
        return Array(arguments[..<index]) + own + ["-c", kept.map(quoted).joined(separator: " ")]
    }

    /// The command the leading words name, the longest match (`campaign step add` over `campaign`).
    static func descriptor(for words: [String], in registry: CommandRegistry) -> CommandDescriptor? {
        for count in stride(from: min(words.count, 4), through: 1, by: -1) {
            if let command = registry.command(Array(words.prefix(count))) { return command }
        }
        return nil
    }

    /// A word as the lexer reads it back: bare when it holds only plain characters, otherwise
    /// in single quotes (taken literally), or in double quotes with `\`, `"` and `$` escaped.
    static func quoted(_ word: String) -> String {
        let plain =
            !word.isEmpty
            && word.unicodeScalars.allSatisfy { scalar in
                scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
                    || "-_./:@,".unicodeScalars.contains(scalar)
            }
        if plain { return word }
        if !word.contains("'") { return "'\(word)'" }
        var escaped = ""
        for character in word {
            if character == "\\" || character == "\"" || character == "$" { escaped.append("\\") }
            escaped.append(character)
        }
        return "\"\(escaped)\""
    }
}
