import WPSLanguage

/// One run of a command: the parsed command, the value piped into it, and every argument it was
/// given, already read as its declaration's type.
///
/// ```swift
/// let ids = invocation[CampaignNew.accounts]          // [Int]?
/// let subjects = invocation.all(CampaignNew.subject)  // [String], one per --subject
/// ```
public struct Invocation: Sendable {
    public let command: Command
    public let input: Value
    private var flagValues: [String: [any Sendable]] = [:]
    private var flagRanges: [String: [SourceRange]] = [:]
    private var positionalValues: [String: [any Sendable]] = [:]
    private var positionalRanges: [String: [SourceRange]] = [:]

    /// Reads every argument of `command` in source order: each flag by its declaration (aliases
    /// were resolved by the parser), each positional by the one it falls to (the last one takes
    /// the rest when it repeats).
    ///
    /// `literalsOnly` reads only what is known before the script runs (``LiteralCheck``): a
    /// value written out, not a variable, a `$(…)` or an interpolation, and never a secret.
    static func read(
        _ command: Command, input: Value, flags: [any FlagReading], positionals: [any PositionalReading],
        literalsOnly: Bool = false, _ interpreter: inout Interpreter
    ) async throws -> Invocation {
        var invocation = Invocation(command: command, input: input)
        var byName: [String: any FlagReading] = [:]
        for flag in flags { byName[flag.flagDescriptor.name] = flag }
        var position = 0
        // Every argument is read, so that one run shows all of a command's bad values.
        var refused: [RuntimeError] = []
        for argument in command.arguments {
            do {
                switch argument {
                case .flag(let name, let value, let range):
                    guard let flag = byName[name] else { continue }
                    if literalsOnly, flag.flagDescriptor.isSecret || !LiteralCheck.isLiteral(value) { continue }
                    let site = ArgumentSite(
                        expression: value, what: "--\(name)", name: name, range: value?.range ?? range)
                    invocation.flagValues[name, default: []].append(try await flag.read(site, &interpreter))
                    invocation.flagRanges[name, default: []].append(site.range)
                case .positional(let expression):
                    guard !positionals.isEmpty else { continue }
                    let positional = positionals[min(position, positionals.count - 1)]
                    position += 1
                    if literalsOnly, !LiteralCheck.isLiteral(expression) { continue }
                    let name = positional.positionalDescriptor.name
                    let site = ArgumentSite(
                        expression: expression, what: positional.what, name: name, range: expression.range)
                    invocation.positionalValues[name, default: []].append(
                        try await positional.read(site, &interpreter))
                    invocation.positionalRanges[name, default: []].append(expression.range)
                }
            } catch let error as RuntimeError where error.exitCode == 2 && !error.isUnlocated {
                // A value that is not one (exit 2): the next arguments are read all the same.
                refused.append(error)
            }
        }
        if let error = RuntimeError.combining(refused) { throw error }
        return invocation
    }

    init(command: Command, input: Value) {
        self.command = command
        self.input = input
    }

    /// The flag's value (its last occurrence), nil when not given.
    subscript<T>(_ flag: Flag<T>) -> T? { flagValues[flag.name]?.last as? T }

    /// Every value given for a repeatable flag, in order.
    func all<T>(_ flag: Flag<T>) -> [T] { flagValues[flag.name]?.compactMap { $0 as? T } ?? [] }

    /// Whether the flag was given at all.
    func has<T>(_ flag: Flag<T>) -> Bool { flagValues[flag.name] != nil }

    /// Whether `flag` was given, for a list of flags of mixed types.
    func isGiven(_ flag: any FlagReading) -> Bool { flagValues[flag.flagDescriptor.name] != nil }

    /// Where `flag` (of a list of mixed types) was given, else the command word.
    func givenRange(of flag: any FlagReading) -> SourceRange {
        flagRanges[flag.flagDescriptor.name]?.last ?? command.range
    }

    /// Where the flag's (last) value was written; the command when it was not given.
    func range<T>(of flag: Flag<T>) -> SourceRange { flagRanges[flag.name]?.last ?? command.range }

    /// Where each value of a repeatable flag was written, in order.
    func ranges<T>(of flag: Flag<T>) -> [SourceRange] { flagRanges[flag.name] ?? [] }

    /// The positional's value (its first), nil when not given.
    subscript<T>(_ positional: Positional<T>) -> T? { positionalValues[positional.name]?.first as? T }

    /// Every value of a repeating positional, in order.
    func all<T>(_ positional: Positional<T>) -> [T] {
        positionalValues[positional.name]?.compactMap { $0 as? T } ?? []
    }

    /// The positional's value, or an error naming it when it was not given.
    func required<T>(_ positional: Positional<T>) throws -> T {
        guard let value = self[positional] else {
            throw RuntimeError("'\(command.name)' needs \(positional.what)", at: command.range)
        }
        return value
    }

    /// A required flag's value. The parser refuses a command without it, so this fails only
    /// for a command built by hand.
    func required<T>(_ flag: Flag<T>) throws -> T {
        guard let value = self[flag] else {
            throw RuntimeError("'\(command.name)' needs --\(flag.name)", at: command.range)
        }
        return value
    }

    /// Where the positional was written; the command when it was not given.
    func range<T>(of positional: Positional<T>) -> SourceRange {
        positionalRanges[positional.name]?.first ?? command.range
    }
}
