import Testing

@testable import WPSLanguage

@Suite struct DiagnosticTests {
    @Test func rendersRustcStyleWithACaretUnderTheSpan() {
        let source = SourceFile(name: "quickstart.wps", text: "# setup\ncampain list\n")
        let diagnostic = Diagnostic.unknown("command", "campain", at: SourceRange(8, 15), candidates: ["campaign", "mailbox", "batch"])
        #expect(DiagnosticRenderer(source: source).render(diagnostic) == """
            error: unknown command 'campain'
             --> quickstart.wps:2:1
              |
            2 | campain list
              | ^^^^^^^ did you mean 'campaign'?
            """)
        #expect(DiagnosticRenderer(source: source).renderLine(diagnostic) == "quickstart.wps:2:1: error: unknown command 'campain' — did you mean 'campaign'?")
    }

    @Test func caretsAlignUnderMultibyteText() {
        let source = SourceFile(name: "t.wps", text: "echo \"Zoë 🎉\" --frmo x")
        let start = source.text.utf8.count - "--frmo x".utf8.count
        let diagnostic = Diagnostic.unknown("flag", "--frmo", at: SourceRange(start, start + 6), candidates: ["--from", "--to"])
        let rendered = DiagnosticRenderer(source: source).render(diagnostic)
        #expect(rendered.hasSuffix("""
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
}
