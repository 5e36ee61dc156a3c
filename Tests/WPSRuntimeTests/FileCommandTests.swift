import Foundation
import Testing
import WPSLanguage

@testable import WPSRuntime

@Suite struct FileCommandTests {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wps-files-\(UUID().uuidString)").path

    init() throws { try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true) }

    @Test func csvAndYamlRendering() async throws {
        let printed = Printed()
        var interpreter = Interpreter { printed.values.append($0) }
        interpreter.setVariable(
            "rows",
            .list([
                .record(["id": .int(1), "name": .string("Q4, \"big\""), "tags": .list([.string("a")])]),
                .record(["id": .int(2), "status": .string("DRAFT")]),
            ]))
        try await interpreter.run(Parser.parse(SourceFile(name: "t", text: "$rows | to csv\n$rows | to yaml")).script)
        #expect(printed.values[0] == .string("id,name,tags,status\n1,\"Q4, \"\"big\"\"\",\"[\"\"a\"\"]\",\n2,,,DRAFT"))
        #expect(printed.values[1] == .string("- id: 1\n  name: Q4, \"big\"\n  tags:\n  - a\n- id: 2\n  status: DRAFT"))
    }

    @Test func yamlQuotesTextThatLooksLikeOtherTypes() throws {
        let yaml = try YAMLRenderer().render(
            .record(["a": .string("true"), "b": .string("08:00"), "c": .string("50"), "d": .string("")]))
        #expect(
            yaml == "a: \"true\"\nb: 08:00\nc: \"50\"\nd: \"\"\n"
                || yaml == "a: \"true\"\nb: \"08:00\"\nc: \"50\"\nd: \"\"\n")
    }

    @Test func saveAndOpenRoundTripEveryFormat() async throws {
        for ext in ["json", "yaml", "csv", "ndjson"] {
            let path = "\(directory)/rows.\(ext)"
            let printed = Printed()
            var interpreter = Interpreter { printed.values.append($0) }
            interpreter.setVariable(
                "rows", .list([.record(["email": .string("a@example.com"), "port": .string("465")])]))
            // CSV has no types: its integers read back as numbers, unless --raw keeps the text.
            let open = ext == "csv" ? "open \(path) --raw\nopen \(path)" : "open \(path)"
            try await interpreter.run(Parser.parse(SourceFile(name: "t", text: "$rows | save \(path)\n\(open)")).script)
            var expected: [Value] = [.list([.record(["email": .string("a@example.com"), "port": .string("465")])])]
            if ext == "csv" {
                expected.append(.list([.record(["email": .string("a@example.com"), "port": .int(465)])]))
            }
            #expect(printed.values == expected, "\(ext)")
        }
    }

    @Test func csvIntegersWrittenPlainlyAreNumbers() {
        #expect(ValueReader.csvField("42") == .int(42))
        #expect(ValueReader.csvField("-7") == .int(-7))
        for text in ["007", "+1", "1e3", "12.50", "", " 4", "99999999999999999999"] {
            #expect(ValueReader.csvField(text) == .string(text), "\(text)")
        }
    }

    @Test func savedAndRedirectedFilesEndInExactlyOneNewline() async throws {
        // `save` by the file's extension, `>` the text (or the value as JSON), each a text file.
        let files = [
            "$rows | save s.json", "$rows | save s.yaml", "$rows | save s.csv", "$rows | save s.ndjson",
            "echo hello | save s.txt", "$rows > r.json", "$rows | to json > t.json", "$rows | to yaml > t.yaml",
            "$rows | to csv > t.csv", "$rows | to ndjson > t.ndjson", "echo hello > t.txt", "echo \"two\n\n\" > n.txt",
        ]
        var interpreter = Interpreter { _ in }
        interpreter.setVariable("rows", .list([.record(["email": .string("a@example.com"), "port": .int(465)])]))
        let script = files.map {
            $0.replacingOccurrences(of: "> ", with: "> \(directory)/")
                .replacingOccurrences(of: "save ", with: "save \(directory)/")
        }.joined(separator: "\n")
        try await interpreter.run(Parser.parse(SourceFile(name: "t", text: script)).script)
        func text(_ name: String) throws -> String {
            try String(contentsOfFile: "\(directory)/\(name)", encoding: .utf8)
        }
        for name in files.compactMap({ $0.split(separator: " ").last.map(String.init) }) {
            let written = try text(name)
            #expect(written.hasSuffix("\n") && !written.hasSuffix("\n\n"), "\(name): \(written.debugDescription)")
        }
        #expect(try text("t.csv") == "email,port\na@example.com,465\n")
        #expect(try text("t.txt") == "hello\n" && text("n.txt") == "two\n")
        #expect(Interpreter.textFileContent("a\r\nb\r\n") == "a\r\nb\r\n")
        #expect(Interpreter.textFileContent("") == "" && Interpreter.textFileContent("\n\n") == "")
    }

    @Test func openReportsBadFiles() async throws {
        let path = "\(directory)/bad.json"
        try "{nope".write(toFile: path, atomically: true, encoding: .utf8)
        await #expect(throws: RuntimeError.self) { _ = try await run("open \(path)") }
        await #expect(throws: RuntimeError.self) { _ = try await run("open \(directory)/missing.csv") }
    }

    @Test func sourceRunsAnotherFileInTheSameScope() async throws {
        let path = "\(directory)/setup.wps"
        try "let greeting = \"hello\"\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(try await run("source \(path)\necho $greeting") == ["hello"])
        try "campain list\n".write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try await run("source \(path)")
            Issue.record("expected an error")
        } catch let error as RuntimeError {
            // Shown in the sourced file, at its own line, not at the `source` line.
            #expect(error.message.hasPrefix("unknown command 'campain'"))
            #expect(error.sourceFile?.name == path)
            #expect(error.range.map { error.sourceFile?.location(of: $0.start).line } == 1)
        }
    }

    @Test func exitStopsWithItsCode() async throws {
        var interpreter = Interpreter { _ in }
        let runner = ScriptRunner(format: .json, write: { _ in }, writeError: { _ in })
        let code = await runner.run(
            SourceFile(name: "t", text: "echo a\nexit 3\necho never"), interpreter: &interpreter)
        #expect(code == 3)
    }

    @Test func diagnosticsShowTheLineWithoutTheSecret() async throws {
        final class Lines: @unchecked Sendable { var text = "" }
        let errors = Lines()
        var interpreter = Interpreter { _ in }
        let runner = ScriptRunner(format: .json, write: { _ in }, writeError: { errors.text += $0 })
        let line = "mailbox add --email a@example.com --password Pl4nted-S3cret --smtp-port 0"
        let code = await runner.run(SourceFile(name: "t", text: line), interpreter: &interpreter)
        #expect(code == 2)
        #expect(!errors.text.contains("Pl4nted-S3cret"))
        // A fixed-width mask: it tells nothing of the secret's length.
        let lines = errors.text.split(separator: "\n").map(String.init)
        let shown = try #require(lines.first { $0.hasPrefix("1 | ") })
        #expect(shown == "1 | mailbox add --email a@example.com --password **** --smtp-port 0")
    }

    @Test func aSpanThatEndsAfterASecretStillSitsUnderItsText() {
        let source = SourceFile(name: "t", text: "mailbox add --password Hunter2xyz --bogus 1")
        let renderer = HistoryMasker.renderer(for: source)
        let text = "mailbox add --password Hunter2xyz --bogus 1"
        let start = text.utf8.count - "--bogus 1".utf8.count
        let rendered = renderer.render(Diagnostic(.error, "x", at: SourceRange(start, start + 7)))
        #expect(!rendered.contains("Hunter2"))
        // An unknown flag's value is not provably harmless in a command that takes a secret: masked too.
        #expect(
            rendered.contains("1 | mailbox add --password **** --bogus ****\n  |                             ^^^^^^^"))
    }

    @Test func tableRendersRecordsAsColumns() {
        let text = TableRenderer().render(
            .list([
                .record(["id": .int(7), "name": .string("Q4")]),
                .record(["id": .int(123), "name": .string("Spring"), "extra": .list([.int(1), .int(2)])]),
            ]))
        #expect(text == "id   name    extra\n───  ──────  ─────\n  7  Q4\n123  Spring  1, 2")
    }
}

