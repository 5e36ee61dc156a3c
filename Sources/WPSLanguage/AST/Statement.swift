/// A parsed script: its statements in order.
public struct Script: Sendable, Equatable {
    public var statements: [Statement]
    public init(statements: [Statement]) { self.statements = statements }
}

/// A `{ … }` block of statements.
public struct Block: Sendable, Equatable {
    public var statements: [Statement]
    public var range: SourceRange
    public init(statements: [Statement], range: SourceRange) {
        self.statements = statements
        self.range = range
    }
}

/// One statement.
public indirect enum Statement: Sendable, Equatable {
    /// `campaign list | where status == "DRAFT" | count`
    case pipeline(Pipeline)
    /// `let c = campaign get 777`
    case assignment(name: String, value: Pipeline, range: SourceRange)
    /// `$n = $n + 1`: a new value for a variable declared before, in the scope it was declared in
    /// (a `let` inside a block declares a new one that ends with the block).
    case update(name: String, value: Pipeline, range: SourceRange)
    /// `for box in $boxes { echo $box.email }`
    case forLoop(variable: String, sequence: Expression, body: Block, range: SourceRange)
    /// `if $c.status == "DRAFT" { … } else { … }` (an `else if` is an `if` alone in the else block)
    case conditional(condition: Expression, then: Block, otherwise: Block?, range: SourceRange)
    /// `try { campaign run 1 } catch { echo $error }`
    case attempt(body: Block, recovery: Block?, range: SourceRange)
    /// `source setup.wps`
    case source(path: Expression, range: SourceRange)

    /// Where the statement is.
    public var range: SourceRange {
        switch self {
        case .pipeline(let pipeline): pipeline.range
        case .assignment(_, _, let range), .update(_, _, let range), .forLoop(_, _, _, let range),
            .conditional(_, _, _, let range),
            .attempt(_, _, let range), .source(_, let range):
            range
        }
    }
}

/// Commands joined by `|`, optionally starting from a value and ending in `> FILE`:
/// `campaign list | count`, `$boxes | where failed`, `[1 2 3] | count`.
public struct Pipeline: Sendable, Equatable {
    /// The value the first command receives, when the pipeline starts with one (`$boxes | …`).
    public var input: Expression?
    public var stages: [Command]
    /// `> FILE`: where the rendered output goes.
    public var redirect: Expression?
    /// `>> FILE`: the output is added at the end of the file instead of replacing it.
    public var appends: Bool
    public var range: SourceRange
    public init(
        input: Expression? = nil, stages: [Command], redirect: Expression? = nil, appends: Bool = false,
        range: SourceRange
    ) {
        self.input = input
        self.stages = stages
        self.redirect = redirect
        self.appends = appends
        self.range = range
    }
}

/// One command: its name words (`["campaign", "new"]`) and arguments in order.
public struct Command: Sendable, Equatable {
    public var words: [String]
    public var arguments: [Argument]
    /// The range of the name words.
    public var nameRange: SourceRange
    public var range: SourceRange
    public init(words: [String], arguments: [Argument], nameRange: SourceRange, range: SourceRange) {
        self.words = words
        self.arguments = arguments
        self.nameRange = nameRange
        self.range = range
    }

    /// The command's name as typed: `campaign new`.
    public var name: String { words.joined(separator: " ") }
    /// The positional arguments.
    public var positionals: [Expression] {
        arguments.compactMap { if case .positional(let value) = $0 { value } else { nil } }
    }
    /// The values given for a flag (several when repeated); a flag given without a value yields nil.
    public func values(of flag: String) -> [Expression?] {
        arguments.compactMap { if case .flag(let name, let value, _) = $0, name == flag { .some(value) } else { nil } }
    }
}

/// A command argument.
public enum Argument: Sendable, Equatable {
    /// `777`, `"Q4 outreach"`, `$c.id`
    case positional(Expression)
    /// `--daily-enroll 50`, `--track-opens` (no value), `--tz=Europe/Berlin`
    case flag(name: String, value: Expression?, range: SourceRange)
}
