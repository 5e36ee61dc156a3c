import Foundation
import OutreachAPI
import WPSLanguage

/// The conversions argument readers share (integers, id lists, secrets), and where a flag of a
/// parsed command was written.
struct CommandArguments {
    let command: Command

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
        } else if case .word("-", let range) = expression {
            // `--password -`: asked for with echo off (or one line of standard input), never typed on the line.
            let what = flag.replacingOccurrences(of: "-", with: " ")
            guard let read = interpreter.session?.settings.readSecret else {
                throw RuntimeError(
                    "--\(flag) -: there is no terminal to ask for the \(what) here; "
                        + "give it as --\(flag) $env.NAME or --\(flag) @FILE", at: range)
            }
            guard let secret = read("\(what.prefix(1).uppercased() + what.dropFirst()) (--\(flag)): ") else {
                throw RuntimeError("--\(flag) -: no \(what) was given (standard input ended)", at: range)
            }
            value = .string(secret)
        } else {
            value = try await interpreter.evaluate(expression)
        }
        if value.text == SecretMask.history {
            let what = flag.replacingOccurrences(of: "-", with: " ")
            throw RuntimeError(
                "--\(flag): this value came from history with its \(what) masked: type the \(what) again",
                at: expression.range)
        }
        return value
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
            return try text.split(separator: ",").map {
                try int(.string(String($0).trimmingCharacters(in: .whitespaces)), what: what, range: range)
            }
        default: return [try int(value, what: what, range: range)]
        }
    }
}
