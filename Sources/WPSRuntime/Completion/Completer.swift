import Foundation
import OutreachAPI
import WPSLanguage

/// Tab completion for the shell, driven by the same registry as the parser: commands and
/// subcommands, flags not yet given, flag values by kind (time zones, signatures, providers,
/// profiles, days), file paths after `@` and for file arguments, variables and record paths
/// (`$c.st` → `$c.steps`), ids seen in the session, and snippets inside strings (`{{FI` →
/// `{{FIRST_NAME}}`).
public struct Completer {
    public let registry: CommandRegistry
    /// The variables in scope.
    public var variables: [String: Value]
    /// Ids seen in this session, by kind (campaign, step, batch).
    public var ids: [ValueKind: [String]]
    public var profiles: [String]
    /// What each id stands for (a campaign's name), shown when several ids are listed.
    public var labels: [String: String]

    public init(
        registry: CommandRegistry = .standard, variables: [String: Value] = [:], ids: [ValueKind: [String]] = [:],
        profiles: [String] = [], labels: [String: String] = [:]
    ) {
        self.registry = registry
        self.variables = variables
        self.ids = ids
        self.profiles = profiles
        self.labels = labels
    }

    /// The candidates for the word that ends at the end of `before`, and that word's length in bytes.
    public func complete(_ before: String) -> (candidates: [String], wordLength: Int) {
        // Inside an open string: snippets.
        if before.filter({ $0 == "\"" }).count % 2 == 1 {
            guard let open = before.range(of: "{{", options: .backwards), !before[open.upperBound...].contains("}}")
            else { return ([], 0) }
            let partial = String(before[open.lowerBound...])
            let name = partial.dropFirst(2)
            return (Snippets.names.filter { $0.hasPrefix(name.uppercased()) }.map { "{{\($0)}}" }, partial.utf8.count)
        }
        let word = String(
            before.reversed().prefix { !$0.isWhitespace && $0 != "|" && $0 != ";" && $0 != "(" }.reversed())
        let length = word.utf8.count
        if word.hasPrefix("$") { return (variableCandidates(word), length) }
        if word.hasPrefix("@") { return (paths(String(word.dropFirst())).map { "@" + $0 }, length) }

        let statement = String(before.dropLast(word.count))
        let stage =
            statement.split(omittingEmptySubsequences: false) { $0 == "|" || $0 == ";" || $0 == "\n" || $0 == "{" }.last
            .map(String.init) ?? ""
        let words = stage.split(whereSeparator: \.isWhitespace).map(String.init)

        // The command's name words so far.
        var name: [String] = []
        for token in words {
            if registry.isPrefix(name + [token]) { name.append(token) } else { break }
        }
        if name.count == words.count {
            let options =
                name.isEmpty ? registry.nouns + CommandRegistry.statementKeywords : registry.subcommands(after: name)
            if !options.isEmpty || registry.command(name) == nil {
                return (options.filter { $0.hasPrefix(word) }, length)
            }
        }
        guard let command = registry.command(name) else { return ([], length) }
        let arguments = Array(words.dropFirst(name.count))
        if word.hasPrefix("-") {
            let given = Set(
                arguments.filter { $0.hasPrefix("--") }.compactMap {
                    command.flag(named: String($0.dropFirst(2).prefix { $0 != "=" }))?.name
                })
            // Flags by name first, then the API's field names (aliases) once a prefix is typed.
            let open = command.flags.filter { $0.repeatable || !given.contains($0.name) }
            let names = open.map { "--" + $0.name }.filter { $0.hasPrefix(word) }
            let aliases = word.count > 2 ? open.flatMap(\.aliases).map { "--" + $0 }.filter { $0.hasPrefix(word) } : []
            return (names + aliases.filter { !names.contains($0) }, length)
        }
        if let previous = arguments.last, previous.hasPrefix("--"),
            let flag = command.flag(named: String(previous.dropFirst(2))), !flag.isBoolean
        {
            return (values(flag.kind, word), length)
        }
        let positionalIndex = arguments.enumerated().filter { index, argument in
            !argument.hasPrefix("--")
                && !(index > 0 && arguments[index - 1].hasPrefix("--")
                    && !(command.flag(named: String(arguments[index - 1].dropFirst(2)))?.isBoolean ?? true))
        }.count
        guard
            let positional = command.positionals.indices.contains(positionalIndex)
                ? command.positionals[positionalIndex] : command.positionals.last(where: \.repeating)
        else { return ([], length) }
        return (values(positional.kind, word), length)
    }

    /// Values of a kind that start with `word`.
    func values(_ kind: ValueKind, _ word: String) -> [String] {
        let options: [String]
        switch kind {
        case .timezone: options = Validation.timeZoneIdentifiers.sorted()
        case .signature: options = Signature.known.map(\.rawValue)
        case .outputFormat: options = OutputFormat.allCases.map(\.rawValue)
        case .choice(let choices): options = choices
        case .delimiter: options = [",", ";", "tab"]
        case .bool: options = ["true", "false"]
        case .profile: options = profiles
        case .window: options = ["\"MON-FRI 09:00-17:00\"", "\"MON-FRI 08:00-18:00\""]
        case .file: return paths(word)
        case .campaignID, .stepID, .batchID, .mailboxID, .versionID, .prospectEmail: options = ids[kind] ?? []
        case .list(let inner): return values(inner, word)
        default: return []
        }
        return options.filter { $0.hasPrefix(word) }
    }

    /// `$na` → variable names; `$c.steps.fo` → `$c.steps.followup`.
    func variableCandidates(_ word: String) -> [String] {
        let body = word.dropFirst()
        guard let dot = body.lastIndex(of: ".") else {
            return variables.keys.sorted().filter { $0.hasPrefix(body) }.map { "$" + $0 }
        }
        let base = String(body[..<dot])
        let partial = String(body[body.index(after: dot)...])
        let parts = base.split(separator: ".").map(String.init)
        guard let first = parts.first, let root = variables[first] else { return [] }
        var path: [PathComponent] = []
        for part in parts.dropFirst() {
            if let open = part.firstIndex(of: "["), let index = Int(part[part.index(after: open)...].dropLast()) {
                path.append(.field(String(part[..<open])))
                path.append(.index(index))
            } else {
                path.append(.field(part))
            }
        }
        guard let value = try? root.get(path), case .record(let record) = value else { return [] }
        return record.keys.filter { $0.hasPrefix(partial) }.map { "$" + base + "." + $0 }
    }

    /// Files and folders (with a trailing `/`) that start with `prefix`.
    func paths(_ prefix: String) -> [String] {
        let folder: String
        let start: String
        if let slash = prefix.lastIndex(of: "/") {
            folder = String(prefix[...slash])
            start = String(prefix[prefix.index(after: slash)...])
        } else {
            folder = ""
            start = prefix
        }
        let directory = folder.isEmpty ? "." : folder
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return entries.filter { $0.hasPrefix(start) && (start.hasPrefix(".") || !$0.hasPrefix(".")) }.sorted().map {
            entry in
            var isDirectory: ObjCBool = false
            _ = FileManager.default.fileExists(
                atPath: (directory as NSString).appendingPathComponent(entry), isDirectory: &isDirectory)
            return folder + entry + (isDirectory.boolValue ? "/" : "")
        }
    }
}