@Suite struct TreeRendererTests {
    @Test func nestedRecordsDrawAsATree() {
        let value: Value = .record([
            "id": .int(7), "settings": .record(["timezone": .string("UTC"), "daily_enroll": .int(5)]),
            "steps": .record([
                "type": .string("START"), "followup": .record(["type": .string("EMAIL"), "followup": .null]),
            ]),
            "ids": .list([.int(1), .int(2)]),
        ])
        #expect(
            TableRenderer().render(value) == """
                id: 7
                settings
                ├─ timezone: UTC
                └─ daily_enroll: 5
                steps
                ├─ type: START
                └─ followup
                   ├─ type: EMAIL
                   └─ followup: null
                ids: [1, 2]
                """)
    }
}

@Suite struct TableWidthTests {
    let rows: Value = .list([
        .record([
            "id": .int(777001), "name": .string(String(repeating: "long name ", count: 8)), "status": .string("DRAFT"),
        ]),
        .record(["id": .int(7), "name": .string("short"), "status": .string("RUNNING")]),
    ])

    @Test func withoutAWidthNothingIsCut() {
        let text = TableRenderer().render(rows)
        #expect(text.contains(String(repeating: "long name ", count: 7) + "long name"))
        #expect(!text.contains("…"))
    }

    @Test func theWidestColumnIsCutToFitTheTerminal() {
        for width in [30, 50, 80] {
            let text = TableRenderer(width: width).render(rows)
            for line in text.split(separator: "\n") { #expect(DisplayWidth.of(line) <= width, "\(width): \(line)") }
            #expect(text.contains("…"))
            #expect(text.contains("777001") && text.contains("RUNNING"), "narrow columns are kept whole")
        }
    }

    @Test func aFirstColumnThatNamesTheRowIsNotCut() {
        let reports: Value = .list(
            ["rev.tracking.example.com", "mail.example.com"].map { domain in
                .record([
                    "domain": .string(domain), "verdict": .string("warn"), "mx": .string("ok"),
                    "hints": .string(String(repeating: "a hint ", count: 10)),
                ])
            })
        let text = TableRenderer(width: 60).render(reports)
        #expect(text.contains("rev.tracking.example.com") && text.contains("mail.example.com"))
        for line in text.split(separator: "\n") { #expect(DisplayWidth.of(line) <= 60, "\(line)") }
        #expect(text.contains("…"), "the hints are cut instead")
        // A first column that is not an identifier is cut like any other.
        #expect(!TableRenderer.isIdentifier("name") && TableRenderer.isIdentifier("details.email"))
    }

    @Test func aNestedRecordShowsWhatNamesIt() {
        let boxes: Value = .list([
            .record(["id": .int(1), "details": .record(["email": .string("ann@example.com"), "port": .int(465)])])
        ])
        #expect(TableRenderer().render(boxes).contains("ann@example.com"))
        let unnamed: Value = .record(["a": .int(1), "b": .int(2), "c": .int(3), "d": .int(4)])
        #expect(TableRenderer().render(.list([.record(["x": unnamed])])).contains("{4 fields}"))
    }
}
