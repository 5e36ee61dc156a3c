import Testing
import WPSRuntime

@testable import WPSLanguage

func parse(_ text: String) -> ParseResult { Parser.parse(SourceFile(name: "t.wps", text: text)) }

/// The rendered one-line diagnostics of a source.
func problems(_ text: String) -> [String] {
    let source = SourceFile(name: "t.wps", text: text)
    let result = Parser.parse(source)
    return result.diagnostics.map { DiagnosticRenderer(source: source).renderLine($0) }
}

func r(_ start: Int, _ end: Int) -> SourceRange { SourceRange(start, end) }

@Suite struct ParserTests {
    @Test func aCommandWithPositionalsAndFlags() throws {
        let result = parse(
            #"campaign new "Q4" --daily-enroll 50 --track-opens --timezone=Europe/Berlin --accounts 1 --message m"#)
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = try #require(result.script.statements.first) else {
            Issue.record("not a pipeline")
            return
        }
        let command = try #require(pipeline.stages.first)
        #expect(command.words == ["campaign", "new"])
        #expect(command.positionals == [.string([.text("Q4")], r(13, 17))])
        #expect(command.values(of: "daily-enroll") == [.word("50", r(33, 35))])
        #expect(command.values(of: "track-opens") == [nil])
        #expect(command.values(of: "timezone") == [.word("Europe/Berlin", r(61, 74))])
    }

