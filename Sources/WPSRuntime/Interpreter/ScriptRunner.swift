import Foundation
import WPSLanguage

/// Runs wps source the way `wps FILE`, `wps -c` and piped input do: parse (all problems are
/// reported, nothing runs), then run statement by statement, rendering each result, and
/// stopping at the first failure with its location.
public struct ScriptRunner: Sendable {
    /// How results are printed (the one list of formats, in `WPSLanguage`).
    public typealias OutputFormat = WPSLanguage.OutputFormat

    public var format: OutputFormat
    /// The terminal's width in columns, asked at each render (the window may be resized); nil
    /// when stdout is not a terminal: tables are then never cut.
    public var terminalWidth: @Sendable () -> Int? = { nil }
    /// The width of the terminal diagnostics go to (stderr), when it is one: source lines are
    /// cut around their carets to fit it.
    public var diagnosticWidth: @Sendable () -> Int? = { nil }
    /// Variables earlier lines of a shell session showed to hold a secret: masked where the
    /// source assigns them.
    public var secretVariables: Set<String> = []
    /// The line before left a secret flag without a value: this source may be the secret.
    public var followsSecretRequest = false
    /// The line before took a secret and was refused: this source may be the secret typed again.
    public var followsRefusedSecret = false
    let write: @Sendable (String) -> Void
    let writeError: @Sendable (String) -> Void

    public init(
        format: OutputFormat, write: @escaping @Sendable (String) -> Void,
        writeError: @escaping @Sendable (String) -> Void
    ) {
        self.format = format
        self.write = write
        self.writeError = writeError
    }

    /// Renders a result for output.
    public func render(_ value: Value) -> String {
        if case .string(let text) = value { return text }
        // A record that reads as text (a campaign's tree, a plan, `$error`) prints so as a table.
        if format == .table, case .record(let record) = value, let text = record.text { return text }
        let width = format == .table ? terminalWidth() : nil
        do {
            return Self.trimmingNewlines(try format.render(value, width: width))
        } catch {
            // A value CSV or YAML cannot hold prints as JSON: nothing is lost.
            return JSONRenderer(pretty: true).render(value)
        }
    }

    /// `text` without the line breaks at its ends. (Foundation's `trimmingCharacters` copies the
    /// whole text through `NSString`: a tenth of a `for` loop of `campaign get`'s time.)
    static func trimmingNewlines(_ text: String) -> String {
        guard text.first?.isNewline == true || text.last?.isNewline == true else { return text }
        var trimmed = Substring(text)
        while trimmed.first?.isNewline == true { trimmed.removeFirst() }
        while trimmed.last?.isNewline == true { trimmed.removeLast() }
        return String(trimmed)
    }

    /// What running a piece of source came to.
    public enum Outcome: Sendable, Equatable {
        /// It ran (0) or failed (1 or 2); the diagnostics were printed.
        case finished(Int32)
        /// `exit CODE` was run.
        case exit(Int32)
    }

    /// Parses and runs `source`, returning the exit code: 0, 1 (API failure) or 2 (usage or validation).
    public func run(_ source: SourceFile, interpreter: inout Interpreter) async -> Int32 {
        switch await execute(source, interpreter: &interpreter) {
        case .finished(let code), .exit(let code): code
        }
    }

    /// Parses and checks `source` without running it (`wps --check`): 0, or 2 after printing
    /// every diagnostic — the parser's and the literal arguments' (``LiteralCheck``) together.
    public func check(_ source: SourceFile) async -> Int32 {
        let parsed = Parser.parse(source)
        let literal = await LiteralCheck(definitions: Interpreter.standardIndex).problems(in: parsed.script)
        guard !parsed.diagnostics.isEmpty || !literal.isEmpty else { return 0 }
        report(parsed.diagnostics, literal, in: source)
        return 2
    }

    /// Prints the parser's diagnostics and the literal arguments' problems in source order, each
    /// with its caret (a problem inside an `@FILE` shown in that file, after its command's).
    func report(_ diagnostics: [Diagnostic], _ errors: [RuntimeError], in source: SourceFile) {
        let renderer = self.renderer(for: source)
        var entries: [(position: Int, order: Int, text: String)] = []
        for (order, (diagnostic, text)) in zip(diagnostics, renderer.render(diagnostics)).enumerated() {
            entries.append((diagnostic.range.start, order, text))
        }
        var position = 0
        for (order, error) in errors.enumerated() {
            if error.sourceFile == nil || error.sourceFile == source, let range = error.range { position = range.start }
            entries.append((position, diagnostics.count + order, rendered(error, in: source, renderer)))
        }
        entries.sort { ($0.position, $0.order) < ($1.position, $1.order) }
        for entry in entries { writeError(entry.text) }
    }

    /// One runtime error with its excerpt: from `source`, or from the file it is in.
    func rendered(_ error: RuntimeError, in source: SourceFile, _ shown: DiagnosticRenderer) -> String {
        let located =
            error.sourceFile.flatMap { file in
                file == source
                    ? nil
                    : error.sourceIsText
                        ? DiagnosticRenderer(source: file).withWidth(diagnosticWidth()) : self.renderer(for: file)
            } ?? shown
        return shown.scrub(located.render(error.diagnostic(fallback: SourceRange(0, 0))))
    }

    /// The renderer of `source`'s diagnostics: secrets, and in a statement that takes one every
    /// value not provably harmless, masked (see ``SecretScan``).
    func renderer(for source: SourceFile) -> DiagnosticRenderer {
        var renderer = HistoryMasker.renderer(
            for: source, secretVariables: secretVariables, followsSecretRequest: followsSecretRequest,
            followsRefusedSecret: followsRefusedSecret)
        renderer.width = diagnosticWidth()
        return renderer
    }

    /// Parses and runs `source`, telling an `exit` apart from the end of the source.
    public func execute(_ source: SourceFile, interpreter: inout Interpreter) async -> Outcome {
        let parsed = Parser.parse(source)
        // Made only when there is something to show: the scan reads the whole source.
        var renderer: DiagnosticRenderer { self.renderer(for: source) }
        // Every literal argument is read before anything runs: its problems come with the
        // parser's, all in one run.
        let literal = await LiteralCheck(definitions: interpreter.definitions).problems(in: parsed.script)
        if !parsed.diagnostics.isEmpty || !literal.isEmpty {
            report(parsed.diagnostics, literal, in: source)
            return .finished(2)
        }
        do {
            try await interpreter.run(parsed.script)
            return .finished(0)
        } catch let request as ExitRequest {
            return .exit(request.code)
        } catch let error as RuntimeError where error.isUnlocated {
            writeError("wps: \(renderer.scrub(error.message))")
            return .finished(error.exitCode)
        } catch let error as RuntimeError {
            // Scanned once when the error is in this source (a long script's last line).
            let shown = renderer
            for each in [error] + error.more { writeError(rendered(each, in: source, shown)) }
            return .finished(error.exitCode)
        } catch is CancellationError {
            writeError("interrupted")
            return .finished(130)
        } catch {
            writeError(renderer.scrub("error: \(error)"))
            return .finished(1)
        }
    }
}
