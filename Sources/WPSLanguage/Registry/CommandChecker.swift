/// Checks a parsed command against its descriptor: flags, their values' kinds, positionals.
///
/// Values that are only known when the script runs (variables, interpolated strings, `$(…)`)
/// are not checked here; literal words are.
public struct CommandChecker: Sendable {
    public let descriptor: CommandDescriptor

    public init(_ descriptor: CommandDescriptor) { self.descriptor = descriptor }

    public func check(_ command: Command) -> [Diagnostic] {
        var problems: [Diagnostic] = []
        var seen: [String: SourceRange] = [:]
        var positionals: [Expression] = []
        for argument in command.arguments {
            switch argument {
            case .positional(let value):
                positionals.append(value)
            case .flag(let name, let value, let range):
                let nameRange = SourceRange(range.start, range.start + 2 + name.utf8.count)
                guard let flag = descriptor.flag(named: name) else {
                    problems.append(unknownFlag(name, at: nameRange))
                    continue
                }
                if seen[name] != nil, !flag.repeatable {
                    problems.append(
                        Diagnostic(.error, "--\(name) is given twice", at: nameRange, label: "give it once"))
                }
                seen[name] = range
                guard let value else {
                    if flag.isSecret {
                        problems.append(Self.secretNeedsValue(flag, at: nameRange))
                    } else if !flag.isBoolean {
                        problems.append(Diagnostic(.error, "--\(name) needs a value (\(flag.kind))", at: nameRange))
                    }
                    continue
                }
                if flag.isSecret, Self.literalText(value) == SecretMask.history {
                    problems.append(Self.maskedSecret(flag, at: value.range))
                    continue
                }
                if let problem = Self.kindProblem(value, flag.kind, what: "--\(name)") { problems.append(problem) }
            }
        }
        for flag in descriptor.flags where flag.required && seen[flag.name] == nil {
            // Another flag may stand in for it (`--steps FILE` for `--message`).
            if flag.requiredUnless.contains(where: { seen[$0] != nil }) { continue }
            let what = flag.isSecret ? ": give it as \(Self.safeWays(flag.name))" : " (\(flag.summary))"
            let instead = flag.requiredUnless.map { ", or --\($0)" }.joined()
            problems.append(
                Diagnostic(
                    .error, "'\(descriptor.name)' needs --\(flag.name)\(what)\(instead)", at: command.nameRange))
        }
        checkPositionals(positionals, command, &problems)
        return problems
    }

    /// An unknown flag, with the closest spelling the command knows (aliases too: `--smtp-pasword`
    /// suggests `--smtp-password`, never `--imap-password`).
    func unknownFlag(_ name: String, at range: SourceRange) -> Diagnostic {
        if let positional = namedPositional(name) {
            let upper = positional.name.uppercased()
            return Diagnostic(
                .error, "'--\(name)' is not a flag of '\(descriptor.name)': \(upper) is given without one", at: range,
                label: "usage: \(descriptor.usage)")
        }
        if let note = Self.programOptions[name] {
            return Diagnostic(.error, "unknown flag '--\(name)'", at: range, label: note)
        }
        let spellings = descriptor.flagSpellings
        guard let best = Suggestion.closest(to: name, in: spellings.map(\.spelling), preferringFamilyOf: name),
            let flag = spellings.first(where: { $0.spelling == best })?.flag
        else {
            return Diagnostic(.error, "unknown flag '--\(name)'", at: range)
        }
        let shown = best == flag ? "--\(best)" : "--\(best) (--\(flag))"
        return Diagnostic(.error, "unknown flag '--\(name)'", at: range, label: "did you mean '\(shown)'?")
    }

    /// Options of the `wps` program that a command does not take, and where they go instead.
    static let programOptions: [String: String] = [
        "dry-run":
            "--dry-run is an option of wps itself, for a whole run: wps --dry-run -c '…' prints the requests instead of sending them",
        "output":
            "--output is an option of wps itself (wps --output json -c '…'); in a pipeline, end it with '| to json'",
        "sandbox": "--sandbox is an option of wps itself: wps --sandbox -c '…' (or start the shell with it)",
        "profile": "--profile is an option of wps itself: wps --profile NAME -c '…'; in the shell, 'profile use NAME'",
    ]

