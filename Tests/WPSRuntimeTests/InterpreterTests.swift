import Foundation
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Collects what a script prints.
final class Printed: @unchecked Sendable {
    var values: [Value] = []
}

/// Runs source and returns the printed values as compact JSON (strings as text).
func run(_ text: String, arguments: [String] = []) async throws -> [String] {
    let result = Parser.parse(SourceFile(name: "t.wps", text: text))
    #expect(result.diagnostics == [], "\(result.diagnostics)")
    let printed = Printed()
    var interpreter = Interpreter(arguments: arguments) { printed.values.append($0) }
    try await interpreter.run(result.script)
    return printed.values.map { if case .string(let s) = $0 { s } else { JSONRenderer().render($0) } }
}

@Suite struct InterpreterTests {
    @Test func variablesInterpolationAndArguments() async throws {
        #expect(try await run(#"let n = 50; let name = "Q4"; echo "$name: $n of $(echo 60)""#) == ["Q4: 50 of 60"])
        #expect(try await run(#"echo $1 $args[1]"#, arguments: ["deploy", "50"]) == ["deploy 50"])
        #expect(try await run("echo 1; echo $_") == ["1", "1"])
    }

    @Test func pipelinesOfRecords() async throws {
        let script = """
            let a = [1 2 3 4 5]
            $a | where $it > 2 | count
            $a | first 2
            $a | last
            $a | sort-by it --reverse
            """
        #expect(try await run(script) == ["3", "[1,2]", "5", "[5,4,3,2,1]"])
    }

    @Test func sortByPutsNullsLastAndMixedKindsInOneOrder() async throws {
        let script = """
            let a = [3 null 1.5 "b" 2 null "a" true 1]
            $a | sort-by it
            $a | sort-by it --reverse
            """
        #expect(
            try await run(script) == [
                #"[1,1.5,2,3,"a","b",true,null,null]"#, #"[true,"b","a",3,2,1.5,1,null,null]"#,
            ])
        let records = Value.list([.int(2), .null, .int(1), .string("x")].map { Value.record(["n": $0]) })
        for (flag, expected) in [("", "[1,2,\"x\",null]"), (" --reverse", "[\"x\",2,1,null]")] {
            let printed = Printed()
            var interpreter = Interpreter { printed.values.append($0) }
            interpreter.setVariable("r", records)
            try await interpreter.run(Parser.parse(SourceFile(name: "t", text: "$r | sort-by n\(flag) | get n")).script)
            #expect(printed.values.map { JSONRenderer().render($0) } == [expected], "sort-by n\(flag)")
        }
    }

    /// A record that lacks a field the condition names has it as null: `where f != null` keeps
    /// only the records whose `f` has a value (it kept those without `f` before).
    @Test func aFieldARecordLacksIsNullInWhere() async throws {
        let printed = Printed()
        var interpreter = Interpreter { printed.values.append($0) }
        interpreter.setVariable(
            "_",
            .list([
                .record(["id": .int(1), "f": .int(2), "s": .record(["x": .int(1)])]),
                .record(["id": .int(2)]),
                .record(["id": .int(3), "f": .null, "s": .null]),
            ]))
        let script = """
            let xs = $_
            $xs | where f != null | count
            $xs | where f == null | count
            $xs | where s.x != null | count
            $xs | where s.x == null | count
            """
        try await interpreter.run(Parser.parse(SourceFile(name: "t", text: script)).script)
        #expect(printed.values == [.int(1), .int(2), .int(1), .int(2)])
    }

    /// `> FILE` writes what `save FILE` writes, by the extension: CSV rows under one header,
    /// also when appended (`>>`).
    @Test func redirectionWritesByTheFilesExtension() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wps-redirect-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        var interpreter = Interpreter { _ in }
        interpreter.setVariable("_", .list([.record(["a": .int(1), "b": .string("x")])]))
        let csv = folder.appendingPathComponent("out.csv").path
        let yaml = folder.appendingPathComponent("out.yaml").path
        let script = "let xs = $_\n$xs > \(csv)\n$xs >> \(csv)\n$xs > \(yaml)"
        try await interpreter.run(Parser.parse(SourceFile(name: "t", text: script)).script)
        #expect(try String(contentsOfFile: csv, encoding: .utf8) == "a,b\n1,x\n1,x\n")
        #expect(try String(contentsOfFile: yaml, encoding: .utf8) == "- a: 1\n  b: x\n")
    }

    @Test func whereSeesFieldsOfEachRecord() async throws {
        let printed = Printed()
        let parsed = Parser.parse(
            SourceFile(name: "t", text: #"$_ | where status == "DRAFT" and daily > 10 | select id | to json"#))
        var interpreter = Interpreter { printed.values.append($0) }
        interpreter.setVariable(
            "_",
            .list([
                .record(["id": .int(1), "status": .string("DRAFT"), "daily": .int(50)]),
                .record(["id": .int(2), "status": .string("RUNNING"), "daily": .int(50)]),
                .record(["id": .int(3), "status": .string("DRAFT"), "daily": .int(5)]),
            ]))
        try await interpreter.run(parsed.script)
        #expect(printed.values == [.string("[\n  {\n    \"id\": 1\n  }\n]")])
    }

    @Test func controlFlow() async throws {
        let script = """
            for x in [1 2 3] {
                if $x == 2 { echo two } else if $x > 2 { echo big } else { echo small }
            }
            try { echo $nope } catch { echo "caught: $error" }
            [1 2] | each { echo "item $it" }
            """
        #expect(
            try await run(script) == ["small", "two", "big", "caught: no variable '$nope'", #"["item 1","item 2"]"#])
    }

    @Test func blocksHaveTheirOwnScope() async throws {
        let script = """
            let x = outer
            for i in [1 2] { let x = inner; let y = $i }
            echo $x
            if true { let x = changed }
            echo $x
            try { echo $y } catch { echo "y is gone" }
            """
        #expect(try await run(script) == ["outer", "outer", "y is gone"])
    }

    @Test func errorsCarryTheirRangeAndSuggestions() async throws {
        let source = SourceFile(name: "t.wps", text: "let count = 3\necho $cuont")
        var interpreter = Interpreter { _ in }
        do {
            try await interpreter.run(Parser.parse(source).script)
            Issue.record("expected an error")
        } catch let error as RuntimeError {
            #expect(error.message == "no variable '$cuont' — did you mean '$count'?")
            let rendered = DiagnosticRenderer(source: source).renderLine(error.diagnostic(fallback: SourceRange(0, 0)))
            #expect(rendered == "t.wps:2:6: error: no variable '$cuont' — did you mean '$count'?")
        }
    }

    @Test func redirectWritesTheRenderedValue() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(try await run("[1 2] > \(path)") == [])
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "[\n  1,\n  2\n]\n")
    }

    @Test func commandsTheRuntimeAddsRunWithTheirInput() async throws {
        let printed = Printed()
        let fake = CommandDefinition.custom(["campaign", "get"]) { command, _, interpreter in
            let id = try await interpreter.evaluate(command.positionals[0])
            return .record(["id": id, "name": .string("Q4"), "settings": .record(["daily_enroll": .int(50)])])
        }
        var interpreter = Interpreter(commands: CommandDefinition.replacing(fake)) { printed.values.append($0) }
        try await interpreter.run(
            Parser.parse(SourceFile(name: "t", text: "campaign get 777 | get settings.daily_enroll")).script)
        #expect(printed.values == [.int(50)])
    }
}
