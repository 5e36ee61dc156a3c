import Foundation
import Testing
import WPSLanguage

@testable import WPSRuntime

/// A password typed where it should not be — without its flag, on the next line, after a
/// misspelt or short flag, in an unterminated quote, through a variable — never reaches a
/// diagnostic, and a failing line that takes a secret is marked to be kept out of the history.
@Suite struct SecretSlipTests {
    static let secret = "Hunter2-Planted"

    /// The slips, with `SECRET` for the password.
    static let slips: [String] = [
        // The issue's findings.
        "mailbox add --email z@x.com SECRET --smtp-server smtp.x.com --smtp-port 465",
        "mailbox add --email z@x.com --password\nSECRET",
        "mailbox add --email z@x.com --password: SECRET --smtp-port 465",
        "mailbox add --email z@x.com -p SECRET --smtp-port 465",
        #"mailbox add --email z@x.com --password "SECRET --smtp-port 465"#,
        #"let p = "SECRET"; mailbox add --email z@x.com --password $p --smtp-port nope"#,
        // Flags misspelt, in the wrong case, with `:` or `=`, short.
        "mailbox add --email z@x.com --pasword SECRET --smtp-port nope",
        "mailbox add --email z@x.com --PASSWORD SECRET --smtp-port nope",
        "mailbox add --email z@x.com --Passwd SECRET",
        "mailbox add --email z@x.com --pass SECRET",
        "mailbox add --email z@x.com --pw SECRET",
        "mailbox add --email z@x.com -password SECRET",
        "mailbox add --email z@x.com --password=SECRET --smtp-port nope",
        "mailbox add --email z@x.com --password = SECRET",
        "mailbox add --email z@x.com --password:SECRET --smtp-port nope",
        "mailbox add --email z@x.com --imap-pasword SECRET --smtp-port nope",
        "mailbox add --email z@x.com password=SECRET",
        "mailbox add --email z@x.com password SECRET",
        // The command misspelt or in the wrong case.
        "Mailbox Add --email z@x.com SECRET",
        "mailbx add --email z@x.com --password SECRET",
        "MAILBOX ADD --email z@x.com SECRET",
        // Quotes.
        "mailbox add --email z@x.com 'SECRET'",
        "mailbox add --email z@x.com --password 'SECRET --smtp-port 465",
        #"mailbox add --email z@x.com "SECRET" --smtp-port 465"#,
        // Continuation lines and more than one line.
        "mailbox add --email z@x.com \\\n  SECRET --smtp-port 465",
        "echo start\nmailbox add --email z@x.com --password\n\nSECRET\necho end",
        // Pipelines and blocks.
        "mailbox add --email z@x.com SECRET | count",
        "mailbox add --email z@x.com --password SECRET --smtp-port nope | count",
        "for i in [1] { mailbox add --email z@x.com SECRET }",
        "let box = mailbox add --email z@x.com SECRET",
        "try { mailbox add --email z@x.com SECRET }",
        // The password in another flag's place, in a comment, in a sub-pipeline.
        "mailbox add --email z@x.com --password x --smtp-port SECRET",
        "mailbox add --email z@x.com --password x --smtp-port 465 --bogus SECRET",
        "mailbox add --email z@x.com --password x --wait-from 1x # SECRET",
        "mailbox add --email z@x.com --password $(echo SECRET) --smtp-port nope",
        "mailbox add --email z@x.com --password x --daily-limit lots SECRET",
        // The password alone on a line, after a line that takes one but did not ask for it.
        "mailbox add --email z@x.com\nSECRET",
        "mailbox add --email z@x.com --password x\nSECRET",
        "mailbox add --email z@x.com --password x; SECRET",
        // A wrong or missing subcommand of a group with a secret flag.
        "mailbox connect z@x.com SECRET",
        "mailbox create --email z@x.com SECRET",
        "mailbox --email z@x.com SECRET",
        "mailbox z@x.com SECRET",
        // Taint through more than one variable; a comment between `--password` and the password.
        #"let a = "SECRET"; let b = $a; mailbox add --email z@x.com --password $b --daily-limit nope"#,
        "mailbox add --email z@x.com --password\n# fill in\ncorrect SECRET staple",
    ].map { $0.replacingOccurrences(of: "SECRET", with: secret) }

    /// What `wps --check` prints for `text`.
    static func checked(_ text: String) async -> (code: Int32, errors: String) { await checkedScript(text) }

