import Foundation
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Every literal argument is read by its declaration before anything runs: the values the run
/// would refuse are reported with the parser's problems, in one run, in source order.
@Suite struct LiteralCheckTests {
    /// What `wps --check` prints for `text`.
    static func checked(_ text: String) async -> (code: Int32, errors: String) { await checkedScript(text) }

    static func problems(_ text: String) async -> [RuntimeError] {
        await LiteralCheck(definitions: Interpreter.standardIndex).problems(
            in: Parser.parse(SourceFile(name: "t.wps", text: text)).script)
    }

    @Test func aCommandsBadValuesAndAnotherLinesUnknownFlagComeInOneRunInSourceOrder() async {
        let script = """
            campaign new x --accounts 1 --daily-enroll 5 --timezone America/New_Yrok --window 9-25:00 --subject "Hi {{FIRST_NAM}}" --message m
            prospect list --statu x
            """
        let (code, errors) = await Self.checked(script)
        #expect(code == 2)
        let messages = errors.split(separator: "\n").filter { $0.hasPrefix("error:") }
        #expect(messages.count == 4, "\(errors)")
        #expect(messages.first?.contains("did you mean 'America/New_York'") == true)
        #expect(messages.dropFirst().first?.contains("--window") == true)
        #expect(messages.dropFirst(2).first?.contains("'{{FIRST_NAME}}'") == true)
        #expect(messages.last?.contains("unknown flag '--statu'") == true)
        #expect(errors.contains("t.wps:1:57") && errors.contains("t.wps:1:83") && errors.contains("t.wps:2:15"))
    }

    @Test func commandsInsideBlocksPipelinesAndSubstitutionsAreRead() async {
        for text in [
            "for x in [1 2] { campaign set 5 --timezone Mars/Olympus }",
            "if true { echo a } else { campaign set 5 --timezone Mars/Olympus }",
            "echo $(campaign set 5 --timezone Mars/Olympus)",
            "echo \"id: $(campaign set 5 --timezone Mars/Olympus)\"",
            "campaign list | each { campaign set 5 --timezone Mars/Olympus }",
            "let c = campaign set 5 --timezone Mars/Olympus",
            "try { echo a } catch { campaign set 5 --timezone Mars/Olympus }",
        ] {
            let found = await Self.problems(text)
            #expect(found.count == 1, "\(text)")
            #expect(found.first?.message.contains("IANA time zone") == true, "\(text)")
        }
    }

    @Test func whatIsKnownOnlyWhenTheScriptRunsIsLeftToTheRun() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("literal-\(UUID().uuidString)")
        for text in [
            // A variable, an interpolation, a `$(…)`: values of the run.
            "let tz = \"Mars/Olympus\"\ncampaign set 5 --timezone $tz",
            "let p = \"Olympus\"\ncampaign set 5 --timezone \"Mars/$p\"",
            // The script's to catch.
            "try { campaign set 5 --timezone Mars/Olympus } catch { echo $error.message }",
            // A file the script writes before it reads it.
            "echo \"{{FIRST_NAM}}\" > \(folder.path)-body.html\ncampaign new x --accounts 1 --timezone UTC --daily-enroll 5 --subject s --message @\(folder.path)-body.html",
            // A secret is never read ahead: `-` would ask for it.
            "mailbox add --email a@b.co --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993 --password -",
        ] {
            let (code, errors) = await Self.checked(text)
            #expect(code == 0, "\(text): \(errors)")
        }
    }

    @Test func aSnippetProblemInAFileIsLocatedInTheFileBeforeAnythingRuns() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("first-\(UUID().uuidString).html")
        try "<p>Hi</p>\n<p>{{FIRST_NAM}}</p>\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (code, errors) = await Self.checked(
            "echo start\ncampaign new x --accounts 1 --daily-enroll 5 --subject s --message @\(file.path) --timezone Nowhere/X"
        )
        #expect(code == 2)
        #expect(errors.contains("\(file.lastPathComponent):2:"), "\(errors)")
        #expect(errors.contains("t.wps:2:"), "\(errors)")
    }

    /// Walks the catalogue: for every command, every flag and positional given a value that
    /// cannot be one, what the run's reading refuses the check reports at the same place — so
    /// a command added later is checked ahead without anyone remembering to.
    @Test func theCheckRefusesEveryLiteralTheRunRefusesForEveryCommand() async throws {
        let bad = ["Zz!9", "-1", "MON-XYZ 99:99", "{{NOPE}}"]
        var compared = 0
        var refused = 0
        for definition in CommandDefinition.standard {
            let descriptor = definition.descriptor
            var lines: [String] = []
            for flag in descriptor.flags where !flag.isSecret && !flag.isBoolean {
                for value in bad { lines.append("\(descriptor.name) --\(flag.name) \"\(value)\"") }
            }
            for value in bad where !descriptor.positionals.isEmpty {
                lines.append("\(descriptor.name) \"\(value)\"")
            }
            for line in lines {
                let parsed = Parser.parse(SourceFile(name: "t.wps", text: line))
                guard case .pipeline(let pipeline)? = parsed.script.statements.first,
                    let command = pipeline.stages.first
                else { continue }
                var interpreter = Interpreter(output: { _ in })
                var runRefusal: SourceRange?
                do {
                    _ = try await definition.read(command, input: .null, &interpreter)
                } catch let error as RuntimeError where error.exitCode == 2 && !error.isUnlocated {
                    runRefusal = error.range
                } catch {}
                let found = await LiteralCheck(definitions: Interpreter.standardIndex).problems(in: parsed.script)
                #expect(found.first?.range == runRefusal, "\(line)")
                compared += 1
                if runRefusal != nil { refused += 1 }
            }
        }
        #expect(compared > 500)
        #expect(refused > 100)
    }
}