    /// The positional an unknown flag names (`campaign new --name x`: NAME), if one does.
    func namedPositional(_ flag: String) -> PositionalDescriptor? {
        descriptor.positionals.first { $0.name.lowercased() == flag.lowercased() }
    }

    /// The safe ways to give a secret flag's value: never typed on the line, so never on the
    /// screen, in a diagnostic or in the history.
    public static func safeWays(_ flag: String) -> String {
        "--\(flag) - (asked for with echo off, or read from standard input), --\(flag) $env.NAME, --\(flag) @FILE"
    }

    /// A secret flag given without a value: the message names the safe ways to give it.
    static func secretNeedsValue(_ flag: FlagDescriptor, at range: SourceRange) -> Diagnostic {
        Diagnostic(
            .error, "--\(flag.name) needs a value: give it as \(safeWays(flag.name))", at: range,
            label: "never type the secret on the next line: it would be read as a command")
    }

    /// A secret flag whose value is the history's mask: the line was recalled from history.
    static func maskedSecret(_ flag: FlagDescriptor, at range: SourceRange) -> Diagnostic {
        let what = String(flag.name.map { $0 == "-" ? " " : $0 })
        return Diagnostic(
            .error, "this line came from history with its \(what) masked: type the \(what) again", at: range,
            label: "the history keeps \(SecretMask.history) in place of the secret")
    }

    /// The text of a literal value (a word or a string without interpolation).
    public static func literalText(_ value: Expression) -> String? {
        switch value {
        case .word(let word, _): return word
        case .literal(let literal, _): return literal
        case .string(let parts, _):
            guard parts.allSatisfy({ if case .text = $0 { true } else { false } }) else { return nil }
            return parts.map { if case .text(let t) = $0 { t } else { "" } }.joined()
        default: return nil
        }
    }

    private func checkPositionals(_ values: [Expression], _ command: Command, _ problems: inout [Diagnostic]) {
        var remaining = values[...]
        for positional in descriptor.positionals {
            if positional.repeating {
                if remaining.isEmpty && !positional.optional {
                    problems.append(
                        Diagnostic(
                            .error, "'\(descriptor.name)' needs at least one \(positional.name.uppercased())",
                            at: command.nameRange, label: "usage: \(descriptor.usage)"))
                }
                for value in remaining {
                    if let problem = Self.kindProblem(value, positional.kind, what: positional.name.uppercased()) {
                        problems.append(problem)
                    }
                }
                remaining = []
                continue
            }
            guard let value = remaining.popFirst() else {
                if !positional.optional, !command.arguments.contains(where: { Self.flag($0, names: positional) }) {
                    problems.append(
                        Diagnostic(
                            .error, "'\(descriptor.name)' needs \(positional.name.uppercased()) (\(positional.kind))",
                            at: command.nameRange, label: "usage: \(descriptor.usage)"))
                }
                continue
            }
            if let problem = Self.kindProblem(value, positional.kind, what: positional.name.uppercased()) {
                problems.append(problem)
            }
        }
        if let extra = remaining.first {
            problems.append(
                Diagnostic(
                    .error, "too many arguments for '\(descriptor.name)'", at: extra.range,
                    label: "usage: \(descriptor.usage)"))
        }
    }

    /// Whether an argument is a flag spelled as this positional's name (already reported).
    static func flag(_ argument: Argument, names positional: PositionalDescriptor) -> Bool {
        guard case .flag(let name, _, _) = argument else { return false }
        return name.lowercased() == positional.name.lowercased()
    }

