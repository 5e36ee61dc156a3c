import Testing

@testable import WPSLanguage

func kinds(_ text: String) -> [TokenKind] {
    Lexer.tokenize(SourceFile(name: "t", text: text)).tokens.map(\.kind).filter { $0 != .end }
}

@Suite struct LexerTests {
    @Test func commandsWordsAndFlags() {
        #expect(
            kinds("campaign new \"Q4\" --daily-enroll 50 --track-opens --tz=Europe/Berlin") == [
                .word("campaign"), .word("new"), .string([.text("Q4")]), .flag("daily-enroll", attached: false),
                .word("50"),
                .flag("track-opens", attached: false), .flag("tz", attached: true), .word("Europe/Berlin"),
            ])
    }

    @Test func wordsKeepTimesDurationsEmailsAndCommaLists() {
        #expect(
            kinds("08:00 3d 13h ann@example.com 1,2,3 -5 MON-FRI") == [
                .word("08:00"), .word("3d"), .word("13h"), .word("ann@example.com"), .word("1,2,3"), .word("-5"),
                .word("MON-FRI"),
            ])
    }

    @Test func variablesWithPaths() {
        #expect(
            kinds("$c.steps.followup.id $boxes[0].email $_ $1 $args") == [
                .variable(.init(name: "c", path: [.field("steps"), .field("followup"), .field("id")])),
                .variable(.init(name: "boxes", path: [.index(0), .field("email")])),
                .variable(.init(name: "_")), .variable(.init(name: "1")), .variable(.init(name: "args")),
            ])
    }

    @Test func stringsInterpolateVariablesAndSubpipelines() throws {
        let source = SourceFile(name: "t", text: #"echo "Hi $user.name, ${n}x \"q\" \$5 $(campaign list | count)""#)
        let tokens = Lexer.tokenize(source).tokens
        guard case .string(let parts) = tokens[1].kind else {
            Issue.record("expected a string, got \(tokens[1].kind)")
            return
        }
        #expect(parts.count == 6)
        #expect(parts[0] == .text("Hi "))
        #expect(parts[1] == .variable(.init(name: "user", path: [.field("name")])))
        #expect(parts[3] == .variable(.init(name: "n")))
        #expect(parts[4] == .text(#"x "q" $5 "#))
        guard case .subpipeline(let range) = parts[5] else {
            Issue.record("expected a sub-pipeline")
            return
        }
        #expect(source.text(of: range) == "campaign list | count")
    }

    @Test func singleQuotesAreLiteral() {
        #expect(kinds("echo '$x \"y\"'") == [.word("echo"), .literal(#"$x "y""#)])
    }

    @Test func operatorsPipesAndPunctuation() {
        #expect(
            kinds("where a >= 1 && b != 'x' || !c | count; [1 2] { } ( ) > out.json =~ == <") == [
                .word("where"), .word("a"), .operator(">="), .word("1"), .operator("&&"), .word("b"), .operator("!="),
                .literal("x"),
                .operator("||"), .operator("!"), .word("c"), .pipe, .word("count"), .semicolon, .leftBracket,
                .word("1"), .word("2"),
                .rightBracket, .leftBrace, .rightBrace, .leftParen, .rightParen, .operator(">"), .word("out.json"),
                .operator("=~"),
                .operator("=="), .operator("<"),
            ])
        #expect(
            kinds("let x = $(count)") == [
                .word("let"), .word("x"), .assign, .subpipelineStart, .word("count"), .rightParen,
            ])
    }

    @Test func aCommaSeparatesOnlyDirectlyInsideAList() {
        #expect(
            kinds("[1, 2,3] 4,5") == [
                .leftBracket, .word("1"), .comma, .word("2"), .comma, .word("3"), .rightBracket, .word("4,5"),
            ])
        #expect(
            kinds(#"["a","b"]"#) == [
                .leftBracket, .string([.text("a")]), .comma, .string([.text("b")]), .rightBracket,
            ])
        #expect(
            kinds("[$(echo 1,2), { echo a,b }]") == [
                .leftBracket, .subpipelineStart, .word("echo"), .word("1,2"), .rightParen, .comma, .leftBrace,
                .word("echo"),
                .word("a,b"), .rightBrace, .rightBracket,
            ])
    }

    @Test func commentsNewlinesAndContinuations() {
        #expect(
            kinds("a # comment\nb \\\n  --c\n") == [
                .word("a"), .newline, .word("b"), .flag("c", attached: false), .newline,
            ])
    }

    @Test func fileReferences() {
        #expect(
            kinds("--message @first.html @ x") == [
                .flag("message", attached: false), .fileReference("first.html"), .word("@"), .word("x"),
            ])
    }

    @Test func incompleteInput() {
        for text in ["echo \"open", "echo 'open", "echo \"$(campaign list\"", "campaign new \\"] {
            #expect(Lexer.tokenize(SourceFile(name: "t", text: text)).isIncomplete, "\(text)")
        }
        #expect(!Lexer.tokenize(SourceFile(name: "t", text: "echo \"closed\"")).isIncomplete)
    }

    @Test func rangesAreUTF8Offsets() {
        let tokens = Lexer.tokenize(SourceFile(name: "t", text: "echo \"Zoë 🎉\" x")).tokens
        #expect(tokens[1].range == SourceRange(5, 16))
        #expect(tokens[2].range == SourceRange(17, 18))
    }

    @Test func unterminatedStringIsReportedAtTheQuote() {
        let result = Lexer.tokenize(SourceFile(name: "t", text: "echo \"abc"))
        #expect(
            result.diagnostics == [Diagnostic(.error, "unterminated string: add the closing \"", at: SourceRange(5, 6))]
        )
    }
}
