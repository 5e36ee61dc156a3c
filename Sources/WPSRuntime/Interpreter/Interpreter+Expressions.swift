import Foundation
import WPSLanguage

extension Interpreter {
    /// Evaluates an expression. Inside `where`, a bare word that names a field of `$it` is that field.
    mutating func evaluate(_ expression: Expression, fieldsOf item: Value? = nil) async throws -> Value {
        switch expression {
        case .word(let word, _):
            if let item, case .record(let record) = item, let field = record[word] { return field }
            if let item, case .record(let record) = item, word.contains(".") {
                if let value = try? item.get(word.split(separator: ".").map { PathComponent.field(String($0)) }) {
                    return value
                }
                // A path into a field that is null (or lacks the rest) is null, not the word.
                if record[String(word.prefix { $0 != "." })] != nil { return .null }
            }
            return Value.word(word)
        case .literal(let text, _):
            return .string(text)
        case .string(let parts, _):
            var text = ""
            for part in parts {
                switch part {
                case .text(let literal): text += literal
                case .variable(let reference): text += try resolve(reference, at: expression.range).text
                case .pipeline(let pipeline): text += try await run(pipeline).text
                }
            }
            return .string(text)
        case .variable(let reference, let range):
            return try resolve(reference, at: range)
        case .list(let items, _):
            var values: [Value] = []
            for item in items { values.append(try await evaluate(item)) }
            return .list(values)
        case .fileReference(let path, let range):
            do {
                return .string(try String(contentsOfFile: path, encoding: .utf8))
            } catch {
                throw RuntimeError("cannot read @\(path): no such file or not UTF-8 text", at: range)
            }
        case .subpipeline(let pipeline, _):
            return try await run(pipeline)
        case .block(let block):
            throw RuntimeError("a block is not a value here", at: block.range)
        case .unary(.not, let operand, _):
            return .bool(!(try await evaluate(operand, fieldsOf: item).isTruthy))
        case .unary(.negate, let operand, let range):
            let value = try await evaluate(operand, fieldsOf: item)
            do { return try Value.negate(value) } catch { throw RuntimeError(error.message, at: range) }
        case .binary(let op, let lhs, let rhs, let range):
            let left = try await evaluate(lhs, fieldsOf: item)
            switch op {
            case .and: return left.isTruthy ? .bool(try await evaluate(rhs, fieldsOf: item).isTruthy) : .bool(false)
            case .or: return left.isTruthy ? .bool(true) : .bool(try await evaluate(rhs, fieldsOf: item).isTruthy)
            default: break
            }
            let right = try await evaluate(rhs, fieldsOf: item)
            if op.isArithmetic || op == .range {
                do {
                    return op == .range ? try Value.range(left, right) : try Value.arithmetic(op, left, right)
                } catch {
                    throw RuntimeError(error.message, at: range)
                }
            }
            switch op {
            case .equal: return .bool(Value.languageEquals(left, right))
            case .notEqual: return .bool(!Value.languageEquals(left, right))
            case .matches:
                return .bool(left.text.range(of: right.text, options: String.CompareOptions.regularExpression) != nil)
            default:
                guard let order = Value.compare(left, right) else {
                    throw RuntimeError(
                        "cannot compare a \(left.typeName) with a \(right.typeName) using \(op.rawValue)", at: range)
                }
                switch op {
                case .less: return .bool(order < 0)
                case .lessOrEqual: return .bool(order <= 0)
                case .greater: return .bool(order > 0)
                default: return .bool(order >= 0)
                }
            }
        }
    }

    func resolve(_ reference: VariableReference, at range: SourceRange) throws -> Value {
        if reference.name == "env", variable("env") == nil { return try environment(reference, at: range) }
        guard let value = variable(reference.name) else {
            let names = scopes.flatMap(\.keys)
            let suggestion = Suggestion.closest(to: reference.name, in: names).map { " — did you mean '$\($0)'?" } ?? ""
            throw RuntimeError("no variable '$\(reference.name)'\(suggestion)", at: range)
        }
        do {
            return try value.get(reference.path)
        } catch {
            throw RuntimeError(error.message, at: range)
        }
    }

    /// `$env.NAME`: an environment variable (a key can come from there without being typed);
    /// `$env` alone: the names only, never the values.
    func environment(_ reference: VariableReference, at range: SourceRange) throws -> Value {
        let environment = ProcessInfo.processInfo.environment
        guard case .field(let name)? = reference.path.first else {
            guard reference.path.isEmpty else { throw RuntimeError("write $env.NAME", at: range) }
            return .list(environment.keys.sorted().map(Value.string))
        }
        guard let value = environment[name] else {
            let suggestion =
                Suggestion.closest(to: name, in: Array(environment.keys)).map { " — did you mean '$env.\($0)'?" } ?? ""
            throw RuntimeError("no environment variable '\(name)'\(suggestion)", at: range)
        }
        do {
            return try Value.string(value).get(Array(reference.path.dropFirst()))
        } catch {
            throw RuntimeError(error.message, at: range)
        }
    }
}
