/// Turns wps source into tokens, recording diagnostics instead of stopping at the first problem.
///
/// An unterminated quote, `$(`, or a trailing `\` makes the result *incomplete* rather than
/// wrong, so the shell can ask for another line.
///
/// ```swift
/// let result = Lexer.tokenize(SourceFile(name: "<command>", text: "campaign get 777 | get settings"))
/// ```
public struct Lexer {
    /// What lexing produced.
    public struct Result: Sendable {
        public var tokens: [Token]
        public var diagnostics: [Diagnostic]
        /// The input stops inside a string, a `$(`, or after a `\`.
        public var isIncomplete: Bool
    }

    let bytes: [UInt8]
    var position: Int
    let end: Int
    var tokens: [Token] = []
    var diagnostics: [Diagnostic] = []
    var isIncomplete = false
    /// The brackets open here, innermost last (`(` also for `$(`): a `,` directly inside a `[`
    /// separates list items (`[1, 2, 3]`); anywhere else it is part of a word (`--accounts 1,2,3`).
    var openers: [UInt8] = []

    /// Whether the innermost open bracket is a list's `[`.
    var inList: Bool { openers.last == UInt8(ascii: "[") }

    /// Tokenizes a whole source file.
    public static func tokenize(_ source: SourceFile) -> Result {
        tokenize(source, range: SourceRange(0, source.text.utf8.count))
    }

    /// Tokenizes one range of a source file (a `$(…)` inside a string); offsets stay the file's.
    public static func tokenize(_ source: SourceFile, range: SourceRange) -> Result {
        var lexer = Lexer(bytes: Array(source.text.utf8), position: range.start, end: range.end)
        lexer.run()
        return Result(tokens: lexer.tokens, diagnostics: lexer.diagnostics, isIncomplete: lexer.isIncomplete)
    }

    var current: UInt8? { position < end ? bytes[position] : nil }
    func peek(_ offset: Int = 1) -> UInt8? { position + offset < end ? bytes[position + offset] : nil }

    mutating func emit(_ kind: TokenKind, from start: Int) { tokens.append(Token(kind, SourceRange(start, position))) }

    mutating func run() {
        while let byte = current {
            let start = position
            switch byte {
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"):
                position += 1
            case UInt8(ascii: "\\")
            where peek() == UInt8(ascii: "\n") || (peek() == UInt8(ascii: "\r") && peek(2) == UInt8(ascii: "\n")):
                position += peek() == UInt8(ascii: "\n") ? 2 : 3  // line continuation
            case UInt8(ascii: "\\") where peek() == nil:
                position += 1
                isIncomplete = true
            case UInt8(ascii: "\n"):
                position += 1
                emit(.newline, from: start)
            case 0x00:
                nulByte()
                position += 1
            case UInt8(ascii: "#"):
                while let next = current, next != UInt8(ascii: "\n") { position += 1 }
            case UInt8(ascii: "|"):
                position += 1
                if current == UInt8(ascii: "|") {
                    position += 1
                    emit(.operator("||"), from: start)
                } else {
                    emit(.pipe, from: start)
                }
            case UInt8(ascii: "&") where peek() == UInt8(ascii: "&"):
                position += 2
                emit(.operator("&&"), from: start)
            case UInt8(ascii: ";"): single(.semicolon)
            case UInt8(ascii: ",") where inList: single(.comma)
            case UInt8(ascii: "["): open(byte, .leftBracket)
            case UInt8(ascii: "{"): open(byte, .leftBrace)
            case UInt8(ascii: "("): open(byte, .leftParen)
            case UInt8(ascii: "]"): close(UInt8(ascii: "["), .rightBracket)
            case UInt8(ascii: "}"): close(UInt8(ascii: "{"), .rightBrace)
            case UInt8(ascii: ")"): close(UInt8(ascii: "("), .rightParen)
            case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                lexOperator()
            case UInt8(ascii: "\""):
                lexDoubleQuoted()
            case UInt8(ascii: "'"):
                lexSingleQuoted()
            case UInt8(ascii: "$"):
                if peek() == UInt8(ascii: "(") {
                    position += 2
                    openers.append(UInt8(ascii: "("))
                    emit(.subpipelineStart, from: start)
                } else {
                    lexVariable()
                }
            case UInt8(ascii: "-") where peek() == UInt8(ascii: "-") && peek(2).map(Self.isFlagByte) == true:
                lexFlag()
            case UInt8(ascii: "@") where peek().map(isWordByte) == true:
                position += 1
                let path = readWord()
                emit(.fileReference(path), from: start)
            default:
                let word = readWord()
                if word.isEmpty {
                    // A byte that starts nothing: report it and move on.
                    position += 1
                    diagnostics.append(
                        Diagnostic(
                            .error, "unexpected character '\(String(decoding: [byte], as: UTF8.self))'",
                            at: SourceRange(start, position)))
                } else {
                    emit(.word(word), from: start)
                }
            }
        }
        tokens.append(Token(.end, SourceRange(position, position)))
    }

