/// Renders diagnostics for people: rustc-style with the source line and a caret under the span,
/// or one line per diagnostic (`file:line:col: error: message — label`).
public struct DiagnosticRenderer: Sendable {
    public let source: SourceFile

    public init(source: SourceFile) { self.source = source }

    /// The full form, with the source line and carets.
    public func render(_ diagnostic: Diagnostic) -> String {
        let start = source.location(of: diagnostic.range.start)
        let line = source.line(start.line)
        let lineText = String(line)
        let gutter = String(repeating: " ", count: String(start.line).count)
        // Carets span the range's characters on its first line (at least one).
        let lineEnd = source.lineStarts[start.line - 1] + line.utf8.count
        let endColumn = source.location(of: min(diagnostic.range.end, lineEnd)).column
        let before = lineText.prefix(start.column - 1)
        let spanned = lineText.dropFirst(start.column - 1).prefix(max(0, endColumn - start.column))
        let width = max(1, DisplayWidth.of(spanned))
        // Pad by display width (tabs kept as tabs) so the carets sit under the span in a terminal.
        let padding = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
        var text = "\(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        text += "\(gutter)--> \(source.name):\(start.line):\(start.column)\n"
        text += "\(gutter) |\n"
        text += "\(start.line) | \(lineText)\n"
        text += "\(gutter) | \(padding)\(String(repeating: "^", count: width))"
        if let label = diagnostic.label { text += " \(label)" }
        return text
    }

    /// The one-line form.
    public func renderLine(_ diagnostic: Diagnostic) -> String {
        let start = source.location(of: diagnostic.range.start)
        var text = "\(source.name):\(start.line):\(start.column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
        if let label = diagnostic.label { text += " — \(label)" }
        return text
    }
}