    @Test func aWordWithAnEqualsSignIsOneValueWithWhatDirectlyFollows() throws {
        func command(_ text: String) throws -> Command {
            let result = parse(text)
            #expect(result.diagnostics == [], "\(text)")
            guard case .pipeline(let pipeline) = try #require(result.script.statements.first) else {
                throw CancellationError()
            }
            return try #require(pipeline.stages.first)
        }
        let list = try command("prospect list --search first_name=Ann,email=a@b.co")
        #expect(list.values(of: "search") == [.word("first_name=Ann,email=a@b.co", r(23, 50))])
        let echo = try command(#"echo x="two words" y=$id z= w"#)
        #expect(
            echo.positionals == [
                .string([.text("x="), .text("two words")], r(5, 18)),
                .string([.text("y="), .variable(VariableReference(name: "id"))], r(19, 24)),
                .word("z=", r(25, 27)), .word("w", r(28, 29)),
            ])
        // Apart from directly after a word, `=` still means nothing in a command's arguments.
        #expect(problems("echo a = b") == ["t.wps:1:8: error: unexpected '='"])
        #expect(problems("echo =b") == ["t.wps:1:6: error: unexpected '='"])
    }

    @Test func pipelinesAndRedirects() throws {
        let result = parse("mailbox import boxes.csv | batch watch | where failed > 0 | to csv > failed.csv")
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = try #require(result.script.statements.first) else {
            Issue.record("not a pipeline")
            return
        }
        #expect(pipeline.stages.map(\.name) == ["mailbox import", "batch watch", "where", "to"])
        #expect(pipeline.redirect == .word("failed.csv", r(69, 79)))
        #expect(
            pipeline.stages[2].positionals == [
                .binary(.greater, .word("failed", r(47, 53)), .word("0", r(56, 57)), r(47, 57))
            ])
    }

    @Test func conditionPrecedence() throws {
        let result = parse(#"campaign list | where a > 1 and b == "x" or not c"#)
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = result.script.statements.first,
            case .binary(.or, let left, let right, _) = pipeline.stages[1].positionals.first
        else {
            Issue.record("expected an or at the top: \(result.script)")
            return
        }
        guard case .binary(.and, .binary(.greater, _, _, _), .binary(.equal, _, _, _), _) = left else {
            Issue.record("left: \(left)")
            return
        }
        guard case .unary(.not, .word("c", _), _) = right else {
            Issue.record("right: \(right)")
            return
        }
    }

    @Test func letForIfTrySource() {
        let result = parse(
            """
            let c = campaign get 777
            for box in $boxes { echo $box.email }
            if $c.status == "DRAFT" { campaign run $c.id } else if $x { echo no } else { echo maybe }
            try { campaign delete 1 } catch { echo $error }
            source setup.wps
            """)
        #expect(result.diagnostics == [])
        let statements = result.script.statements
        #expect(statements.count == 5)
        guard case .assignment("c", let value, _) = statements[0] else {
            Issue.record("let")
            return
        }
        #expect(value.stages.first?.words == ["campaign", "get"])
        guard case .forLoop("box", .variable(let list, _), let body, _) = statements[1] else {
            Issue.record("for")
            return
        }
        #expect(list.name == "boxes")
        #expect(body.statements.count == 1)
        guard case .conditional(_, _, let otherwise?, _) = statements[2],
            case .conditional(_, _, let last?, _) = otherwise.statements.first
        else {
            Issue.record("if/else if")
            return
        }
        #expect(last.statements.count == 1)
        guard case .attempt(_, let recovery?, _) = statements[3] else {
            Issue.record("try")
            return
        }
        #expect(recovery.statements.count == 1)
        guard case .source(.word("setup.wps", _), _) = statements[4] else {
            Issue.record("source")
            return
        }
    }

    @Test func multiLineBlocksSeparatorsAndContinuations() {
        let result = parse(
            """
            for id in [1 2
                       3] {
                campaign pause $id; campaign run $id
            }
            campaign new "x" \\
                --daily-enroll 5 --accounts 1 --timezone UTC --message m
            """)
        #expect(result.diagnostics == [])
        #expect(result.script.statements.count == 2)
        guard case .forLoop(_, .list(let items, _), let body, _) = result.script.statements[0] else {
            Issue.record("for")
            return
        }
        #expect(items.count == 3)
        #expect(body.statements.count == 2)
    }

    @Test func interpolationParsesNestedPipelines() {
        let result = parse(#"echo "count: $(campaign list | where status == "DRAFT" | count) of $n""#)
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = result.script.statements.first,
            case .string(let parts, _) = pipeline.stages[0].positionals.first,
            case .pipeline(let inner) = parts[1]
        else {
            Issue.record("\(result.script)")
            return
        }
        #expect(inner.stages.map(\.name) == ["campaign list", "where", "count"])
        #expect(parts[3] == .variable(VariableReference(name: "n")))
    }

    @Test func pipelinesMayStartFromAValue() {
        let result = parse("let n = 50\nlet boxes = [1 2 3]\n$boxes | count\nlet name = \"Q4\"")
        #expect(result.diagnostics == [])
        guard case .assignment("n", let n, _) = result.script.statements[0] else {
            Issue.record("n")
            return
        }
        #expect(n.input == .word("50", r(8, 10)) && n.stages.isEmpty)
        guard case .pipeline(let counted) = result.script.statements[2] else {
            Issue.record("pipe")
            return
        }
        #expect(counted.input == .variable(VariableReference(name: "boxes"), r(31, 37)))
        #expect(counted.stages.map(\.name) == ["count"])
        // A number starts a value (`1..3 | each { … }`); a word that names nothing is still unknown.
        #expect(problems("50 | count") == [])
        #expect(problems("fifty | count") == ["t.wps:1:1: error: unknown command 'fifty'"])
    }

    /// The items of the list a `let x = …` statement assigns.
    func listItems(_ text: String) -> [Expression]? {
        guard case .assignment(_, let pipeline, _)? = parse(text).script.statements.first,
            case .list(let items, _)? = pipeline.input
        else { return nil }
        return items
    }

    @Test(arguments: ["[1, 2, 3]", "[1,2,3]", "[1 2 3]", "[1 ,2 , 3]", "[1, 2, 3,]", "[\n  1,\n  2,\n  3\n]"])
    func commasSeparateListItems(_ list: String) throws {
        #expect(parse("let x = \(list)").diagnostics == [])
        let items = try #require(listItems("let x = \(list)"))
        #expect(items.count == 3)
        for (item, expected) in zip(items, ["1", "2", "3"]) {
            guard case .word(let word, _) = item else {
                Issue.record("\(item)")
                continue
            }
            #expect(word == expected)
        }
    }

    @Test func commasSeparateStringsAndNestedLists() throws {
        let strings = try #require(listItems(#"let x = ["a", "b"]"#))
        #expect(strings == [.string([.text("a")], r(9, 12)), .string([.text("b")], r(14, 17))])
        let nested = try #require(listItems("let x = [[1, 2], [3]]"))
        guard nested.count == 2, case .list(let first, _) = nested[0], case .list(let second, _) = nested[1] else {
            Issue.record("\(nested)")
            return
        }
        #expect(first == [.word("1", r(10, 11)), .word("2", r(13, 14))] && second.count == 1)
    }

    @Test func aCommaOutsideAListStaysInTheWord() throws {
        let result = parse("campaign new x --accounts 1,2,3 --timezone Europe/Berlin --daily-enroll 5 --message m")
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline)? = result.script.statements.first else {
            Issue.record("pipeline")
            return
        }
        #expect(pipeline.stages.first?.values(of: "accounts") == [.word("1,2,3", r(26, 31))])
        // Inside a list, a sub-pipeline's commas are its own again.
        let items = try #require(listItems("let x = [$(echo 1,2), 3]"))
        guard items.count == 2, case .subpipeline(let inner, _) = items[0] else {
            Issue.record("\(items)")
            return
        }
        #expect(inner.stages.first?.positionals == [.word("1,2", r(16, 19))])
    }

    @Test func aCommaWithoutAnItemIsAnError() {
        #expect(problems("let x = [1,, 2]") == ["t.wps:1:12: error: expected a list item before ','"])
        #expect(problems("let x = [, 1]") == ["t.wps:1:10: error: expected a list item before ','"])
    }

    @Test func eachTakesABlock() {
        let result = parse("campaign list | each { campaign get $it.id }")
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = result.script.statements.first,
            case .block(let block) = pipeline.stages[1].positionals.first
        else {
            Issue.record("\(result.script)")
            return
        }
        #expect(block.statements.count == 1)
    }

    @Test(arguments: [
        "echo \"open", "for x in [1 2] {", "campaign list |", "echo $(campaign list", "let x = [1 2",
        "if $x {\n echo 1\n",
    ])
    func incompleteInputAsksForMore(_ text: String) {
        #expect(parse(text).isIncomplete, "\(text)")
    }

    @Test func completeInputIsNotIncomplete() {
        #expect(!parse("for x in [1] { echo $x }").isIncomplete)
        #expect(!parse("campain list").isIncomplete)
    }
}

