/// Renders diagnostics for people: rustc-style with the source line and a caret under the span,
/// or one line per diagnostic (`file:line:col: error: message — label`).
///
/// Give it every diagnostic at once (`render(diagnostics)`), as `wps` does with a script's
/// problems: each source line is then laid out once — where its characters start, how wide they
/// are — and every diagnostic on it is placed by a binary search. One at a time, each diagnostic
/// walks its line again, and a long line with many problems costs their product.
///
/// Secret values (byte ranges given as `masking`) are shown as ``SecretMask/display``, a mask of
/// fixed width, and the carets are placed under the line as shown. A message or label that
/// quotes a masked text (`got 'Hunter2'`, `unknown command 'Hunter2'`) has it masked too.
public struct DiagnosticRenderer: Sendable {
    public let source: SourceFile
    /// The terminal's width in columns: a longer source line is shown cut around its carets
    /// (`…` where it was cut), so the carets stay under the text they mark. Nil: no limit.
    public var width: Int?
    /// Byte ranges of `source` whose text is never shown.
    public let masking: [Range<Int>]
    /// The texts of the masked ranges as a message could quote them (see ``texts(of:)``).
    let maskedTexts: Set<String>

    public init(source: SourceFile, masking: [Range<Int>] = []) {
        self.source = source
        // Sorted and without overlaps, so the masks on a line are found by a binary search.
        let merged = SecretScan.merged(masking)
        self.masking = merged
        maskedTexts = Set(merged.flatMap { Self.texts(of: $0, in: source) })
    }

    /// This renderer fitting its source lines into `width` columns (nil: no limit).
    public func withWidth(_ width: Int?) -> DiagnosticRenderer {
        var copy = self
        copy.width = width
        return copy
    }

    /// A masked range's text as a message could quote it: as written, without its quotes, and
    /// each piece between `,` and `=`.
    static func texts(of range: Range<Int>, in source: SourceFile) -> [String] {
        let utf8 = source.text.utf8
        guard range.lowerBound >= 0, range.upperBound <= utf8.count else { return [] }
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        let end = utf8.index(start, offsetBy: range.count)
        let raw = String(decoding: utf8[start..<end], as: UTF8.self)
        var inner = Substring(raw)
        if let first = inner.first, first == "\"" || first == "'" {
            inner = inner.dropFirst()
            if inner.last == first { inner = inner.dropLast() }
        }
        let pieces = inner.split(whereSeparator: { $0 == "," || $0 == "=" }).map(String.init)
        return ([raw, String(inner)] + pieces).filter { !$0.isEmpty }
    }

    /// The masks that overlap `window` (a binary search: `masking` is sorted, without overlaps).
    func masks(overlapping window: Range<Int>) -> ArraySlice<Range<Int>> {
        var low = 0
        var high = masking.count  // the first mask ending after the window's start
        while low < high {
            let middle = (low + high) / 2
            if masking[middle].upperBound <= window.lowerBound { low = middle + 1 } else { high = middle }
        }
        var end = low
        while end < masking.count, masking[end].lowerBound < window.upperBound { end += 1 }
        return masking[low..<end]
    }

    /// `text` (a message, or an error printed without its line) with every masked text in it
    /// shown as ``SecretMask/display``: each word or quoted text of it that is one (see
    /// ``SecretMask/scrub(_:words:)``), and, when there are few, each one anywhere in it.
    public func scrub(_ text: String) -> String {
        let words = SecretMask.scrub(text, words: maskedTexts)
        return maskedTexts.count <= 64 ? SecretMask.scrub(words, hiding: Array(maskedTexts)) : words
    }

    /// The diagnostic with its message and label scrubbed: every masked text of its own lines
    /// anywhere in them, and any other that a word or quote of them is.
    func scrubbed(_ diagnostic: Diagnostic) -> Diagnostic {
        guard !maskedTexts.isEmpty else { return diagnostic }
        let first = source.lineIndex(of: diagnostic.range.start)
        let last = source.lineIndex(of: max(diagnostic.range.start, diagnostic.range.end))
        let window = source.lineStarts[first]..<(source.lineStarts[last] + source.line(last + 1).utf8.count)
        let local = masks(overlapping: window).flatMap { Self.texts(of: $0, in: source) }
        func clean(_ text: String) -> String {
            SecretMask.scrub(SecretMask.scrub(text, words: maskedTexts), hiding: local)
        }
        var copy = diagnostic
        copy.message = clean(diagnostic.message)
        copy.label = diagnostic.label.map(clean)
        return copy
    }

    /// The full form, with the source line and carets.
    public func render(_ diagnostic: Diagnostic) -> String {
        if holdsSecret(diagnostic) { return renderMasked(diagnostic) }
        var layouts = LineLayouts(source, for: [diagnostic])
        return render(diagnostic, on: layouts.layout(of: diagnostic.range.start))
    }

