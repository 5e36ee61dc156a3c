import Testing

@testable import WPSLanguage

@Suite struct TextScannerTests {
    @Test func validTextHasNoProblem() {
        #expect(TextScanner.check(Array("echo \"café ☕ 😀\"\nline 2\n".utf8)) == nil)
        #expect(TextScanner.check([UInt8]()) == nil)
    }

    @Test func theFirstBadByteIsLocatedByLineAndCharacter() throws {
        // "é" is one character: the bad byte 0xE9 on line 2 is the 10th character.
        let bytes = Array("echo \"café\"\n".utf8) + Array("echo \"caf".utf8) + [0xE9, 0x22, 0x0A]
        let problem = try #require(TextScanner.check(bytes))
        #expect((problem.line, problem.column, problem.offset) == (2, 10, 22))
        #expect(
            problem.message
                == "not UTF-8 text: byte 0xE9 starts a character that byte 0x22 does not continue; save the file as UTF-8"
        )
        #expect(
            TextScanner.check([0x61, 0xFF])?.message
                == "not UTF-8 text: byte 0xFF cannot start a character; save the file as UTF-8")
        // Overlong forms and surrogates are not UTF-8.
        #expect(TextScanner.check([0xC0, 0x80]) != nil)
        #expect(TextScanner.check([0xE0, 0x80, 0x80]) != nil)
        #expect(TextScanner.check([0xED, 0xA0, 0x80]) != nil)
        #expect(TextScanner.check([0xF4, 0x90, 0x80, 0x80]) != nil)
    }

    @Test func chunksMayEndInsideACharacter() {
        var scanner = TextScanner()
        let text = Array("a☕b\n😀".utf8)
        for byte in text { scanner.feed([byte]) }
        #expect(scanner.finish() == nil)
        var truncated = TextScanner()
        truncated.feed(Array("ab ".utf8) + [0xE2, 0x82])
        #expect(
            truncated.finish()
                == TextScanner.Problem(
                    line: 1, column: 4, offset: 3,
                    message: "not UTF-8 text: the text ends inside a character that starts with byte 0xE2"))
    }

    @Test func aNulByteMarksABinaryFile() {
        #expect(
            TextScanner.check(Array("one\ntw".utf8) + [0] + Array("o".utf8))?.description
                == "2:3: a NUL byte: this looks like a binary file, not text")
    }

    @Test func theLexerReportsNulBytesAnywhere() {
        for text in ["echo a\u{0}b", "echo \"a\u{0}b\"", "echo 'a\u{0}b'"] {
            let result = Lexer.tokenize(SourceFile(name: "t", text: text))
            #expect(
                result.diagnostics.map(\.message) == ["a NUL byte: this looks like a binary file, not a wps script"],
                "\(text.debugDescription)")
            let nul = Array(text.utf8).firstIndex(of: 0) ?? -1
            #expect(result.diagnostics.first?.range == SourceRange(nul, nul + 1))
        }
    }
}
