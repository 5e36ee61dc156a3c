import Foundation
import OutreachAPI
import WPSLanguage

/// Reads a command's flags and positionals as typed values, with errors that point at them.
struct CommandArguments {
    let command: Command

    /// The evaluated value of a flag (its last occurrence); nil when absent. A secret flag's
    /// `@FILE` drops one final newline, and no message about it quotes its value.
    func value(_ flag: String, _ interpreter: inout Interpreter) async throws -> Value? {
        guard let last = command.values(of: flag).last else { return nil }
        guard let expression = last else { return .bool(true) }  // a boolean flag given alone
        guard isSecret(flag) else { return try await interpreter.evaluate(expression) }
        return try await Self.secret(expression, flag: flag, &interpreter)
    }

    /// Whether the command's registry entry marks `flag` secret.
    func isSecret(_ flag: String) -> Bool {
        CommandRegistry.standard.command(command.words)?.flag(named: flag)?.isSecret ?? false
    }

    /// A secret flag's value: `@FILE` read less one final newline (as `$(cat FILE)` would), a
    /// value that is the history's mask refused, and nothing of it in any message.
    static func secret(_ expression: Expression, flag: String, _ interpreter: inout Interpreter) async throws -> Value {
        let value: Value
        if case .fileReference(let path, let range) = expression {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RuntimeError(
                    "--\(flag): cannot read the file named after '@' (no such file, or not UTF-8 text); "
                        + "a \(flag.replacingOccurrences(of: "-", with: " ")) that starts with '@' must be quoted: '@…'",
                    at: range)
            }
            var secret = text
            if let end = secret.last, end == "\n" || end == "\r\n" { secret.removeLast() }  // "\r\n" is one Character
            value = .string(secret)
        } else {
            value = try await interpreter.evaluate(expression)
        }
        if value.text == SecretMask.history {
            let what = flag.replacingOccurrences(of: "-", with: " ")
            throw RuntimeError(
                "--\(flag): this value came from history with its \(what) masked: type the \(what) again", at: expression.range)
        }
        return value
    }

    /// Every value given for a repeatable flag.
    func values(_ flag: String, _ interpreter: inout Interpreter) async throws -> [Value] {
        var result: [Value] = []
        for expression in command.values(of: flag).compactMap({ $0 }) { result.append(try await interpreter.evaluate(expression)) }
        return result
    }

    func string(_ flag: String, _ interpreter: inout Interpreter) async throws -> String? {
        try await value(flag, &interpreter)?.text
    }

    func int(_ flag: String, _ interpreter: inout Interpreter) async throws -> Int? {
        guard let value = try await value(flag, &interpreter) else { return nil }
        return try Self.int(value, what: "--\(flag)", range: range(of: flag))
    }

    func bool(_ flag: String, _ interpreter: inout Interpreter) async throws -> Bool? {
        guard let value = try await value(flag, &interpreter) else { return nil }
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw RuntimeError("expected true or false for --\(flag), got '\(value.text)'", at: range(of: flag))
        }
    }

    /// A list of integers: `1,2,3`, `[1 2 3]`, a single id, or records with an `id`.
    func ints(_ flag: String, _ interpreter: inout Interpreter) async throws -> [Int]? {
        guard let value = try await value(flag, &interpreter) else { return nil }
        return try Self.ints(value, what: "--\(flag)", range: range(of: flag))
    }

    func positional(_ index: Int, _ interpreter: inout Interpreter) async throws -> Value? {
        let positionals = command.positionals
        guard positionals.indices.contains(index) else { return nil }
        return try await interpreter.evaluate(positionals[index])
    }

    func range(of flag: String) -> SourceRange {
        for argument in command.arguments {
            if case .flag(let name, let value, let range) = argument, name == flag { return value?.range ?? range }
        }
        return command.range
    }

    static func int(_ value: Value, what: String, range: SourceRange?) throws -> Int {
        switch value {
        case .int(let number): return number
        case .double(let number) where number == number.rounded(): return Int(number)
        case .string(let text): if let number = Int(text) { return number }
        case .record(let record): if let id = record["id"] { return try int(id, what: what, range: range) }
        default: break
        }
        throw RuntimeError("expected an integer for \(what), got '\(value.text)'", at: range)
    }

    static func ints(_ value: Value, what: String, range: SourceRange?) throws -> [Int] {
        switch value {
        case .list(let items): return try items.map { try int($0, what: what, range: range) }
        case .string(let text) where text.contains(","):
            return try text.split(separator: ",").map { try int(.string(String($0).trimmingCharacters(in: .whitespaces)), what: what, range: range) }
        default: return [try int(value, what: what, range: range)]
        }
    }
}
