import Foundation
import WPSLanguage

/// Runs wps source the way `wps FILE`, `wps -c` and piped input do: parse (all problems are
/// reported, nothing runs), then run statement by statement, rendering each result, and
/// stopping at the first failure with its location.
public struct ScriptRunner {
    /// How results are printed.
    public enum OutputFormat: String, Sendable, CaseIterable {
        case table, json, yaml, csv, ndjson
    }

    public var format: OutputFormat
    let write: (String) -> Void
    let writeError: (String) -> Void

    public init(format: OutputFormat, write: @escaping (String) -> Void, writeError: @escaping (String) -> Void) {
        self.format = format
        self.write = write
        self.writeError = writeError
    }

    /// Renders a result for output.
    public func render(_ value: Value) -> String {
        if case .string(let text) = value { return text }
        switch format {
        case .json: return JSONRenderer(pretty: true).render(value)
        case .table: return TableRenderer().render(value)
        case .ndjson: return value.items.map { JSONRenderer().render($0) }.joined(separator: "\n")
        case .yaml: return ((try? YAMLRenderer().render(value)) ?? JSONRenderer(pretty: true).render(value)).trimmingCharacters(in: .newlines)
        case .csv: return ((try? CSVRenderer().render(value)) ?? "").trimmingCharacters(in: .newlines)
        }
    }

    /// Parses and runs `source`, returning the exit code: 0, 1 (API failure) or 2 (usage or validation).
    public func run(_ source: SourceFile, interpreter: inout Interpreter) async -> Int32 {
        let parsed = Parser.parse(source)
        let renderer = DiagnosticRenderer(source: source)
        if !parsed.diagnostics.isEmpty {
            for diagnostic in parsed.diagnostics { writeError(renderer.render(diagnostic)) }
            return 2
        }
        do {
            try await interpreter.run(parsed.script)
            return 0
        } catch let request as ExitRequest {
            return request.code
        } catch let error as RuntimeError {
            writeError(renderer.render(error.diagnostic(fallback: SourceRange(0, 0))))
            return error.exitCode
        } catch {
            writeError("error: \(error)")
            return 1
        }
    }
}