    /// A problem with a literal value for a kind, if the value is a literal word that cannot be one.
    static func kindProblem(_ value: Expression, _ kind: ValueKind, what: String) -> Diagnostic? {
        let text: String
        switch value {
        case .word(let word, _): text = word
        case .literal(let literal, _): text = literal
        case .string(let parts, _):
            guard parts.allSatisfy({ if case .text = $0 { true } else { false } }) else { return nil }
            text = parts.map { if case .text(let t) = $0 { t } else { "" } }.joined()
        case .list(let items, _):
            guard case .list(let inner) = kind else { return nil }
            return items.lazy.compactMap { kindProblem($0, inner, what: what) }.first
        default:
            return nil
        }
        guard let expected = mismatch(text, kind) else { return nil }
        // `replied` for `REPLIED`: the value meant, spelt as the API takes it.
        var meant: String?
        // The same word in another case, else the closest spelling (`prospect_repled`); in a
        // list, for its first item that is not a choice.
        func closest(_ word: String, _ options: [String]) -> String? {
            options.first { $0.lowercased() == word.lowercased() } ?? Suggestion.closest(to: word, in: options)
        }
        switch kind {
        case .choice(let options):
            meant = closest(text, options)
        case .list(.choice(let options)):
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0.filter { $0 != " " })
            }
            meant = items.first { !options.contains($0) }.flatMap { closest($0, options) }
        default:
            break
        }
        return Diagnostic(
            .error, "expected \(expected) for \(what), got '\(text)'", at: value.range,
            label: meant.map { "did you mean '\($0)'?" })
    }

    /// What was expected, when `text` is not a valid literal of `kind`.
    static func mismatch(_ text: String, _ kind: ValueKind) -> String? {
        switch kind {
        case .integer, .campaignID, .mailboxID:
            return Int(text) == nil ? (kind == .integer ? "an integer" : "a numeric \(kind)") : nil
        case .batchID:
            // A provider's batch ids may be numbers or request ids of letters and digits
            // (`129a184`); which provider answers is known only when the command runs.
            return isBatchID(text) ? nil : "a batch id (a number, or a request id such as 129a184)"
        case .number:
            return Double(text) == nil ? "a number" : nil
        case .bool:
            return ["true", "false"].contains(text) ? nil : "true or false"
        case .duration:
            return isDuration(text) ? nil : "a wait in days or hours such as 3d or 13h (1…9999)"
        case .time:
            return isTime(text) ? nil : "a time HH:mm such as 08:00"
        case .signature:
            return choice(text, in: ["SENDER", "NO_SIGNATURE"]) != nil ? nil : "SENDER or NO_SIGNATURE"
        case .outputFormat:
            let names = OutputFormat.allCases.map(\.rawValue)
            return names.contains(text) ? nil : names.dropLast().joined(separator: ", ") + " or " + (names.last ?? "")
        case .choice(let options):
            guard choice(text, in: options) == nil else { return nil }
            // A long list is not read in a message: Tab completes it and help lists it.
            return options.count > 8
                ? "one of \(options.count) names (Tab completes them; help lists them)"
                : options.joined(separator: ", ")
        case .delimiter:
            return [",", ";", "tab", "\\t", "\t", "comma", "semicolon"].contains(text.lowercased())
                ? nil : "',', ';' or tab"
        case .list(let inner):
            let items = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            for item in items {
                guard let problem = mismatch(item, inner) else { continue }
                if case .choice(let options) = inner, options.count > 8 {
                    return
                        "a comma-separated list of these \(options.count) names (Tab completes them; help lists them)"
                }
                return "a comma-separated list of \(problem)"
            }
            return nil
        default:
            return nil
        }
    }

    /// The option `text` names, in any case (`blacklist` → `BLACKLIST`); nil when it names none.
    /// The one rule for choices: the checker's, and the runtime's for values known only then.
    public static func choice(_ text: String, in options: [String]) -> String? {
        if options.contains(text) { return text }
        let lowered = text.lowercased()
        return options.first { $0.lowercased() == lowered }
    }

    /// A wait: `3d` (days) or `13h` (hours), a whole number 1…9999 — what `followup_after` can hold.
    public static func duration(_ text: String) -> (value: Int, inHours: Bool)? {
        guard let unit = text.last, unit == "d" || unit == "h", let value = Int(text.dropLast()),
            (1...9999).contains(value)
        else { return nil }
        return (value, unit == "h")
    }

    /// A batch id: digits, or a request id of letters, digits, `-` and `_`.
    public static func isBatchID(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
    }

    /// Whether `text` is a wait ``duration(_:)`` accepts.
    public static func isDuration(_ text: String) -> Bool { duration(text) != nil }

    /// `HH:mm`.
    public static func isTime(_ text: String) -> Bool {
        let parts = text.split(separator: ":")
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let h = Int(parts[0]), let m = Int(parts[1])
        else { return false }
        return (0...24).contains(h) && (0...59).contains(m)
    }
}
