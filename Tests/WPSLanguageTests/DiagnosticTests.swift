import Testing

@testable import WPSLanguage

@Suite struct DiagnosticTests {
    @Test func rendersRustcStyleWithACaretUnderTheSpan() {
        let source = SourceFile(name: "quickstart.wps", text: "# setup\ncampain list\n")
        let diagnostic = Diagnostic.unknown(
            "command", "campain", at: SourceRange(8, 15), candidates: ["campaign", "mailbox", "batch"])
        #expect(
            DiagnosticRenderer(source: source).render(diagnostic) == """
                error: unknown command 'campain'
                 --> quickstart.wps:2:1
                  |
                2 | campain list
                  | ^^^^^^^ did you mean 'campaign'?
                """)
        #expect(
            DiagnosticRenderer(source: source).renderLine(diagnostic)
                == "quickstart.wps:2:1: error: unknown command 'campain' — did you mean 'campaign'?")
    }

    @Test func caretsAlignUnderMultibyteText() {
        let source = SourceFile(name: "t.wps", text: "echo \"Zoë 🎉\" --frmo x")
        let start = source.text.utf8.count - "--frmo x".utf8.count
        let diagnostic = Diagnostic.unknown(
            "flag", "--frmo", at: SourceRange(start, start + 6), candidates: ["--from", "--to"])
        let rendered = DiagnosticRenderer(source: source).render(diagnostic)
        #expect(
            rendered.hasSuffix(
                """
                1 | echo "Zoë 🎉" --frmo x
                  |               ^^^^^^ did you mean '--from'?
                """))
        #expect(rendered.contains("--> t.wps:1:14"))  // columns count characters; carets follow display width
        #expect(DisplayWidth.of("Zoë 🎉日本") == 10)
    }

    @Test func suggestionsHaveASimilarityFloor() {
        #expect(Suggestion.closest(to: "daily-enrol", in: ["daily-enroll", "timezone"]) == "daily-enroll")
        #expect(Suggestion.closest(to: "campain", in: ["campaign", "mailbox"]) == "campaign")
        #expect(Suggestion.closest(to: "stpe", in: ["step", "version"]) == "step")
        #expect(Suggestion.closest(to: "xyz", in: ["campaign", "mailbox"]) == nil)
        #expect(Suggestion.distance(Array("abcd"), Array("acbd")) == 1)
        #expect(Suggestion.distance(Array(""), Array("abc")) == 3)
    }

    @Test func locationsCountCharacters() {
        let source = SourceFile(name: "t", text: "ab\nçd\n")
        #expect(source.location(of: 0).description == "1:1")
        #expect(source.location(of: 3).description == "2:1")
        #expect(source.location(of: 5).description == "2:2")
        #expect(source.line(2) == "çd")
        #expect(source.line(3) == "")
    }

    /// The renderer as it was before lines were laid out once (each diagnostic walked its line):
    /// the reference the faster one must match, character for character.
    static func referenceRender(_ source: SourceFile, _ diagnostic: Diagnostic) -> String {
        let start = source.location(of: diagnostic.range.start)
        let line = source.line(start.line)
        let lineText = String(line)
        let gutter = String(repeating: " ", count: String(start.line).count)
        let lineEnd = source.lineStarts[start.line - 1] + line.utf8.count
        let endColumn = source.location(of: min(diagnostic.range.end, lineEnd)).column
        let before = lineText.prefix(start.column - 1)
        let spanned = lineText.dropFirst(start.column - 1).prefix(max(0, endColumn - start.column))
        let width = max(1, spanned.reduce(0) { $0 + DisplayWidth.of($1) })
        let padding = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: DisplayWidth.of($0)) }.joined()
        var text = "\(diagnostic.severity.rawValue): \(diagnostic.message)\n"
        text += "\(gutter)--> \(source.name):\(start.line):\(start.column)\n"
        text += "\(gutter) |\n"
        text += "\(start.line) | \(lineText)\n"
        text += "\(gutter) | \(padding)\(String(repeating: "^", count: width))"
        if let label = diagnostic.label { text += " \(label)" }
        return text
    }

    @Test(arguments: [
        "echo \"Zoë 🎉\" --frmo x", "a\tb\t\tc", "e\u{301}x \te\u{301}\u{302}", "🇩🇪🇫🇷 flags",
        "👨‍👩‍👧 x ☺\u{FE0F} y", "日本語\tx\n\tｆｕｌｌ", "ab\r\ncd\r", "\u{FFFD}[\u{FFFD}\u{FFFD}[",
        "a\u{600}1 b",
        "\t\u{301}x", "", "\n\nlast", "x\u{200D}y", "한국어 ᄀᄀ가",
    ])
    func layingLinesOutOnceRendersWhatEachDiagnosticAloneDid(text: String) {
        let source = SourceFile(name: "t.wps", text: text)
        let renderer = DiagnosticRenderer(source: source)
        let count = text.utf8.count
        var diagnostics: [Diagnostic] = []
        for start in -1...(count + 1) {
            for end in start...(count + 2) {
                diagnostics.append(
                    Diagnostic(.error, "at \(start)..<\(end)", at: SourceRange(start, end), label: "here"))
            }
        }
        let expected = diagnostics.map { Self.referenceRender(source, $0) }
        #expect(renderer.render(diagnostics) == expected)
        #expect(diagnostics.map { renderer.render($0) } == expected)
        #expect(renderer.renderLines(diagnostics) == diagnostics.map { renderer.renderLine($0) })
    }
}