    /// Emits an opening bracket and remembers it.
    mutating func open(_ opener: UInt8, _ kind: TokenKind) {
        openers.append(opener)
        single(kind)
    }

    /// Emits a closing bracket and closes the innermost `opener` (and what is open inside it);
    /// an unmatched one closes nothing: the parser reports it.
    mutating func close(_ opener: UInt8, _ kind: TokenKind) {
        if let index = openers.lastIndex(of: opener) { openers.removeSubrange(index...) }
        single(kind)
    }

    mutating func single(_ kind: TokenKind) {
        let start = position
        position += 1
        emit(kind, from: start)
    }

    mutating func lexOperator() {
        let start = position
        let first = bytes[position]
        let second = peek()
        position += 1
        switch (first, second) {
        case (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
            (UInt8(ascii: "<"), UInt8(ascii: "=")),
            (UInt8(ascii: ">"), UInt8(ascii: "=")), (UInt8(ascii: "="), UInt8(ascii: "~")),
            (UInt8(ascii: ">"), UInt8(ascii: ">")):
            position += 1
            emit(.operator(String(decoding: bytes[start..<position], as: UTF8.self)), from: start)
        case (UInt8(ascii: "="), _):
            emit(.assign, from: start)
        default:
            emit(.operator(String(decoding: [first], as: UTF8.self)), from: start)
        }
    }

    mutating func lexFlag() {
        let start = position
        position += 2
        let nameStart = position
        while let byte = current, Self.isFlagByte(byte) { position += 1 }
        let name = String(decoding: bytes[nameStart..<position], as: UTF8.self)
        if current == UInt8(ascii: "=") {
            position += 1
            emit(.flag(name, attached: true), from: start)
        } else {
            emit(.flag(name, attached: false), from: start)
        }
    }

    static func isFlagByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) || byte == UInt8(ascii: "-")
            || byte == UInt8(ascii: "_")
    }

    /// Whether `byte` continues a word here (directly inside a list, a `,` does not).
    func isWordByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: ","):
            return !inList
        case 0x00, UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\r"), UInt8(ascii: "\n"), UInt8(ascii: "|"),
            UInt8(ascii: ";"),
            UInt8(ascii: "{"), UInt8(ascii: "}"), UInt8(ascii: "["), UInt8(ascii: "]"), UInt8(ascii: "("),
            UInt8(ascii: ")"),
            UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "="):
            return false
        default:
            return true
        }
    }

    /// Reads bytes up to the next separator (a `\` continuation or `$` inside a word is kept);
    /// directly inside a list, a `,` is a separator too.
    mutating func readWord() -> String {
        let start = position
        while let byte = current, isWordByte(byte) {
            if byte == UInt8(ascii: "!") && peek() == UInt8(ascii: "=") { break }
            if byte == UInt8(ascii: "&") && peek() == UInt8(ascii: "&") { break }
            position += 1
        }
        return String(decoding: bytes[start..<position], as: UTF8.self)
    }
}