    @Test(arguments: slips)
    func aSlipNeverReachesADiagnostic(_ slip: String) async {
        let (code, errors) = await Self.checked(slip)
        #expect(code == 2, "\(slip)")
        #expect(!errors.lowercased().contains(Self.secret.lowercased()), "\(errors)")
        #expect(errors.contains(SecretMask.display), "\(errors)")
    }

    @Test(arguments: slips)
    func aFailingSlipIsKeptOutOfTheHistory(_ slip: String) {
        // It fails to parse or check, and it takes a secret: the shell keeps it out of the history.
        #expect(!Parser.parse(SourceFile(name: "t", text: slip)).diagnostics.isEmpty)
        #expect(HistoryMasker.scan(slip).takesSecret, "\(slip)")
    }

    @Test func everyCommandWithASecretFlagInTheRegistryIsCovered() async {
        // Walks the registry: a command added later with a secret flag is covered without a list.
        let commands = CommandDefinition.standard.map(\.descriptor).filter { $0.flags.contains(where: \.isSecret) }
        #expect(!commands.isEmpty)
        for command in commands {
            for flag in command.flags where flag.isSecret {
                for spelling in [flag.name] + flag.aliases {
                    let slip = "\(command.name) \(Self.secret) --\(spelling)"
                    let (code, errors) = await Self.checked(slip)
                    #expect(code == 2, "\(slip)")
                    #expect(!errors.contains(Self.secret), "\(errors)")
                    #expect(HistoryMasker.scan(slip).takesSecret)
                    #expect(HistoryMasker.mask("\(command.name) --\(spelling) \(Self.secret)").hasSuffix("••••"))
                }
            }
        }
    }

