import Foundation
import Testing
import WPSLanguage

@testable import OutreachAPI
@testable import WPSRuntime

/// The runtime error a script stops with, with the line and column it points at.
func failure(of text: String) async throws -> (message: String, line: Int, column: Int) {
    let source = SourceFile(name: "t.wps", text: text)
    let parsed = Parser.parse(source)
    #expect(parsed.diagnostics == [], "\(parsed.diagnostics)")
    var interpreter = Interpreter { _ in }
    do {
        try await interpreter.run(parsed.script)
    } catch let error as RuntimeError {
        let location = source.location(of: error.range?.start ?? -1)
        return (error.message, location.line, location.column)
    }
    Issue.record("no error from \(text)")
    return ("", 0, 0)
}

@Suite struct ArithmeticTests {
    @Test func precedenceParenthesesAndUnaryMinus() async throws {
        #expect(try await run("1 + 2 * 3") == ["7"])
        #expect(try await run("(1 + 2) * 3") == ["9"])
        #expect(try await run("2 * (3 + 4) % 5") == ["4"])
        #expect(try await run("10 - 4 - 3") == ["3"])  // left to right
        #expect(try await run("- 5 + 2") == ["-3"])
        #expect(try await run("let n = 4; - $n * 2") == ["-8"])
        #expect(try await run("-5 * -2") == ["10"])
    }

    @Test func letTakesAnExpressionAndCountsUp() async throws {
        #expect(try await run("let n = 1 + 2; $n") == ["3"])
        #expect(try await run("let n = 5; let n = $n + 1; echo $n") == ["6"])
        // a block's own `n`
        #expect(try await run("let n = 0; for i in [1 2 3] { let n = $n + $i }; echo $n") == ["0"])
        #expect(try await run("let total = 0\nfor i in 1..4 {\n  $total = $total + $i\n}\necho $total") == ["10"])
        #expect(try await run("let n = 1; if true { $n = $n * 5 }; $n") == ["5"])
    }

    @Test func divisionIsExactWhenItDivides() async throws {
        #expect(try await run("8 / 2") == ["4"])
        #expect(try await run("7 / 2") == ["3.5"])
        #expect(try await run("7 % 3") == ["1"])
        #expect(try await run("1.5 * 2") == ["3.0"])
        #expect(try await run("0.5 + 1") == ["1.5"])
    }

    @Test func plusJoinsTextAndLists() async throws {
        #expect(try await run(#""id-" + 7"#) == ["id-7"])
        #expect(try await run(#"let who = "Ana"; "Hi " + $who + "!""#) == ["Hi Ana!"])
        #expect(try await run("[1] + [2 3]") == ["[1,2,3]"])
    }

    @Test func valuesInParenthesesAreArguments() async throws {
        #expect(try await run("let n = 4; echo ($n * 2)") == ["8"])
        #expect(try await run("let n = 4; echo ($n > 3)") == ["true"])
        #expect(try await run("[1 2 3 4] | where $it * 2 > 4") == ["[3,4]"])
    }

    @Test func rangesAreInclusiveListsInForAndAsValues() async throws {
        #expect(try await run("for i in 1..3 { echo $i }") == ["1", "2", "3"])
        #expect(try await run("1..3") == ["[1,2,3]"])
        #expect(try await run("1..3 | count") == ["3"])
        #expect(try await run("let n = 3; 1..$n") == ["[1,2,3]"])
        #expect(try await run("let n = 3; $n..1") == ["[3,2,1]"])
        #expect(try await run("let a = 2; let b = 4; $a .. $b") == ["[2,3,4]"])
        #expect(try await run("[0..2 5]") == ["[[0,1,2],5]"])
        #expect(try await run("echo a..b") == ["a..b"])  // not a range: a word
    }

