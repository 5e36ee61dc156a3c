import Foundation
import WPSLanguage

/// Reads every argument a script writes out as a literal by its command's declaration, before
/// anything runs: a bad time zone, window or snippet on line 40 is reported with the parser's
/// problems (each with its caret), not after 39 lines have run — and `wps --check` finds it.
///
/// The same readers as the run use (``Invocation/read(_:input:flags:positionals:literalsOnly:_:)``),
/// so both accept the same values. Only literals are read: words, strings without interpolation,
/// lists of them and `@FILE`; never a secret (reading `-` would ask for it), never a variable or a
/// `$(…)`, whose value exists only when the script runs. A command inside `try { … }` is left to
/// the run: its failure is the script's to catch.
///
/// ```swift
/// let problems = await LiteralCheck(definitions: Interpreter.standardIndex).problems(in: script)
/// ```
struct LiteralCheck: Sendable {
    let definitions: [[String]: CommandDefinition]

    /// The problems found, in source order (one inside an `@FILE` where its flag is), each a
    /// located usage error (exit 2).
    func problems(in script: Script) async -> [RuntimeError] {
        var state = State()
        await check(script.statements, &state)
        return state.found
    }

    /// What the walk carries: the problems found, the interpreter that evaluates literals, and
    /// the flag values already read without a problem (a script repeats its windows, time zones
    /// and subjects: each distinct one is read once).
    struct State {
        var found: [RuntimeError] = []
        var interpreter = Interpreter(commands: nil, output: { _ in })
        var accepted: Set<String> = []
    }

    /// Whether `expression` is known before the script runs (a flag given alone is `true`).
    static func isLiteral(_ expression: Expression?) -> Bool {
        guard let expression else { return true }
        switch expression {
        case .word, .literal: return true
        // A file the script writes before it reads it is read when the script gets there.
        case .fileReference(let path, _): return FileManager.default.fileExists(atPath: path)
        case .string(let parts, _): return parts.allSatisfy { if case .text = $0 { true } else { false } }
        case .list(let items, _): return items.allSatisfy { isLiteral($0) }
        default: return false
        }
    }

    private func check(_ statements: [Statement], _ state: inout State) async {
        for statement in statements {
            switch statement {
            case .pipeline(let pipeline), .assignment(_, let pipeline, _), .update(_, let pipeline, _):
                await check(pipeline, &state)
            case .forLoop(_, let sequence, let body, _):
                await check(sequence, &state)
                await check(body.statements, &state)
            case .conditional(let condition, let then, let otherwise, _):
                await check(condition, &state)
                await check(then.statements, &state)
                if let otherwise { await check(otherwise.statements, &state) }
            case .attempt(_, let recovery, _):
                // The body's failures are the script's to catch; the recovery's are not.
                if let recovery { await check(recovery.statements, &state) }
            case .source:
                break
            }
        }
    }

    private func check(_ pipeline: Pipeline, _ state: inout State) async {
        if let input = pipeline.input { await check(input, &state) }
        for command in pipeline.stages {
            for argument in command.arguments {
                switch argument {
                case .positional(let value): await check(value, &state)
                case .flag(_, let value?, _): await check(value, &state)
                case .flag: break
                }
            }
            guard let definition = definitions[command.words] else { continue }
            // Flags whose value was read before without a problem are not read again.
            var unread = command
            var keys: [String] = []
            unread.arguments = command.arguments.filter { argument in
                guard case .flag(let name, let value?, _) = argument, let text = CommandChecker.literalText(value)
                else {
                    return true
                }
                let key = command.name + "\u{0}" + name + "\u{0}" + text
                if state.accepted.contains(key) { return false }
                keys.append(key)
                return true
            }
            do {
                try await definition.readLiterals(unread, &state.interpreter)
                state.accepted.formUnion(keys)
            } catch let error as RuntimeError where error.exitCode == 2 && !error.isUnlocated {
                var first = error
                first.more = []
                state.found += [first] + error.more
            } catch {
                // Anything else is the run's to report.
            }
        }
    }

    /// The pipelines and blocks inside an expression (`$(…)`, `each { … }`, interpolations).
    private func check(_ expression: Expression, _ state: inout State) async {
        switch expression {
        case .subpipeline(let pipeline, _): await check(pipeline, &state)
        case .block(let block): await check(block.statements, &state)
        case .list(let items, _): for item in items { await check(item, &state) }
        case .binary(_, let left, let right, _):
            await check(left, &state)
            await check(right, &state)
        case .unary(_, let operand, _): await check(operand, &state)
        case .string(let parts, _):
            for case .pipeline(let pipeline) in parts { await check(pipeline, &state) }
        default: break
        }
    }
}