    /// The full form of each diagnostic, in order.
    public func render(_ diagnostics: [Diagnostic]) -> [String] {
        var layouts = LineLayouts(source, for: diagnostics.filter { !holdsSecret($0) })
        return diagnostics.map {
            holdsSecret($0) ? renderMasked($0) : render($0, on: layouts.layout(of: $0.range.start))
        }
    }

    /// Whether the line a diagnostic starts on holds a secret.
    func holdsSecret(_ diagnostic: Diagnostic) -> Bool {
        guard !masking.isEmpty else { return false }
        let index = source.lineIndex(of: diagnostic.range.start)
        let start = source.lineStarts[index]
        let end = start + source.line(index + 1).utf8.count
        return !masks(overlapping: start..<max(end, start + 1)).isEmpty
    }

    /// The full form of a diagnostic on a line that holds a secret: the secret shown as the
    /// fixed mask, the carets placed under the line as shown.
    func renderMasked(_ diagnostic: Diagnostic) -> String {
        let start = source.location(of: diagnostic.range.start)
        let line = source.line(start.line)
        // Carets span the range on its first line (at least one column), in byte offsets of the line.
        let lineStart = source.lineStarts[start.line - 1]
        let bytes = Array(line.utf8)
        let masks = masks(overlapping: lineStart..<(lineStart + bytes.count + 1)).compactMap { mask -> Range<Int>? in
            let lower = max(mask.lowerBound - lineStart, 0)
            let upper = min(mask.upperBound - lineStart, bytes.count)
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
        return frame(
            diagnostic, line: start.line, column: start.column, shown: before + spanned + after, carets: padding, width)
    }

    /// A diagnostic's message, place, the line as shown and the carets under it.
    func frame(_ diagnostic: Diagnostic, line: Int, column: Int, shown: String, carets padding: String, _ width: Int)
        -> String
    {
        let diagnostic = scrubbed(diagnostic)
        let gutter = String(repeating: " ", count: String(line).count)
        var (shown, padding, width) = (shown, padding, width)
        if let limit = self.width {
            (shown, padding, width) = Self.fitted(
                shown, padding: padding, carets: width, into: limit - gutter.count - 3)
        }
        var text = "\(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        text += "\(gutter)--> \(source.name):\(line):\(column)\n"
        text += "\(gutter) |\n"
        text += "\(line) | \(shown)\n"
        text += "\(gutter) | \(padding)\(String(repeating: "^", count: width))"
        if let label = diagnostic.label { text += " \(label)" }
        return text
    }

    /// A line, its caret padding and caret count fitted into `columns`: the line cut to a window
    /// that holds the carets' start (a third of the way in when it can), `…` at a cut end; the
    /// padding and carets moved and cut to match. A line with a tab is left as it is.
    static func fitted(_ line: String, padding: String, carets: Int, into columns: Int) -> (String, String, Int) {
        let lineWidth = DisplayWidth.of(line)
        guard columns >= 20, lineWidth > columns, !padding.contains("\t"), !line.contains("\t") else {
            return (line, padding, carets)
        }
        let caret = padding.count
        // The window [start, start + room), `…` taking a column at each cut end.
        var start = max(0, min(caret - columns / 3, lineWidth - columns + 1))
        if start == 1 { start = 0 }
        let leading = start > 0 ? 1 : 0
        var room = columns - leading
        if start + room < lineWidth { room -= 1 }
        var kept = ""
        var column = 0
        for character in line {
            let next = column + DisplayWidth.of(character)
            if column >= start, next <= start + room { kept.append(character) }
            column = next
        }
        let cutEnd = start + room < lineWidth
        let shownLine = (leading == 1 ? "…" : "") + kept + (cutEnd ? "…" : "")
        let newCaret = caret - start + leading
        let caretCount = max(1, min(carets, room + leading - newCaret))
        return (shownLine, String(repeating: " ", count: max(0, newCaret)), caretCount)
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
        return renderLine(diagnostic, line: start.line, column: start.column)
    }

    /// The one-line form of each diagnostic, in order.
    public func renderLines(_ diagnostics: [Diagnostic]) -> [String] {
        var layouts = LineLayouts(source, for: diagnostics)
        return diagnostics.map { diagnostic in
            let layout = layouts.layout(of: diagnostic.range.start)
            return renderLine(diagnostic, line: layout.index + 1, column: layout.column(of: diagnostic.range.start))
        }
    }

    func render(_ diagnostic: Diagnostic, on layout: LineLayout) -> String {
        let lineNumber = layout.index + 1
        let startColumn = layout.column(of: diagnostic.range.start)
        // Carets span the range's characters on its first line (at least one).
        let endColumn = layout.column(of: min(diagnostic.range.end, layout.end))
        let first = startColumn - 1
        let last = min(layout.count, first + max(0, endColumn - startColumn))
        let width = max(1, layout.width(from: first, to: last))
        return frame(
            diagnostic, line: lineNumber, column: startColumn, shown: layout.text,
            carets: layout.padding(before: first), width)
    }

    func renderLine(_ diagnostic: Diagnostic, line: Int, column: Int) -> String {
        let diagnostic = scrubbed(diagnostic)
        var text = "\(source.name):\(line):\(column): \(diagnostic.severity.rawValue): \(diagnostic.message)"
        if let label = diagnostic.label { text += " — \(label)" }
        return text
    }
}

/// The layouts of the lines some diagnostics start on, each made once, and only as far into its
/// line as the diagnostics on it reach.
struct LineLayouts {
    let source: SourceFile
    /// For each line, the furthest offset a diagnostic on it needs laid out.
    var reach: [Int: Int] = [:]
    var made: [Int: LineLayout] = [:]

