extension Parser {
    mutating func parseStatement() -> Statement? {
        let start = current.range.start
        if case .variable(let reference) = current.kind, peekKind == .assign {
            guard reference.path.isEmpty else {
                error("only a whole variable can be given a new value: $\(reference.name) = …", at: current.range)
                recover()
                return nil
            }
            advance()
            advance()
            guard let value = parsePipeline(allowLoneWord: true) else { return nil }
            return .update(name: reference.name, value: value, range: SourceRange(start, value.range.end))
        }
        guard case .word(let word) = current.kind else { return parsePipeline().map(Statement.pipeline) }
        switch word {
        case "let": return parseLet(start)
        case "for": return parseFor(start)
        case "if": return parseIf(start)
        case "try": return parseTry(start)
        case "source":
            advance()
            guard let path = parseValue() else {
                error("'source' needs a file", at: current.range)
                return nil
            }
            return .source(path: path, range: SourceRange(start, path.range.end))
        default:
            return parsePipeline().map(Statement.pipeline)
        }
    }

    mutating func parseLet(_ start: Int) -> Statement? {
        advance()
        guard case .word(let name) = current.kind, Self.isIdentifier(name) else {
            if atEnd {
                expectMore("a variable name after 'let'")
            } else {
                error("expected a variable name after 'let'", at: current.range)
            }
            recover()
            return nil
        }
        advance()
        guard current.kind == .assign else {
            error("expected '=' after 'let \(name)'", at: current.range, label: "write: let \(name) = …")
            recover()
            return nil
        }
        advance()
        guard let value = parsePipeline(allowLoneWord: true) else { return nil }
        return .assignment(name: name, value: value, range: SourceRange(start, value.range.end))
    }

    mutating func parseFor(_ start: Int) -> Statement? {
        advance()
        guard case .word(let name) = current.kind, Self.isIdentifier(name) else {
            error("expected a loop variable after 'for'", at: current.range, label: "write: for x in $list { … }")
            recover()
            return nil
        }
        advance()
        guard isWord("in") else {
            error("expected 'in' after 'for \(name)'", at: current.range)
            recover()
            return nil
        }
        advance()
        guard let sequence = parseCondition() else { return nil }
        guard let body = parseBlock(after: "for \(name) in …") else { return nil }
        return .forLoop(variable: name, sequence: sequence, body: body, range: SourceRange(start, body.range.end))
    }

    mutating func parseIf(_ start: Int) -> Statement? {
        advance()
        guard let condition = parseCondition() else { return nil }
        guard let then = parseBlock(after: "if …") else { return nil }
        var end = then.range.end
        var otherwise: Block?
        // `else` may follow on the same line or the next.
        let saved = index
        while current.kind == .newline { advance() }
        if isWord("else") {
            let elseStart = current.range.start
            advance()
            if isWord("if") {
                guard let nested = parseIf(current.range.start) else { return nil }
                otherwise = Block(statements: [nested], range: SourceRange(elseStart, nested.range.end))
            } else {
                otherwise = parseBlock(after: "else")
            }
            end = otherwise?.range.end ?? end
        } else {
            index = saved
        }
        return .conditional(condition: condition, then: then, otherwise: otherwise, range: SourceRange(start, end))
    }

    mutating func parseTry(_ start: Int) -> Statement? {
        advance()
        guard let body = parseBlock(after: "try") else { return nil }
        var recovery: Block?
        let saved = index
        while current.kind == .newline { advance() }
        if isWord("catch") {
            advance()
            recovery = parseBlock(after: "catch")
        } else {
            index = saved
        }
        return .attempt(body: body, recovery: recovery, range: SourceRange(start, (recovery ?? body).range.end))
    }

    /// `{ statements }`
    mutating func parseBlock(after what: String) -> Block? {
        guard current.kind == .leftBrace else {
            if atEnd { expectMore("'{' after \(what)") } else { error("expected '{' after \(what)", at: current.range) }
            recover()
            return nil
        }
        guard enterNesting() else { return nil }
        defer { nesting -= 1 }
        let start = current.range.start
        advance()
        braceDepth += 1
        let outerParens = parenDepth
        parenDepth = 0
        let statements = parseStatements(until: .rightBrace)
        parenDepth = outerParens
        braceDepth -= 1
        guard current.kind == .rightBrace else {
            expectMore("'}' to close the block opened here")
            diagnostics[diagnostics.count - 1].range = SourceRange(start, start + 1)
            return Block(statements: statements, range: SourceRange(start, current.range.start))
        }
        let end = current.range.end
        advance()
        return Block(statements: statements, range: SourceRange(start, end))
    }

    static func isIdentifier(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first, first.properties.isAlphabetic || first == "_" else { return false }
        return text.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "_" }
    }
}
