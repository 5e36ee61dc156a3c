/// What parsing produced: the script, every problem found, and whether the input stops in the
/// middle of something (an open quote, brace, bracket, `$(`, a trailing `|` or `\`).
public struct ParseResult: Sendable {
    public var script: Script
    public var diagnostics: [Diagnostic]
    public var isIncomplete: Bool
}

/// A recursive-descent parser for wps, one token of lookahead. On an error it records a
/// diagnostic and skips to the next statement, so one run reports several problems.
///
/// ```swift
/// let result = Parser.parse(SourceFile(name: "<command>", text: "campaign get 777 | get settings"), registry: registry)
/// ```
public struct Parser {
    let source: SourceFile
    let registry: CommandRegistry
    var tokens: [Token]
    var index = 0
    var diagnostics: [Diagnostic] = []
    var isIncomplete: Bool
    /// Open `$(…)` and `(…)` around the current position: `)` ends a stage inside them.
    var parenDepth = 0
    /// Open `{…}` around the current position: `}` ends a stage inside them.
    var braceDepth = 0
    /// Lists, blocks, `$(…)`, `(…)` and `not`s open around the current position.
    var nesting = 0
    /// Set once input nests deeper than ``maxNesting``: the rest is skipped, with one diagnostic.
    var tooDeep = false

    /// How deeply values and conditions may nest. A recursive-descent parser would otherwise
    /// run out of stack on input such as 100,000 `[`s (found by scripts/fuzz).
    public static let maxNesting = 128

    /// Parses a whole source file.
    public static func parse(_ source: SourceFile, registry: CommandRegistry) -> ParseResult {
        let lexed = Lexer.tokenize(source)
        var parser = Parser(source: source, registry: registry, tokens: lexed.tokens, isIncomplete: lexed.isIncomplete)
        parser.diagnostics = lexed.diagnostics
        let statements = parser.parseStatements(until: nil)
        return ParseResult(
            script: Script(statements: statements), diagnostics: parser.diagnostics, isIncomplete: parser.isIncomplete)
    }

    var current: Token { tokens[min(index, tokens.count - 1)] }
    var peekKind: TokenKind { tokens[min(index + 1, tokens.count - 1)].kind }
    var atEnd: Bool { current.kind == .end }

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    func isWord(_ text: String) -> Bool {
        if case .word(let word) = current.kind { return word == text }
        return false
    }

    mutating func error(_ message: String, at range: SourceRange, label: String? = nil) {
        guard !tooDeep else { return }  // after the nesting error, nothing more is worth saying
        diagnostics.append(Diagnostic(.error, message, at: range, label: label))
    }

    /// Enters one more level of nesting; past ``maxNesting`` reports it once, skips to the end of
    /// the input and returns false (the caller then gives up like on any other error).
    mutating func enterNesting() -> Bool {
        guard !tooDeep else { return false }
        guard nesting < Self.maxNesting else {
            error(
                "nested more than \(Self.maxNesting) levels deep (lists, blocks, $(…), parentheses or not)",
                at: current.range)
            tooDeep = true
            index = tokens.count - 1
            return false
        }
        nesting += 1
        return true
    }

    /// Reports an unexpected end of input as incomplete rather than as an error.
    mutating func expectMore(_ what: String) {
        guard !tooDeep else { return }
        isIncomplete = true
        error("unexpected end of input: expected \(what)", at: current.range)
    }

    mutating func skipSeparators() {
        while current.kind == .newline || current.kind == .semicolon { advance() }
    }

    /// Skips to the end of the current statement after an error.
    mutating func recover() {
        var depth = 0
        while !atEnd {
            switch current.kind {
            case .leftBrace: depth += 1
            case .rightBrace:
                if depth == 0 { return }
                depth -= 1
            case .newline where depth == 0, .semicolon where depth == 0: return
            default: break
            }
            advance()
        }
    }

    /// Statements until `terminator` (a `}`) or the end.
    mutating func parseStatements(until terminator: TokenKind?) -> [Statement] {
        var statements: [Statement] = []
        while true {
            skipSeparators()
            if atEnd { break }
            if let terminator, current.kind == terminator { break }
            if current.kind == .rightBrace {
                error("unexpected '}'", at: current.range, label: "no block is open here")
                advance()
                continue
            }
            let before = index
            if let statement = parseStatement() { statements.append(statement) }
            switch current.kind {
            case .newline, .semicolon, .end: break
            case .rightBrace where terminator == .rightBrace: break
            default:
                error(
                    "unexpected \(describe(current.kind))", at: current.range,
                    label: "expected the end of the statement")
                recover()
            }
            if index == before { advance() }  // never loop in place
        }
        return statements
    }

    func describe(_ kind: TokenKind) -> String {
        switch kind {
        case .word(let word): "'\(word)'"
        case .string: "a string"
        case .literal: "a string"
        case .variable(let reference): "'\(reference)'"
        case .flag(let name, _): "'--\(name)'"
        case .fileReference(let path): "'@\(path)'"
        case .subpipelineStart: "'$('"
        case .leftBracket: "'['"
        case .rightBracket: "']'"
        case .leftBrace: "'{'"
        case .rightBrace: "'}'"
        case .leftParen: "'('"
        case .rightParen: "')'"
        case .pipe: "'|'"
        case .semicolon: "';'"
        case .comma: "','"
        case .newline: "the end of the line"
        case .operator(let op): "'\(op)'"
        case .assign: "'='"
        case .end: "the end of the input"
        }
    }
}