    init(_ source: SourceFile, for diagnostics: [Diagnostic]) {
        self.source = source
        for diagnostic in diagnostics {
            let line = source.lineIndex(of: diagnostic.range.start)
            let furthest = max(diagnostic.range.start, diagnostic.range.end)
            reach[line] = max(reach[line] ?? furthest, furthest)
        }
    }

    /// The layout of the line holding `offset`.
    mutating func layout(of offset: Int) -> LineLayout {
        let index = source.lineIndex(of: offset)
        if let layout = made[index] { return layout }
        let layout = LineLayout(source, line: index, through: reach[index] ?? Int.max)
        made[index] = layout
        return layout
    }
}

/// One source line's characters — those starting before an offset: where each starts (a UTF-8
/// offset into the line), the display width up to each, and the blanks (tabs kept as tabs) that
/// reach each, so carets after them sit under the span in a terminal.
struct LineLayout {
    /// The 0-based line index.
    let index: Int
    /// The UTF-8 offsets in the file where the line starts and ends (before its newline).
    let start: Int
    let end: Int
    /// The line, without its newline (all of it, whatever the layout reaches).
    let text: String
    let bytes: [UInt8]
    /// Where each character laid out starts, as an offset into the line.
    let characterStarts: [Int]
    /// The display width of the first *n* characters, for n in 0…count.
    let widths: [Int]
    /// The blanks under the characters laid out, and how many of their bytes reach each one.
    let blanks: [UInt8]
    let blankEnds: [Int]

    /// ASCII is read byte by byte: a byte below 0x80 followed by another (or by the end) is a
    /// character of its own, one column wide (except `\r`, which may start `\r\n`). Anything else —
    /// non-ASCII, or an ASCII byte a combining mark may follow — is read as a `Character`.
    init(_ source: SourceFile, line index: Int, through reach: Int) {
        self.index = index
        start = source.lineStarts[index]
        text = String(source.line(index + 1))
        let utf8 = text.utf8
        bytes = Array(utf8)
        end = start + bytes.count
        let limit = min(max(reach, start), end) - start
        let tab = UInt8(ascii: "\t")
        let space = UInt8(ascii: " ")
        let carriageReturn = UInt8(ascii: "\r")
        var starts: [Int] = []
        var widths = [0]
        var blanks: [UInt8] = []
        var blankEnds = [0]
        starts.reserveCapacity(limit)
        widths.reserveCapacity(limit + 1)
        blanks.reserveCapacity(limit)
        blankEnds.reserveCapacity(limit + 1)
        var offset = 0
        var width = 0
        while offset < limit {
            starts.append(offset)
            let byte = bytes[offset]
            if byte < 0x80, byte != carriageReturn, offset + 1 == bytes.count || bytes[offset + 1] < 0x80 {
                blanks.append(byte == tab ? tab : space)
                width += 1
                offset += 1
            } else {
                let position = utf8.index(utf8.startIndex, offsetBy: offset)
                let character = text[position]
                let columns = DisplayWidth.of(character)
                if character == "\t" {
                    blanks.append(tab)
                } else {
                    for _ in 0..<columns { blanks.append(space) }
                }
                width += columns
                offset = max(offset + 1, utf8.distance(from: utf8.startIndex, to: text.index(after: position)))
            }
            widths.append(width)
            blankEnds.append(blanks.count)
        }
        characterStarts = starts
        self.widths = widths
        self.blanks = blanks
        self.blankEnds = blankEnds
    }

    /// How many characters are laid out.
    var count: Int { characterStarts.count }

    /// The 1-based column of a file offset on this line (clamped to it; at most the offset the
    /// layout reaches), as ``SourceFile/location(of:)`` counts it: one more than the characters
    /// before the offset. An offset inside a scalar's bytes counts from the scalar's start; one
    /// inside a character of several scalars counts that character.
    func column(of offset: Int) -> Int {
        var relative = min(max(offset, start), end) - start
        while relative > 0, relative < bytes.count, bytes[relative] & 0xC0 == 0x80 { relative -= 1 }
        var low = 0
        var high = characterStarts.count  // the first character starting at or after `relative`
        while low < high {
            let middle = (low + high) / 2
            if characterStarts[middle] < relative { low = middle + 1 } else { high = middle }
        }
        return low + 1
    }

    /// The display width of characters first..<last.
    func width(from first: Int, to last: Int) -> Int { widths[last] - widths[first] }

    /// The blanks under the first `count` characters.
    func padding(before count: Int) -> String { String(decoding: blanks[0..<blankEnds[count]], as: UTF8.self) }
}
