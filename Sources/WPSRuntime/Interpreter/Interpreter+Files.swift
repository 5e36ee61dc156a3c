import Foundation
import WPSLanguage

extension Interpreter {
    /// `open FILE`, `save FILE`, `to yaml|csv`, `table`, `source FILE`, `env`, `exit`.
    mutating func runFileCommand(_ command: Command, input: Value) async throws -> Value? {
        let arguments = command.positionals
        switch command.name {
        case "open":
            guard let path = try await words(arguments).first else { return nil }
            do { return try ValueReader.read(path) } catch { throw RuntimeError(error.message, at: command.range) }
        case "save":
            guard let path = try await words(arguments).first else { return nil }
            let text = try Self.format(input, forFile: path)
            do {
                try text.write(toFile: path, atomically: true, encoding: .utf8)
            } catch {
                throw RuntimeError("cannot write \(path): \(error.localizedDescription)", at: command.range)
            }
            return .null
        case "table":
            return .string(TableRenderer().render(input))
        case "env":
            return .record(["variables": .record(variableTypes)])
        case "exit":
            var code: Int32 = 0
            if let argument = arguments.first {
                guard let number = try await evaluate(argument).number, (0...255).contains(number) else {
                    throw RuntimeError("exit takes a code in 0…255", at: argument.range)
                }
                code = Int32(number)
            }
            throw ExitRequest(code: code)
        default:
            return nil
        }
    }

    /// Every variable in scope by its type, never its value; one whose name looks secret says so.
    var variableTypes: Record {
        var record = Record()
        for scope in scopes {
            for key in scope.keys.sorted() where !["args", "_"].contains(key) {
                let type = scope[key]?.typeName ?? ""
                record[key] = .string(SecretMask.nameLooksSecret(key) ? "\(type) (secret, not shown)" : type)
            }
        }
        return record
    }

    /// The text `save` writes: by the file's extension (json, ndjson, yaml, csv), else as text.
    static func format(_ value: Value, forFile path: String) throws -> String {
        let lower = path.lowercased()
        if lower.hasSuffix(".csv") { return try CSVRenderer().render(value) }
        if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") { return try YAMLRenderer().render(value) }
        if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") { return value.items.map { JSONRenderer().render($0) }.joined(separator: "\n") + "\n" }
        if lower.hasSuffix(".json") { return JSONRenderer(pretty: true).render(value) + "\n" }
        if case .string(let text) = value { return text }
        return JSONRenderer(pretty: true).render(value) + "\n"
    }
}

/// `exit [CODE]`: stops the script with that exit code.
public struct ExitRequest: Error, Sendable {
    public let code: Int32
}
