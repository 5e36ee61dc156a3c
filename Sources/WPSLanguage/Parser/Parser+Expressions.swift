extension Parser {
    /// One value: a word, string, variable, list, `@file`, `$(…)` or `{ block }`.
    mutating func parseValue() -> Expression? {
        let token = current
        switch token.kind {
        case .subpipelineStart, .leftBracket:
            guard enterNesting() else { return nil }
            defer { nesting -= 1 }
            return parseNestedValue()
        case .leftBrace:
            return parseBlock(after: "each").map(Expression.block)  // parseBlock counts the nesting
        case .leftParen:
            return parseParenthesized()
        default:
            return parseFlatValue()
        }
    }

    /// A list or `$(…)`.
    mutating func parseNestedValue() -> Expression? {
        let token = current
        switch token.kind {
        case .subpipelineStart:
            advance()
            guard let pipeline = insideParentheses({ $0.parsePipeline() }) else { return nil }
            guard current.kind == .rightParen else {
                if atEnd {
                    expectMore("')' to close '$('")
                } else {
                    error("expected ')' to close '$('", at: current.range)
                }
                return nil
            }
            let end = current.range.end
            advance()
            return .subpipeline(pipeline, SourceRange(token.range.start, end))
        case .leftBracket:
            advance()
            // Items are separated by spaces, line breaks or commas (`[1 2 3]`, `[1, 2, 3]`); a
            // comma after the last item is allowed, one with no item before it is not.
            var items: [Expression] = []
            var awaitingItem = true
            while true {
                while current.kind == .newline { advance() }
                if current.kind == .rightBracket { break }
                if atEnd {
                    expectMore("']' to close the list")
                    return nil
                }
                if current.kind == .comma {
                    if awaitingItem { error("expected a list item before ','", at: current.range) }
                    awaitingItem = true
                    advance()
                    continue
                }
                awaitingItem = false
                guard let item = parseValue() else {
                    error("unexpected \(describe(current.kind)) in a list", at: current.range)
                    advance()
                    continue
                }
                items.append(item)
            }
            let end = current.range.end
            advance()
            return .list(items, SourceRange(token.range.start, end))
        default:
            return nil
        }
    }

    /// A word, literal, variable, `@file` or string.
    mutating func parseFlatValue() -> Expression? {
        let token = current
        switch token.kind {
        case .word(let word):
            advance()
            return rangeWord(word, at: token.range) ?? .word(word, token.range)
        case .literal(let text):
            advance()
            return .literal(text, token.range)
        case .variable(let reference):
            advance()
            let variable = Expression.variable(reference, token.range)
            // `$n..3`: the variable ends at the first `.` of `..`; the rest is the next word.
            if case .word(let rest) = current.kind, rest.hasPrefix(".."), current.range.start == token.range.end,
                let upper = rangeBound(rest.dropFirst(2), at: current.range.start + 2)
            {
                let end = current.range.end
                advance()
                return .binary(.range, variable, upper, SourceRange(token.range.start, end))
            }
            return variable
        case .fileReference(let path):
            advance()
            return .fileReference(path, token.range)
        case .string(let parts):
            advance()
            return .string(parts.map { interpolation($0) }, token.range)
        default:
            return nil
        }
    }

    /// A string part, with `$(…)` parsed as a pipeline.
    mutating func interpolation(_ part: StringPart) -> InterpolationPart {
        switch part {
        case .text(let text): return .text(text)
        case .variable(let reference): return .variable(reference)
        case .subpipeline(let range):
            let lexed = Lexer.tokenize(source, range: range)
            var inner = Parser(
                source: source, registry: registry, tokens: lexed.tokens, isIncomplete: lexed.isIncomplete)
            inner.diagnostics = lexed.diagnostics
            guard enterNesting() else { return .pipeline(Pipeline(stages: [], range: range)) }
            defer { nesting -= 1 }
            inner.nesting = nesting
            let pipeline = inner.parsePipeline() ?? Pipeline(stages: [], range: range)
            if inner.tooDeep {
                diagnostics += inner.diagnostics
                tooDeep = true
                index = tokens.count - 1
                return .pipeline(pipeline)
            }
            if !inner.atEnd {
                inner.error("unexpected \(inner.describe(inner.current.kind)) in $(…)", at: inner.current.range)
            }
            diagnostics += inner.diagnostics
            isIncomplete = isIncomplete || inner.isIncomplete
            return .pipeline(pipeline)
        }
    }

    /// A condition: `a > 1 and not b`, loosest first: `or`/`||`, `and`/`&&`, `not`/`!`, comparisons.
    mutating func parseCondition() -> Expression? { parseOr() }

    mutating func parseOr() -> Expression? {
        guard var left = parseAnd() else { return nil }
        while isWord("or") || current.kind == .operator("||") {
            advance()
            guard let right = parseAnd() else { return missingOperand(after: "or") }
            left = .binary(.or, left, right, left.range.union(right.range))
        }
        return left
    }

    mutating func parseAnd() -> Expression? {
        guard var left = parseNot() else { return nil }
        while isWord("and") || current.kind == .operator("&&") {
            advance()
            guard let right = parseNot() else { return missingOperand(after: "and") }
            left = .binary(.and, left, right, left.range.union(right.range))
        }
        return left
    }

    mutating func parseNot() -> Expression? {
        if isWord("not") || current.kind == .operator("!") {
            guard enterNesting() else { return nil }
            defer { nesting -= 1 }
            let start = current.range.start
            advance()
            guard let operand = parseNot() else { return missingOperand(after: "not") }
            return .unary(.not, operand, SourceRange(start, operand.range.end))
        }
        return parseComparison()
    }

    mutating func parseComparison() -> Expression? {
        guard let left = parseArithmetic() else { return nil }
        guard case .operator(let text) = current.kind, let op = BinaryOperator(rawValue: text) else { return left }
        advance()
        guard let right = parseArithmetic() else { return missingOperand(after: text) }
        return .binary(op, left, right, left.range.union(right.range))
    }

    /// `a .. b` or a sum: `$n + 1`, `2 * ($n - 1) % 7`. Operators are words of their own, as in
    /// nushell: `$n+1` is not a sum (a word may hold `-` and `+`: `2026-01-05`, `+company`).
    mutating func parseArithmetic() -> Expression? {
        guard let left = parseSum() else { return nil }
        guard isWord("..") else { return left }
        advance()
        guard let right = parseSum() else { return missingOperand(after: "..") }
        return .binary(.range, left, right, left.range.union(right.range))
    }

    mutating func parseSum() -> Expression? {
        guard var left = parseProduct() else { return nil }
        while let op = arithmeticOperator(among: [.add, .subtract]) {
            advance()
            guard let right = parseProduct() else { return missingOperand(after: op.rawValue) }
            left = .binary(op, left, right, left.range.union(right.range))
        }
        return left
    }

    mutating func parseProduct() -> Expression? {
        guard var left = parseNegation() else { return nil }
        while let op = arithmeticOperator(among: [.multiply, .divide, .remainder]) {
            advance()
            guard let right = parseNegation() else { return missingOperand(after: op.rawValue) }
            left = .binary(op, left, right, left.range.union(right.range))
        }
        return left
    }

    /// `- VALUE` (a number such as `-5` is one word already).
    mutating func parseNegation() -> Expression? {
        guard isWord("-") else { return parsePrimary() }
        guard enterNesting() else { return nil }
        defer { nesting -= 1 }
        let start = current.range.start
        advance()
        guard let operand = parseNegation() else { return missingOperand(after: "-") }
        return .unary(.negate, operand, SourceRange(start, operand.range.end))
    }

    /// The arithmetic operator the current word is, if it is one of `operators`.
    func arithmeticOperator(among operators: [BinaryOperator]) -> BinaryOperator? {
        guard case .word(let word) = current.kind, let op = BinaryOperator(rawValue: word), operators.contains(op)
        else { return nil }
        return op
    }

    /// Whether the token after the current one is an arithmetic operator or `..`: `1 + 2` and
    /// `$n * 3` are values, not a command `1` or a value followed by stray words.
    var operatorFollows: Bool {
        guard case .word(let word) = peekKind, let op = BinaryOperator(rawValue: word) else { return false }
        return op.isArithmetic || op == .range
    }

    /// `( … )`: a condition or sum as one value: `echo ($n + 1)`, `where (a > 1) or b`.
    mutating func parseParenthesized() -> Expression? {
        guard enterNesting() else { return nil }
        defer { nesting -= 1 }
        let start = current.range.start
        advance()
        return insideParentheses { parser in parser.parseParenthesizedBody(openedAt: start) }
    }

    /// What follows `(` up to its `)`.
    mutating func parseParenthesizedBody(openedAt start: Int) -> Expression? {
        while current.kind == .newline { advance() }
        guard let inner = parseOr() else { return nil }
        while current.kind == .newline { advance() }
        guard current.kind == .rightParen else {
            if atEnd {
                expectMore("')' to close the '(' opened here")
            } else {
                error("expected ')'", at: current.range)
            }
            if atEnd { diagnostics[diagnostics.count - 1].range = SourceRange(start, start + 1) }
            return nil
        }
        advance()
        return inner
    }

    /// Runs `body` inside a `(` (or `$(`): a `)` ends its stages, a `}` of an outer block does not.
    mutating func insideParentheses<T>(_ body: (inout Parser) -> T) -> T {
        parenDepth += 1
        let outerBraces = braceDepth
        braceDepth = 0
        defer {
            parenDepth -= 1
            braceDepth = outerBraces
        }
        return body(&self)
    }

    /// `1..3`, `1..$n` (one word): a range; nil when the word is not one (`a..b`, `..`).
    mutating func rangeWord(_ word: String, at range: SourceRange) -> Expression? {
        guard let dot = word.firstIndex(of: "."), dot != word.startIndex, word[word.index(after: dot)...].hasPrefix(".")
        else { return nil }
        let lowerText = word[..<dot]
        let upperStart = range.start + lowerText.utf8.count + 2
        let upperText = word[word.index(dot, offsetBy: 2)...]
        guard Int(lowerText) != nil, let upper = rangeBound(upperText, at: upperStart) else { return nil }
        let lower = Expression.word(String(lowerText), SourceRange(range.start, range.start + lowerText.utf8.count))
        return .binary(.range, lower, upper, range)
    }

    /// One bound of a range written as one word: an integer or a `$variable`.
    func rangeBound(_ text: Substring, at start: Int) -> Expression? {
        let range = SourceRange(start, start + text.utf8.count)
        if Int(text) != nil { return .word(String(text), range) }
        guard text.hasPrefix("$") else { return nil }
        let lexed = Lexer.tokenize(source, range: range)
        guard lexed.diagnostics.isEmpty, lexed.tokens.count == 2, case .variable(let reference) = lexed.tokens[0].kind,
            lexed.tokens[0].range == range
        else { return nil }
        return .variable(reference, range)
    }

    mutating func parsePrimary() -> Expression? {
        if current.kind == .leftBrace { return nil }  // the block after `if …`
        guard let value = parseValue() else {
            if atEnd {
                expectMore("a value")
            } else {
                error("expected a value, found \(describe(current.kind))", at: current.range)
            }
            return nil
        }
        return value
    }

    mutating func missingOperand(after op: String) -> Expression? {
        if atEnd {
            expectMore("a value after '\(op)'")
        } else {
            error("expected a value after '\(op)'", at: current.range)
        }
        return nil
    }
}
