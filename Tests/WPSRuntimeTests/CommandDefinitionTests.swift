import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// The command values: one list feeds the registry, the dispatch, help and the catalogue; each
/// command's flags are read by the same declarations the parser checks; each names its own tests.
@Suite struct CommandDefinitionTests {
    static let testsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()

    @Test func theRegistryIsTheListOfCommandValues() {
        let definitions = CommandDefinition.standard
        #expect(CommandRegistry.standard.commands == definitions.map(\.descriptor))
        let names = definitions.map(\.name)
        #expect(Set(names).count == names.count, "a command is declared twice: \(names)")
        for definition in definitions {
            // Every flag the parser accepts has a reader, and nothing else does.
            #expect(definition.flags.map(\.flagDescriptor) == definition.descriptor.flags, "\(definition.name)")
            #expect(
                definition.positionals.map(\.positionalDescriptor) == definition.descriptor.positionals,
                "\(definition.name)")
            let flagNames = definition.descriptor.flags.map(\.name)
            #expect(Set(flagNames).count == flagNames.count, "\(definition.name) declares a flag twice: \(flagNames)")
        }
        #expect(CommandRegistry.standard.commands.filter { $0.category == .api }.count == CommandDefinition.api.count)
    }

    /// Each command names at least one test of its own, and that test runs the command: a Swift
    /// test (`Suite.function`) whose body, a transcript (`transcript:NAME`) whose script, or an
    /// end-to-end test (`e2e:FILE::test_name`) whose body contains the command's name.
    @Test func everyCommandDeclaresATestThatRunsIt() throws {
        for definition in CommandDefinition.standard {
            #expect(!definition.tests.isEmpty, "\(definition.name) declares no test")
            for test in definition.tests {
                let body = try Self.body(of: test)
                #expect(body != nil, "\(definition.name): no test \(test)")
                if let body {
                    #expect(body.contains(definition.name), "\(definition.name): \(test) does not run it")
                }
            }
        }
    }

    /// The text of a named test: its function body, or a transcript's script.
    static func body(of test: String) throws -> String? {
        if test.hasPrefix("transcript:") {
            let url = testsDirectory.appendingPathComponent("TranscriptTests/Transcripts/\(test.dropFirst(11)).wps")
            return try? String(contentsOf: url, encoding: .utf8)
        }
        if test.hasPrefix("e2e:") {
            let parts = test.dropFirst(4).components(separatedBy: "::")
            guard parts.count == 2 else { return nil }
            let url = testsDirectory.appendingPathComponent("EndToEnd/\(parts[0])")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
            return section(of: text, from: "def \(parts[1])(", until: "\ndef ")
        }
        let parts = test.components(separatedBy: ".")
        guard parts.count == 2 else { return nil }
        let files = FileManager.default.enumerator(atPath: testsDirectory.path)?.compactMap { $0 as? String } ?? []
        for file in files where file.hasSuffix(".swift") {
            guard let text = try? String(contentsOf: testsDirectory.appendingPathComponent(file), encoding: .utf8),
                let suite = text.range(of: "struct \(parts[0]) ")
            else { continue }
            // The function must be in that suite: after its declaration, before the next suite's.
            let rest = String(text[suite.upperBound...])
            let suiteText = String(rest[..<(rest.range(of: "\n@Suite")?.lowerBound ?? rest.endIndex)])
            if let body = section(of: suiteText, from: "func \(parts[1])(", until: "@Test") { return body }
        }
        return nil
    }

    static func section(of text: String, from start: String, until end: String) -> String? {
        guard let found = text.range(of: start) else { return nil }
        let rest = text[found.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    /// `--wait` is accepted or refused in one place: what the checker passes, the reader reads.
    @Test(arguments: ["3d", "13h", "1d", "9999d", "30m", "0d", "10000d", "3 days", "d"])
    func theCheckerAndTheReaderAgreeOnAWait(_ text: String) async throws {
        let source =
            "campaign new x --accounts 1 --timezone UTC --daily-enroll 5 --subject s --message m --wait '\(text)'"
        let parsed = Parser.parse(SourceFile(name: "t.wps", text: source))
        var interpreter = Interpreter { _ in }
        let site = ArgumentSite(
            expression: .literal(text, SourceRange(0, 0)), what: "--wait", name: "wait", range: SourceRange(0, 0))
        var read: FollowupAfter?
        do { read = try await ArgumentReader<FollowupAfter>.wait.read(site, &interpreter) } catch {}
        let accepted = CommandChecker.duration(text) != nil
        #expect(parsed.diagnostics.isEmpty == accepted, "\(text): \(parsed.diagnostics.map(\.message))")
        #expect((read != nil) == accepted, "\(text)")
    }

    /// A command's flags come back typed, in the API's shape, whatever spelling was used.
    @Test func flagsAreReadByTheirDeclarations() async throws {
        let source =
            #"campaign new "Q4" --email-account-ids 1,2 --daily-enroll 50 --timezone UTC --track-opens --wait 13h --subject A --subject B --message "<p>x</p>""#
        let parsed = Parser.parse(SourceFile(name: "t.wps", text: source))
        #expect(parsed.diagnostics == [])
        guard case .pipeline(let pipeline)? = parsed.script.statements.first, let command = pipeline.stages.first else {
            Issue.record("no command")
            return
        }
        var interpreter = Interpreter { _ in }
        let definition = try #require(CommandDefinition.standard.first { $0.name == "campaign new" })
        let invocation = try await Invocation.read(
            command, input: .null, flags: definition.flags, positionals: definition.positionals, &interpreter)
        #expect(invocation[SharedFlags.accounts] == [1, 2])
        #expect(invocation[SharedFlags.dailyEnroll] == 50)
        #expect(invocation[SharedFlags.trackOpens] == true)
        #expect(invocation[SharedFlags.wait] == FollowupAfter(range: .hour, value: 13))
        #expect(invocation.all(SharedFlags.subject) == ["A", "B"])
        #expect(invocation[CampaignNewCommand.name] == "Q4")
        #expect(invocation[SharedFlags.timezone] == "UTC")
        #expect(!invocation.has(SharedFlags.window))
    }

    /// An API command without a session says what it needs; filters and built-ins run anyway.
    @Test func apiCommandsNeedAConnection() async throws {
        let printed = Printed()
        var interpreter = Interpreter { printed.values.append($0) }
        try await interpreter.run(Parser.parse(SourceFile(name: "t.wps", text: "[3 1 2] | sort-by it | first")).script)
        #expect(printed.values == [.int(1)])
        do {
            try await interpreter.run(Parser.parse(SourceFile(name: "t.wps", text: "campaign list")).script)
            Issue.record("expected an error")
        } catch let error as RuntimeError {
            #expect(error.message == "'campaign list' needs a connection: run wps with --sandbox or a profile")
        }
    }
}

/// The parser fuzzer (`scripts/fuzz parser`) is built from `WPSLanguage` alone, so it cannot read
/// the command values; it parses against `Fuzz/Support/StandardRegistry.swift`, the standard
/// descriptors written out as Swift. This test keeps that file the same as the values:
/// `WPS_REGENERATE=1 swift test --filter FuzzRegistryTests` rewrites it.
@Suite struct FuzzRegistryTests {
    static let path = CommandDefinitionTests.testsDirectory.deletingLastPathComponent()
        .appendingPathComponent("Fuzz/Support/StandardRegistry.swift")

    @Test func theFuzzersRegistryIsTheStandardOne() throws {
        let generated = Self.source(CommandRegistry.standard.commands)
        if ProcessInfo.processInfo.environment["WPS_REGENERATE"] == "1" {
            try generated.write(to: Self.path, atomically: true, encoding: .utf8)
        }
        let committed = try String(contentsOf: Self.path, encoding: .utf8)
        #expect(committed == generated, "run WPS_REGENERATE=1 swift test --filter FuzzRegistryTests")
    }

    static func source(_ commands: [CommandDescriptor]) -> String {
        var lines = [
            "// The standard commands' descriptors, for the parser fuzzer (built from WPSLanguage alone).",
            "// Generated from CommandDefinition.standard; a test keeps it so:",
            "// WPS_REGENERATE=1 swift test --filter FuzzRegistryTests",
            "import WPSLanguage",
            "",
            "let standardRegistry = CommandRegistry([",
        ]
        for command in commands {
            let flags = command.flags.filter { !(command.isDestructive && $0 == FlagDescriptor.yes) }
            lines.append("    CommandDescriptor(")
            lines.append(
                "        \(literal(command.words)), \(literal(command.summary)), category: .\(command.category.rawValue),"
            )
            lines.append("        discussion: \(literal(command.discussion)),")
            lines.append("        positionals: [")
            for positional in command.positionals {
                lines.append(
                    "            PositionalDescriptor(\(literal(positional.name)), \(literal(positional.kind)), "
                        + "optional: \(positional.optional), repeating: \(positional.repeating)),")
            }
            lines.append("        ],")
            lines.append("        flags: [")
            for flag in flags {
                lines.append(
                    "            FlagDescriptor(\(literal(flag.name)), \(literal(flag.kind)), \(literal(flag.summary)), "
                        + "secret: \(flag.isSecret), repeatable: \(flag.repeatable), required: \(flag.required), "
                        + "requiredUnless: \(literal(flag.requiredUnless)), "
                        + "fields: \(literal(flag.fields)), aliases: \(literal(flag.aliases)), "
                        + "default: \(flag.defaultValue.map(literal) ?? "nil")),")
            }
            lines.append("        ],")
            lines.append(
                "        examples: \(literal(command.examples)), sends: \(literal(command.sends)), "
                    + "destructive: \(command.isDestructive)),")
        }
        lines.append("])")
        return lines.joined(separator: "\n") + "\n"
    }

    static func literal(_ text: String) -> String {
        var escaped = ""
        for character in text {
            switch character {
            case "\\": escaped += "\\\\"
            case "\"": escaped += "\\\""
            case "\n": escaped += "\\n"
            case "\t": escaped += "\\t"
            default: escaped.append(character)
            }
        }
        return "\"" + escaped + "\""
    }

    static func literal(_ texts: [String]) -> String { "[" + texts.map(literal).joined(separator: ", ") + "]" }

    static func literal(_ kind: ValueKind) -> String {
        switch kind {
        case .string: ".string"
        case .integer: ".integer"
        case .number: ".number"
        case .bool: ".bool"
        case .duration: ".duration"
        case .time: ".time"
        case .timezone: ".timezone"
        case .email: ".email"
        case .file: ".file"
        case .window: ".window"
        case .signature: ".signature"
        case .outputFormat: ".outputFormat"
        case .campaignID: ".campaignID"
        case .stepID: ".stepID"
        case .versionID: ".versionID"
        case .batchID: ".batchID"
        case .mailboxID: ".mailboxID"
        case .profile: ".profile"
        case .prospectEmail: ".prospectEmail"
        case .field: ".field"
        case .condition: ".condition"
        case .block: ".block"
        case .any: ".any"
        case .delimiter: ".delimiter"
        case .list(let inner): ".list(\(literal(inner)))"
        case .choice(let options): ".choice(\(literal(options)))"
        }
    }
}