    @Test func mistakesAreLocatedErrors() async throws {
        var error = try await failure(of: "echo 1\nlet x = 1 / 0")
        #expect(error.message == "division by zero")
        #expect((error.line, error.column) == (2, 9))
        error = try await failure(of: #"let x = "a" - 1"#)
        #expect(error.message == #"- takes numbers, not a string "a" and an int"#)
        error = try await failure(of: "9223372036854775807 + 1")
        #expect(error.message.contains("too large for an integer"))
        error = try await failure(of: "1..9999999")
        #expect(error.message.contains("more than 1000000 items"))
        error = try await failure(of: "let s = \"x\"\n1..$s")
        #expect(error.message.hasPrefix("a range takes integers"))
        #expect(error.line == 2)
        error = try await failure(of: "echo 1\n\n$nothing = 3")
        #expect(error.message.hasPrefix("no variable '$nothing' to give a new value"))
        #expect((error.line, error.column) == (3, 1))
        error = try await failure(of: "5 % 0")
        #expect(error.message.hasPrefix("division by zero"))
    }

    @Test func anOperatorWithoutAValueIsAParseError() {
        let parsed = Parser.parse(SourceFile(name: "t", text: "let n = 1 +"))
        #expect(parsed.diagnostics.map(\.message).contains { $0.contains("'+'") }, "\(parsed.diagnostics)")
    }

    @Test func whereChecksFieldsOnBothSidesOfArithmetic() async throws {
        let printed = Printed()
        var interpreter = Interpreter { printed.values.append($0) }
        interpreter.setVariable(
            "r", .list([.record(["a": .int(1), "b": .int(2)]), .record(["a": .int(3), "b": .int(4)])]))
        try await interpreter.run(Parser.parse(SourceFile(name: "t", text: "$r | where a + b > 3 | get a")).script)
        #expect(printed.values == [.list([.int(3)])])
        do {
            try await interpreter.run(Parser.parse(SourceFile(name: "t", text: "$r | where a + bb > 3")).script)
            Issue.record("no error")
        } catch let error as RuntimeError {
            #expect(error.message.hasPrefix("no item has a field 'bb' — did you mean 'b'?"))
        }
    }
}

@Suite struct ErrorValueTests {
    @Test func anAPIFailureIsARecordThatReadsAsItsMessage() async throws {
        let answer = APIError(
            status: 404, code: "CAMPAIGN_NOT_EXIST", message: "Campaign not found", endpoint: "GET campaigns/9",
            shape: .codeDetails)
        let failure = OutreachError(kind: .api, endpoint: "GET campaigns/9", apiError: answer)
        let error = RuntimeError(failure, at: nil)
        let printed = Printed()
        let failing = CommandDefinition.custom(["campaign", "get"]) { _, _, _ in throw error }
        var interpreter = Interpreter(commands: CommandDefinition.replacing(failing)) { printed.values.append($0) }
        let script = """
            try { campaign get 9 } catch {
              echo "failed: $error"
              echo $error.status $error.code $error.endpoint
              $error.message
              $error.details
            }
            """
        try await interpreter.run(Parser.parse(SourceFile(name: "t", text: script)).script)
        #expect(
            printed.values.map(\.text) == [
                "failed: GET campaigns/9: HTTP 404 CAMPAIGN_NOT_EXIST: Campaign not found",
                "404 CAMPAIGN_NOT_EXIST GET campaigns/9", "Campaign not found",
                "[]",
            ])
    }

    @Test func aBrokenRuleListsItsProblemsAndAScriptErrorHasNoStatus() async throws {
        let failure = OutreachError(
            kind: .validation, endpoint: "POST campaigns", problems: [ValidationProblem("name", "is required")])
        var record = RuntimeError(failure, at: nil).value
        #expect(try record.get([.field("code")]) == .string("VALIDATION"))
        #expect(try record.get([.field("details")]) == .list([.string("name: is required")]))
        #expect(try record.get([.field("status")]) == .null)
        record = RuntimeError("no variable '$x'").value
        #expect(try record.get([.field("code")]) == .string("ERROR"))
        #expect(try record.get([.field("message")]) == .string("no variable '$x'"))
        #expect(try record.get([.field("endpoint")]) == .null)
        #expect(record.text == "no variable '$x'")
    }
}
