extension Parser {
    /// `[VALUE |] command | command … [> FILE]`. A pipeline may start from a value that is not a
    /// bare word (`$boxes | count`, `"text"`, `[1 2]`); after `let NAME =`, a lone word is a value too
    /// (`let n = 50`).
    mutating func parsePipeline(allowLoneWord: Bool = false) -> Pipeline? {
        let start = current.range.start
        var stages: [Command] = []
        var input: Expression?
        let loneWord: Bool = {
            guard allowLoneWord, case .word = current.kind else { return false }
            switch peekKind {
            case .newline, .semicolon, .end, .pipe, .rightBrace: return true
            default: return false
            }
        }()
        // A word that names no command starts a value when it is a number or an operator follows:
        // `1 + 2`, `1..3 | each { … }`; after `let`, `let n = $n + 1` too.
        let valueWord: Bool = {
            guard case .word(let word) = current.kind else { return false }
            let commandWord = registry.isPrefix([word]) && !allowLoneWord
            let numeric = Self.looksNumeric(word) || (word == "-" && peekStartsValue)
            return !commandWord && (operatorFollows || (!registry.isPrefix([word]) && numeric))
        }()
        if loneWord || valueWord || (startsValue && !isCommandWord) {
            input = current.kind == .leftBrace ? parseValue() : parseArithmetic()
            guard current.kind == .pipe else {
                let value = input
                let (redirect, appends) = parseRedirect()
                return Pipeline(
                    input: value, stages: [], redirect: redirect, appends: appends,
                    range: SourceRange(start, redirect?.range.end ?? value?.range.end ?? start))
            }
            advance()
            while current.kind == .newline { advance() }
        }
        while true {
            guard let command = parseCommand() else {
                recover()
                return nil
            }
            stages.append(command)
            guard current.kind == .pipe else { break }
            advance()
            while current.kind == .newline { advance() }
            if atEnd {
                expectMore("a command after '|'")
                return nil
            }
        }
        let (redirect, appends) = parseRedirect()
        let end = redirect?.range.end ?? stages.last?.range.end ?? start
        return Pipeline(
            input: input, stages: stages, redirect: redirect, appends: appends, range: SourceRange(start, end))
    }

    /// `> FILE` or `>> FILE` (append) at the end of a pipeline, if there.
    mutating func parseRedirect() -> (target: Expression?, appends: Bool) {
        guard current.kind == .operator(">") || current.kind == .operator(">>") else { return (nil, false) }
        let appends = current.kind == .operator(">>")
        let arrow = current.range
        advance()
        let target = parseValue()
        if target == nil { error("'\(appends ? ">>" : ">")' needs a file to write to", at: arrow) }
        return (target, appends)
    }

    /// Whether the current token ends a pipeline stage.
    var atStageEnd: Bool {
        switch current.kind {
        case .pipe, .semicolon, .newline, .end: true
        case .rightBrace: braceDepth > 0
        case .rightParen: parenDepth > 0
        case .operator(">"), .operator(">>"): true
        default: false
        }
    }

