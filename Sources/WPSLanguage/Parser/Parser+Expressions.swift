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
            parenDepth += 1
            let outerBraces = braceDepth
            braceDepth = 0
            defer {
                parenDepth -= 1
                braceDepth = outerBraces
            }
            guard let pipeline = parsePipeline() else { return nil }
            guard current.kind == .rightParen else {
                if atEnd { expectMore("')' to close '$('") } else { error("expected ')' to close '$('", at: current.range) }
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
            return .word(word, token.range)
        case .literal(let text):
            advance()
            return .literal(text, token.range)
        case .variable(let reference):
            advance()
            return .variable(reference, token.range)
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
            var inner = Parser(source: source, registry: registry, tokens: lexed.tokens, isIncomplete: lexed.isIncomplete)
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
            if !inner.atEnd { inner.error("unexpected \(inner.describe(inner.current.kind)) in $(…)", at: inner.current.range) }
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
        guard let left = parsePrimary() else { return nil }
        guard case .operator(let text) = current.kind, let op = BinaryOperator(rawValue: text) else { return left }
        advance()
        guard let right = parsePrimary() else { return missingOperand(after: text) }
        return .binary(op, left, right, left.range.union(right.range))
    }

    mutating func parsePrimary() -> Expression? {
        if current.kind == .leftParen {
            guard enterNesting() else { return nil }
            advance()
            parenDepth += 1
            defer {
                parenDepth -= 1
                nesting -= 1
            }
            guard let inner = parseOr() else { return nil }
            guard current.kind == .rightParen else {
                if atEnd { expectMore("')'") } else { error("expected ')'", at: current.range) }
                return nil
            }
            advance()
            return inner
        }
        if current.kind == .leftBrace { return nil }  // the block after `if …`
        guard let value = parseValue() else {
            if atEnd { expectMore("a value") } else { error("expected a value, found \(describe(current.kind))", at: current.range) }
            return nil
        }
        return value
    }

    mutating func missingOperand(after op: String) -> Expression? {
        if atEnd { expectMore("a value after '\(op)'") } else { error("expected a value after '\(op)'", at: current.range) }
        return nil
    }
}
