/// One token of wps source, with its range.
public struct Token: Sendable, Hashable {
    public var kind: TokenKind
    public var range: SourceRange
    public init(_ kind: TokenKind, _ range: SourceRange) {
        self.kind = kind
        self.range = range
    }
}

/// The kinds of token. Numbers, durations (`3d`), times (`08:00`), e-mail addresses and comma
/// lists (`1,2,3`) are all ``word(_:)``s: what a word means depends on where it is used.
public enum TokenKind: Sendable, Hashable {
    /// A bare word: `campaign`, `08:00`, `3d`, `Europe/Berlin`, `1,2,3`, `-5`.
    case word(String)
    /// A double-quoted string, with its interpolated parts: `"Hi $name, $(count)"`.
    case string([StringPart])
    /// A single-quoted string, taken literally: `'$not_a_variable'`.
    case literal(String)
    /// A variable reference with its path: `$c.steps.followup.id`, `$boxes[0]`, `$_`, `$1`.
    case variable(VariableReference)
    /// A flag: `--daily-enroll`; `attached` when written `--flag=value` (the value is the next token).
    case flag(String, attached: Bool)
    /// A file reference: `@first.html`.
    case fileReference(String)
    /// `$(` — the start of a sub-pipeline, closed by ``rightParen``.
    case subpipelineStart
    case leftBracket, rightBracket, leftBrace, rightBrace, leftParen, rightParen
    case pipe, semicolon, newline
    /// `,` between the items of a list (`[1, 2, 3]`); elsewhere a comma is part of a word.
    case comma
    /// A comparison or boolean operator: `==`, `!=`, `<`, `<=`, `>`, `>=`, `=~`, `&&`, `||`, `!`.
    /// `>` at the end of a pipeline is a redirect; the parser decides.
    case `operator`(String)
    /// `=` in `let NAME = …`.
    case assign
    case end
}

/// A `$name` reference and the fields and indexes after it.
public struct VariableReference: Sendable, Hashable, CustomStringConvertible {
    public var name: String
    public var path: [PathComponent]
    public init(name: String, path: [PathComponent] = []) {
        self.name = name
        self.path = path
    }
    public var description: String {
        "$" + name
            + path.map { component in
                switch component {
                case .field(let field): "." + field
                case .index(let index): "[\(index)]"
                }
            }.joined()
    }
}

/// One step of a path into a value: `.steps` or `[0]`.
public enum PathComponent: Sendable, Hashable {
    case field(String)
    case index(Int)
}

/// A piece of a double-quoted string.
public enum StringPart: Sendable, Hashable {
    case text(String)
    case variable(VariableReference)
    /// `$(pipeline)`: the range of the pipeline's text, parsed by the parser.
    case subpipeline(SourceRange)
}
