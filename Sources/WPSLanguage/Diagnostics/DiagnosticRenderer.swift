/// Renders diagnostics for people: rustc-style with the source line and a caret under the span,
/// or one line per diagnostic (`file:line:col: error: message — label`).
///
/// Secret values (byte ranges given as `masking`) are shown as ``SecretMask/display``, a mask
/// of fixed width, and the carets are placed under the line as shown.
public struct DiagnosticRenderer: Sendable {
    public let source: SourceFile
    /// Byte ranges of `source` whose text is never shown.
    public let masking: [Range<Int>]

    public init(source: SourceFile, masking: [Range<Int>] = []) {
        self.source = source
        self.masking = masking.filter { !$0.isEmpty }.sorted { $0.lowerBound < $1.lowerBound }
    }

    /// The full form, with the source line and carets.
    public func render(_ diagnostic: Diagnostic) -> String {
        let start = source.location(of: diagnostic.range.start)
        let line = source.line(start.line)
        let gutter = String(repeating: " ", count: String(start.line).count)
        // Carets span the range on its first line (at least one column), in byte offsets of the line.
        let lineStart = source.lineStarts[start.line - 1]
        let bytes = Array(line.utf8)
        let masks = masking.compactMap { mask -> Range<Int>? in
            let lower = max(mask.lowerBound - lineStart, 0), upper = min(mask.upperBound - lineStart, bytes.count)
            return lower < upper ? lower..<upper : nil
        }
        var spanStart = min(max(diagnostic.range.start - lineStart, 0), bytes.count)
        var spanEnd = min(max(diagnostic.range.end - lineStart, spanStart), bytes.count)
        // A span that starts or ends inside a secret covers the whole mask.
        for mask in masks {
            if mask.contains(spanStart) { spanStart = mask.lowerBound }
            if spanEnd > mask.lowerBound, spanEnd < mask.upperBound { spanEnd = mask.upperBound }
        }
        let before = shown(bytes, masks, from: 0, to: spanStart)
        let spanned = shown(bytes, masks, from: spanStart, to: spanEnd)
        let after = shown(bytes, masks, from: spanEnd, to: bytes.count)
        let width = max(1, DisplayWidth.of(spanned))
        // Pad by display width (tabs kept as tabs) so the carets sit under the span in a terminal.
        let padding = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
        var text = "\(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        text += "\(gutter)--> \(source.name):\(start.line):\(start.column)\n"
        text += "\(gutter) |\n"
        text += "\(start.line) | \(before)\(spanned)\(after)\n"
        text += "\(gutter) | \(padding)\(String(repeating: "^", count: width))"
        if let label = diagnostic.label { text += " \(label)" }
        return text
    }

    /// The bytes `from..<to` of a line as shown: each secret within them as the fixed mask.
    private func shown(_ bytes: [UInt8], _ masks: [Range<Int>], from: Int, to: Int) -> String {
        var text = ""
        var offset = from
        for mask in masks where mask.lowerBound < to && mask.upperBound > from {
            if mask.lowerBound > offset { text += String(decoding: bytes[offset..<mask.lowerBound], as: UTF8.self) }
            if mask.lowerBound >= from { text += SecretMask.display }
            offset = max(offset, min(mask.upperBound, to))
        }
        if offset < to { text += String(decoding: bytes[offset..<to], as: UTF8.self) }
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