@Suite struct ParserDiagnosticTests {
    @Test func unknownCommandSuggestsTheClosest() {
        #expect(problems("campain list") == ["t.wps:1:1: error: unknown command 'campain' — did you mean 'campaign'?"])
        #expect(
            problems("campaign craete x") == [
                "t.wps:1:1: error: unknown command 'campaign craete' — did you mean 'campaign create'?"
            ] || problems("campaign craete x").first?.contains("unknown command 'campaign craete'") == true)
        #expect(
            problems("campaign") == [
                "t.wps:1:1: error: 'campaign' needs a subcommand: apply, delete, diff, edit, export, get, lint, list, new, pause, preview, run, set, show, stats, stop"
            ])
    }

    @Test func unknownFlagSuggestsTheClosest() {
        #expect(
            problems("campaign new x --daily-enrol 5 --daily-enroll 5 --accounts 1 --timezone UTC --message m") == [
                "t.wps:1:16: error: unknown flag '--daily-enrol' — did you mean '--daily-enroll'?"
            ])
    }

    @Test func anOptionOfWpsItselfGivenToACommandSaysWhereItGoes() {
        #expect(
            problems("prospect import leads.csv --dry-run") == [
                "t.wps:1:27: error: unknown flag '--dry-run' — --dry-run is an option of wps itself, for a whole run: wps --dry-run -c '…' prints the requests instead of sending them"
            ])
        #expect(problems("campaign list --output json").first?.contains("end it with '| to json'") == true)
    }

    @Test func wrongLiteralKinds() {
        #expect(
            problems("campaign new x --daily-enroll fifty --accounts 1 --timezone UTC --message m") == [
                "t.wps:1:31: error: expected an integer for --daily-enroll, got 'fifty'"
            ])
        #expect(
            problems("step add --after $s --wait three") == [
                "t.wps:1:28: error: expected a wait in days or hours such as 3d or 13h (1…9999) for --wait, got 'three'"
            ])
        #expect(
            problems("campaign new x --signature FANCY --accounts 1 --timezone UTC --daily-enroll 5 --message m") == [
                "t.wps:1:28: error: expected SENDER or NO_SIGNATURE for --signature, got 'FANCY'"
            ])
        #expect(
            problems("campaign set 1 --accounts 1,x,3") == [
                "t.wps:1:27: error: expected a comma-separated list of a numeric mailbox id for --accounts, got '1,x,3'"
            ])
        #expect(
            problems("campaign get seven") == ["t.wps:1:14: error: expected a numeric campaign id for ID, got 'seven'"])
        #expect(
            problems("campaign new x --daily-enroll $n --track-opens --accounts 1 --timezone UTC --message m") == [])
    }

    @Test func batchIDsAreWoodpeckerNumbersOrSaleshandyRequestIDs() {
        // Saleshandy's request ids are letters and digits: the checker cannot know the provider.
        #expect(problems("batch summary 129a184 --provider saleshandy") == [])
        #expect(problems("batch watch 129a184 7 --provider saleshandy") == [])
        #expect(problems("batch summary 1002") == [])
        #expect(
            problems(#"batch summary "12 3""#) == [
                "t.wps:1:15: error: expected a batch id (a number, or a request id such as 129a184) for ID, got '12 3'"
            ])
    }

    @Test func missingValuesPositionalsAndRequiredFlags() {
        #expect(
            problems("campaign new x --daily-enroll --accounts 1 --timezone UTC --message m") == [
                "t.wps:1:16: error: --daily-enroll needs a value (integer)"
            ])
        #expect(
            problems("campaign get") == [
                "t.wps:1:1: error: 'campaign get' needs ID (campaign id) — usage: campaign get ID"
            ])
        #expect(
            problems("campaign get 1 2") == [
                "t.wps:1:16: error: too many arguments for 'campaign get' — usage: campaign get ID"
            ])
        // `step add` without --after goes after the last step of --campaign, asked for when it runs.
        #expect(problems("step add --wait 3d") == [])
        #expect(
            problems("campaign new x --name a --timezone UTC --timezone UTC").contains(
                "t.wps:1:40: error: --timezone is given twice — give it once"))
    }

    @Test func severalProblemsInOneRun() {
        let found = problems("campain list\ncampaign get x\nmailbox lst\n")
        #expect(found.count == 3)
        #expect(found[0].hasPrefix("t.wps:1:1"))
        #expect(found[1].hasPrefix("t.wps:2:14"))
        #expect(found[2] == "t.wps:3:1: error: unknown command 'mailbox lst' — did you mean 'mailbox list'?")
    }

    @Test func structuralErrors() {
        #expect(problems("let = 5").first == "t.wps:1:5: error: expected a variable name after 'let'")
        #expect(problems("let x 5").first == "t.wps:1:7: error: expected '=' after 'let x' — write: let x = …")
        #expect(problems("}").first == "t.wps:1:1: error: unexpected '}' — no block is open here")
        #expect(problems("echo \"abc").first == "t.wps:1:6: error: unterminated string: add the closing \"")
    }

    @Test func aBigScriptParsesInOnePass() {
        let line =
            #"campaign new "Q4 $i" --accounts 1,2 --daily-enroll 50 --timezone UTC --subject "Hi {{FIRST_NAME}}" --message m | get id"#
            + "\n"
        let text = String(repeating: line, count: 12_000)
        #expect(text.utf8.count > 1_000_000)
        let result = parse(text)
        #expect(result.diagnostics.isEmpty)
        #expect(result.script.statements.count == 12_000)
    }
}