    /// One command: its name words, then arguments up to the end of the stage.
    mutating func parseCommand() -> Command? {
        guard case .word(let first) = current.kind else {
            if atEnd {
                expectMore("a command")
            } else {
                error("expected a command, found \(describe(current.kind))", at: current.range)
            }
            return nil
        }
        let start = current.range.start
        var words = [first]
        var nameEnd = current.range.end
        guard registry.isPrefix(words) else {
            diagnostics.append(
                .unknown(
                    "command", first, at: current.range, candidates: registry.nouns + CommandRegistry.statementKeywords)
            )
            return nil
        }
        advance()
        while case .word(let next) = current.kind, registry.isPrefix(words + [next]) {
            words.append(next)
            nameEnd = current.range.end
            advance()
        }
        guard let descriptor = registry.command(words) else {
            let options = registry.subcommands(after: words)
            if case .word(let wrong) = current.kind {
                diagnostics.append(
                    .unknown(
                        "command", (words + [wrong]).joined(separator: " "), at: SourceRange(start, current.range.end),
                        candidates: options.map { (words + [$0]).joined(separator: " ") }))
            } else {
                error(
                    "'\(words.joined(separator: " "))' needs a subcommand: \(options.joined(separator: ", "))",
                    at: SourceRange(start, nameEnd))
            }
            return nil
        }
        var arguments: [Argument] = []
        if descriptor.positionals.first?.kind == .condition {
            if atStageEnd {
                error(
                    "'\(descriptor.name)' needs a condition", at: SourceRange(start, nameEnd),
                    label: "e.g. \(descriptor.examples.first ?? "where status == \"DRAFT\"")")
            } else if let condition = parseCondition() {
                arguments.append(.positional(condition))
            }
        }
        while !atStageEnd {
            if case .flag(let name, let attached) = current.kind {
                let flagRange = current.range
                advance()
                // An alias (`--smtp-email`) is recorded under its flag's name (`--email`).
                let flag = descriptor.flag(named: name)
                let name = flag?.name ?? name
                let boolean = flag?.isBoolean ?? false
                var value: Expression?
                if attached || (!boolean && startsValue) {
                    value = parseValue().map { joiningPairs($0) }
                    if value == nil { error("--\(name)= needs a value", at: flagRange) }
                }
                arguments.append(
                    .flag(
                        name: name, value: value, range: SourceRange(flagRange.start, value?.range.end ?? flagRange.end)
                    ))
            } else if let value = parseValue() {
                arguments.append(.positional(joiningPairs(value)))
            } else {
                error("unexpected \(describe(current.kind))", at: current.range)
                advance()
            }
        }
        let end = arguments.last.map(Self.end) ?? nameEnd
        let command = Command(
            words: words, arguments: arguments, nameRange: SourceRange(start, nameEnd), range: SourceRange(start, end))
        diagnostics += CommandChecker(descriptor).check(command)
        return command
    }

    /// A word with `=` right after it is one value with what directly follows, as a shell reads
    /// it: `--search first_name=Ann`, `email=ann@example.com`, `note="two words"`, `id=$id`. (Apart from this
    /// a `=` in a command's arguments means nothing.)
    mutating func joiningPairs(_ value: Expression) -> Expression {
        var joined = value
        while current.kind == .assign, current.range.start == joined.range.end {
            let text: String
            switch joined {
            case .word(let word, _): text = word
            case .literal(let literal, _): text = literal
            default: return joined
            }
            let assignEnd = current.range.end
            advance()
            let next = current
            guard next.range.start == assignEnd else {
                joined = .word(text + "=", SourceRange(joined.range.start, assignEnd))
                continue
            }
            let start = joined.range.start
            switch next.kind {
            case .word(let word):
                advance()
                joined = .word(text + "=" + word, SourceRange(start, next.range.end))
            case .literal(let literal):
                advance()
                joined = .literal(text + "=" + literal, SourceRange(start, next.range.end))
            case .string(let parts):
                advance()
                let rest = parts.map { interpolation($0) }
                return .string([.text(text + "=")] + rest, SourceRange(start, next.range.end))
            case .variable(let reference):
                advance()
                return .string([.text(text + "="), .variable(reference)], SourceRange(start, next.range.end))
            case .subpipelineStart:
                guard case .subpipeline(let pipeline, let range)? = parseValue() else { return joined }
                return .string([.text(text + "="), .pipeline(pipeline)], SourceRange(start, range.end))
            default:
                joined = .word(text + "=", SourceRange(start, assignEnd))
            }
        }
        return joined
    }

    static func end(_ argument: Argument) -> Int {
        switch argument {
        case .positional(let value): value.range.end
        case .flag(_, _, let range): range.end
        }
    }

    /// Whether the current token is a bare word (which starts a command).
    var isCommandWord: Bool {
        if case .word = current.kind { return true }
        return false
    }

    /// Whether the current token can start a value.
    var startsValue: Bool {
        switch current.kind {
        case .word, .string, .literal, .variable, .fileReference, .subpipelineStart, .leftBracket, .leftBrace,
            .leftParen:
            true
        default: false
        }
    }

    /// Whether the token after the current one can start a value.
    var peekStartsValue: Bool {
        switch peekKind {
        case .word, .string, .literal, .variable, .subpipelineStart, .leftBracket, .leftParen: true
        default: false
        }
    }

    /// `5`, `-3`, `2.5`, `1..3`: a word that can only be a value.
    static func looksNumeric(_ word: String) -> Bool {
        guard let first = word.unicodeScalars.first else { return false }
        return ("0"..."9").contains(first) || (first == "-" && word.count > 1 && Double(word) != nil)
    }
}