    @Test func aNewCommandWithASecretFlagNeedsNothingElse() {
        let registry = CommandRegistry([
            CommandDescriptor(
                ["vault", "open"], "Opens a vault.",
                flags: [
                    FlagDescriptor("token", .string, "the token", secret: true),
                    FlagDescriptor("port", .integer, "a port"),
                ])
        ])
        let scan = SecretScan(
            "vault open --port 8 Hunter2", registry: registry, secretFlags: ["token"])
        #expect(scan.takesSecret)
        #expect(scan.diagnosticRanges == ["vault open --port 8 ".utf8.count..<"vault open --port 8 Hunter2".utf8.count])
        #expect(
            !SecretScan("valut opne --port 8 Hunter2", registry: registry, secretFlags: ["token"]).diagnosticRanges
                .isEmpty)
    }

    @Test func theLineAfterAValuelessSecretFlagIsTheSecret() {
        let asking = HistoryMasker.scan("mailbox add --email z@x.com --password")
        #expect(asking.asksForSecret)
        #expect(asking.valuelessSecretFlags == ["mailbox add --email z@x.com --password".utf8.count])
        let next = HistoryMasker.scan(Self.secret, followsSecretRequest: true)
        #expect(next.takesSecret)
        #expect(next.diagnosticRanges == [0..<Self.secret.utf8.count])
        // Given a value, or ended by `;`, it asks nothing.
        #expect(!HistoryMasker.scan("mailbox add --password x").asksForSecret)
        #expect(!HistoryMasker.scan("mailbox add --password; echo").asksForSecret)
    }

    @Test func aVariableThatFeedsASecretFlagIsMaskedWhereItIsAssigned() {
        let line = #"let p = "Hunter2"; mailbox add --email z@x.com --password $p --smtp-port 465"#
        #expect(
            HistoryMasker.mask(line)
                == "let p = ••••; mailbox add --email z@x.com --password •••• --smtp-port 465")
        // Known from an earlier line of the session.
        #expect(HistoryMasker.mask(#"let p = "Hunter2""#, secretVariables: ["p"]) == "let p = ••••")
        #expect(HistoryMasker.mask(#"let p = "Hunter2""#) == #"let p = "Hunter2""#)
        #expect(HistoryMasker.scan("mailbox add --password \"x$p\"").secretVariables == ["p"])
    }

    @Test func aURLsUserAndPasswordAreMaskedInAnyCommand() {
        // Any command, any flag, quoted or not: the history and a diagnostic keep the host.
        #expect(
            HistoryMasker.mask("webhook subscribe prospect_replied --url https://me:Hunter2@tunnel.example.net/h")
                == "webhook subscribe prospect_replied --url https://••••@tunnel.example.net/h")
        #expect(
            HistoryMasker.mask(#"echo "see http://a:b@x.example.com?q=1" http://plain.example.com/@me"#)
                == #"echo "see http://••••@x.example.com?q=1" http://plain.example.com/@me"#)
        let scan = HistoryMasker.scan("webhook listen --url https://me:Hunter2@t.example.net --max nope")
        #expect(
            !Self.shown("webhook listen --url https://me:Hunter2@t.example.net --max nope", scan.diagnosticRanges)
                .contains("Hunter2"))
    }

    /// `text` with each of `ranges` shown as `****`.
    static func shown(_ text: String, _ ranges: [Range<Int>]) -> String {
        var bytes = Array(text.utf8)
        for range in ranges.reversed() { bytes.replaceSubrange(range, with: Array(SecretMask.display.utf8)) }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func taintFollowsAssignmentsBackAcrossLines() {
        let line = #"let a = "Hunter2"; let b = $a; let c = "x$b"; mailbox add --password $c"#
        #expect(HistoryMasker.scan(line).secretVariables == ["a", "b", "c"])
        #expect(HistoryMasker.mask(line) == "let a = ••••; let b = ••••; let c = ••••; mailbox add --password ••••")
        // A secret-looking name taints what it was given.
        #expect(HistoryMasker.scan(#"let a = "Hunter2"; let api_key = $a"#).secretVariables == ["a"])
        // The shell keeps what earlier lines assigned: a later `--password $b` taints `a`.
        let first = HistoryMasker.scan(#"let a = "Hunter2""#)
        let second = HistoryMasker.scan("let b = $a", assignments: first.assignments)
        #expect(second.assignments == ["a": [], "b": ["a"]])
        let third = HistoryMasker.scan("mailbox add --password $b", assignments: second.assignments)
        #expect(third.secretVariables == ["a", "b"])
        #expect(HistoryMasker.mask(#"let a = "Hunter2""#, secretVariables: third.secretVariables) == "let a = ••••")
    }

    @Test func aWordAloneThatNamesNoCommandIsMasked() {
        #expect(HistoryMasker.scan("Hunter2").takesSecret)
        #expect(HistoryMasker.scan("'Hunter2'").diagnosticRanges == [0..<9])
        // Commands, keywords, variables and assignments alone are not.
        for harmless in ["history", "help", "exit", "$x", "let x = 1", "campaign list", "echo hi"] {
            #expect(!HistoryMasker.scan(harmless).takesSecret, "\(harmless)")
        }
        // A subcommand of a group with a secret flag missing or wrong: the group takes a secret.
        #expect(HistoryMasker.scan("mailbox connect Hunter2").takesSecret)
        #expect(!HistoryMasker.scan("mailbox list").takesSecret)
    }

    @Test func aCommentKeepsTheRequestOfTheLineBefore() {
        let text = "mailbox add --password\n# fill in\n\ncorrect Hunter2 staple"
        let shown = Self.shown(text, HistoryMasker.scan(text).diagnosticRanges)
        #expect(shown == "mailbox add --password\n****\n\n**** **** ****", "\(shown)")
        #expect(HistoryMasker.scan("mailbox add --password\n# fill in").asksForSecret)
    }

    @Test func theLineAfterARefusedSecretIsMaskedUnlessItReadsAsWps() {
        for secretLike in ["Hunter2", "correct horse staple", "Campaign2024", "mailbx Hunter2"] {
            let scan = HistoryMasker.scan(secretLike, followsRefusedSecret: true)
            #expect(scan.takesSecret, "\(secretLike)")
            let shown = Self.shown(secretLike, scan.diagnosticRanges)
            #expect(shown.allSatisfy { $0 == "*" || $0 == " " }, "\(shown)")
        }
        for meant in ["campaign get nope", "let x = 1", "history"] {
            #expect(!HistoryMasker.scan(meant, followsRefusedSecret: true).takesSecret, "\(meant)")
        }
        // A `--password` left without a value is still asked for.
        let retyped = HistoryMasker.scan("mailbox add --email z@x.com --password", followsRefusedSecret: true)
        #expect(retyped.asksForSecret && retyped.valuelessSecretFlags.count == 1)
    }

    @Test func harmlessValuesOfKnownFlagsAreShownAndTheRestMasked() async {
        let (_, errors) = await Self.checked(
            "mailbox add --email z@x.com --smtp-port 465 --smtp-server smtp.x.com oops")
        #expect(errors.contains("1 | mailbox add --email z@x.com --smtp-port 465 --smtp-server **** ****"), "\(errors)")
        // A value that does not fit its flag's kind is not provably harmless: it is masked, also in the message.
        let (_, wrongKind) = await Self.checked("mailbox add --email z@x.com --password x --smtp-port Hunter2")
        #expect(wrongKind.contains("got '****'"), "\(wrongKind)")
        #expect(!wrongKind.contains("Hunter2"))
        // A command that takes no secret keeps its diagnostics whole.
        let (_, plain) = await Self.checked("campaign get nope")
        #expect(plain.contains("campaign get nope"), "\(plain)")
    }

    /// The file a command reads is shown when it exists (`mailbox verify boxes.csv`); a word that
    /// names no file there stays masked, as it may be a password typed in the wrong place.
    @Test func anExistingFileAFileCommandReadsIsShown() async throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("wps-slip-\(UUID().uuidString).csv")
        try "email\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let (_, shown) = await Self.checked("mailbox verify \(file.path) --password Hunter2 --smtp-port nope")
        #expect(shown.contains("mailbox verify \(file.path) --password ****"), "\(shown)")
        #expect(!shown.contains("Hunter2"))
        let (_, missing) = await Self.checked("mailbox verify /nonexistent/Hunter2.csv --password x --smtp-port nope")
        #expect(!missing.contains("Hunter2"), "\(missing)")
    }

    @Test func aValidLineKeepsItsHarmlessTextInTheHistory() {
        #expect(
            HistoryMasker.mask("mailbox add --email z@x.com --password $(cat pw.txt) --smtp-port 465")
                == "mailbox add --email z@x.com --password •••• --smtp-port 465")
        #expect(
            HistoryMasker.mask("mailbox add --email z@x.com --password x # was Hunter2")
                == "mailbox add --email z@x.com --password •••• ••••")
        #expect(HistoryMasker.mask("mailbox add --email z@x.com -p Hunter2") == "mailbox add --email z@x.com -p ••••")
    }

    @Test func theErrorThatAsksForTheValueNamesTheSafeWays() async {
        let (_, errors) = await Self.checked("mailbox add --email z@x.com --smtp-server s --password")
        #expect(errors.contains("--password needs a value: give it as --password -"), "\(errors)")
        #expect(errors.contains("--password $env.NAME") && errors.contains("--password @FILE"))
        let (_, missing) = await Self.checked("mailbox add --email z@x.com")
        #expect(missing.contains("'mailbox add' needs --password"), "\(missing)")
        #expect(missing.contains("--password -"))
    }

    @Test func aMessageQuotingAMaskedValueIsMaskedToo() {
        let source = SourceFile(name: "t", text: "mailbox add --email z@x.com Hunter2")
        let renderer = HistoryMasker.renderer(for: source)
        let start = "mailbox add --email z@x.com ".utf8.count
        let rendered = renderer.render(
            Diagnostic(.error, "too many arguments, got 'Hunter2'", at: SourceRange(start, start + 7)))
        #expect(!rendered.contains("Hunter2"))
        #expect(rendered.contains("got '****'"))
        #expect(renderer.scrub("wps: no such thing as Hunter2") == "wps: no such thing as ****")
    }

    @Test func aMessageQuotingAValueMaskedOnAnotherLineIsMaskedToo() {
        // The value comes through a variable: the message quotes what was masked on line 1.
        let text = "let p = \"Hunter2-Planted\"\nmailbox add --email z@x.com --password $p --smtp-port $p"
        let renderer = HistoryMasker.renderer(for: SourceFile(name: "t", text: text))
        let start = text.utf8.count - 2
        let rendered = renderer.render(
            Diagnostic(
                .error, "expected an integer for --smtp-port, got 'Hunter2-Planted'", at: SourceRange(start, start + 2))
        )
        #expect(!rendered.contains("Hunter2"), "\(rendered)")
        #expect(rendered.contains("got '****'"))
        // A flag's name in a message stays, also when a masked positional is spelt like it.
        let slip = HistoryMasker.renderer(for: SourceFile(name: "t", text: "mailbox add --email z@x.com password"))
        #expect(slip.scrub("needs --password: give it") == "needs --password: give it")
        #expect(SecretMask.scrub("got 'Hunter2', then Hunter2.", words: ["Hunter2"]) == "got '****', then ****.")
    }
}