/// Found by scripts/fuzz (parser): deeply nested input overflowed the stack of the recursive
/// descent. Nesting past ``Parser/maxNesting`` is now one located diagnostic, whatever nests.
@Suite struct NestingLimitTests {
    static let tooDeep = "nested more than 128 levels deep (lists, blocks, $(…), parentheses or not)"

    @Test(arguments: [
        ("lists", String(repeating: "[", count: 100_000)),
        ("closed lists", "echo " + String(repeating: "[", count: 5_000) + String(repeating: "]", count: 5_000)),
        ("subpipelines", String(repeating: "echo $(", count: 5_000)),
        ("blocks", String(repeating: "if $a { ", count: 5_000)),
        ("each blocks", "echo " + String(repeating: "{ echo ", count: 5_000)),
        (
            "parentheses",
            "if " + String(repeating: "(", count: 5_000) + "$a" + String(repeating: ")", count: 5_000) + " { }"
        ),
        ("nots", "if " + String(repeating: "not ", count: 5_000) + "$a { }"),
        ("strings", String(repeating: "echo \"$(", count: 1_000) + String(repeating: ")\"", count: 1_000)),
    ])
    func deepNestingIsOneDiagnostic(kind: String, text: String) throws {
        let result = parse(text)
        #expect(result.diagnostics.map(\.message) == [Self.tooDeep], "\(kind)")
        #expect(!result.isIncomplete, "\(kind)")
        let diagnostic = try #require(result.diagnostics.first)
        _ = DiagnosticRenderer(source: SourceFile(name: "t.wps", text: text)).render(diagnostic)
    }

    @Test func nestingUpToTheLimitParses() {
        let atLimit = "echo " + String(repeating: "[", count: 128) + String(repeating: "]", count: 128)
        #expect(parse(atLimit).diagnostics.isEmpty)
        let overLimit = "echo " + String(repeating: "[", count: 129) + String(repeating: "]", count: 129)
        #expect(parse(overLimit).diagnostics.map(\.message) == [Self.tooDeep])
        #expect(parse(overLimit).diagnostics.first?.range == r(5 + 128, 5 + 129))
    }
}
