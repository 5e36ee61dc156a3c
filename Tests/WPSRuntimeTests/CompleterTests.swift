import Foundation
import Testing
import WPSLanguage

@testable import WPSRuntime

@Suite struct CompleterTests {
    let campaign: Value = .record([
        "id": .int(777), "status": .string("DRAFT"),
        "steps": .record(["id": .string("s0"), "type": .string("START"), "followup": .record(["id": .string("s1")])]),
        "settings": .record(["timezone": .string("UTC")]),
    ])

    var completer: Completer {
        Completer(
            variables: ["c": campaign, "count": .int(3)], ids: [.stepID: ["s1", "s2"], .campaignID: ["777"]],
            profiles: ["prod", "staging"])
    }

    func candidates(_ line: String) -> [String] { completer.complete(line).candidates }

    @Test func commandsAndSubcommands() {
        #expect(candidates("camp") == ["campaign"])
        #expect(candidates("").contains("mailbox"))
        #expect(
            candidates("campaign ") == [
                "apply", "delete", "diff", "edit", "export", "get", "lint", "list", "new", "pause", "preview", "run",
                "set", "show", "stats", "stop",
            ])
        #expect(candidates("campaign li") == ["lint", "list"])
        #expect(candidates("mailbox microsoft ") == ["add", "import"])
        #expect(candidates("campaign list | wh") == ["where"])
        #expect(completer.complete("campaign li").wordLength == 2)
    }

    @Test func domainCheckAndItsFlags() {
        #expect(candidates("dom") == ["domain"])
        #expect(candidates("domain ") == ["check"])
        #expect(candidates("domain check example.com --d") == ["--dkim-selector", "--dns-server"])
        // repeatable
        #expect(candidates("domain check example.com --dkim-selector google --dk") == ["--dkim-selector"])
        #expect(candidates("domain check example.com --tracking t.example.com --tr") == ["--tracking"])  // repeatable
    }

    @Test func flagsNotYetGiven() {
        #expect(candidates("campaign new x --daily-en") == ["--daily-enroll"])
        let flags = candidates("campaign new x --timezone UTC --t")
        #expect(flags == ["--track-opens"])
        #expect(candidates("campaign new x --subject a --sub") == ["--subject"])  // repeatable
    }

    @Test func valuesByKind() {
        #expect(candidates("campaign set 1 --timezone Europe/Berl") == ["Europe/Berlin"])
        #expect(candidates("campaign new x --signature ") == ["SENDER", "NO_SIGNATURE"])
        #expect(candidates("mailbox list --provider s") == ["saleshandy"])
        #expect(candidates("profile use st") == ["staging"])
        #expect(candidates("campaign new x --smtp-") == [])
        #expect(candidates("mailbox add --smtp-encryption ") == ["ssl", "tls", "none"])
    }

    @Test func idsSeenInTheSession() {
        #expect(candidates("step delete s") == ["s1", "s2"])
        #expect(candidates("campaign run 7") == ["777"])
        #expect(candidates("step add --after s") == ["s1", "s2"])
    }

    @Test func variablesAndRecordPaths() {
        #expect(candidates("echo $co") == ["$count"])
        #expect(candidates("echo $c.st") == ["$c.status", "$c.steps"])
        #expect(candidates("echo $c.steps.fo") == ["$c.steps.followup"])
        #expect(candidates("echo $c.steps.followup.") == ["$c.steps.followup.id"])
        #expect(candidates("echo $nothing.x") == [])
    }

    @Test func snippetsInsideStrings() {
        #expect(candidates(#"campaign new x --subject "Hi {{FI"#) == ["{{FIRST_NAME}}"])
        #expect(candidates(#"campaign new x --subject "Hi {{SNIPPET_1"#).count == 7)
        #expect(completer.complete(#"echo "a {{FI"#).wordLength == 4)
    }

    @Test func filePaths() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("wps-complete-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: folder + "/sub", withIntermediateDirectories: true)
        _ = FileManager.default.createFile(atPath: folder + "/boxes.csv", contents: Data())
        #expect(candidates("mailbox import \(folder)/bo") == ["\(folder)/boxes.csv"])
        #expect(candidates("mailbox import \(folder)/s") == ["\(folder)/sub/"])
        #expect(candidates("campaign new x --message @\(folder)/b") == ["@\(folder)/boxes.csv"])
    }

    @Test func thousandsOfIdsStillComplete() {
        let many = Completer(ids: [.campaignID: (1...1000).map { String(100_000 + $0) }])
        #expect(many.complete("campaign get 1000").candidates.count == 99)  // 100001…100099
    }
}

@Suite struct HistoryMaskerTests {
    @Test func secretFlagValuesAreMasked() {
        #expect(
            HistoryMasker.mask(
                #"mailbox add --email a@example.com --password "s3cret" --imap-password=p2 --smtp-port 465"#)
                == #"mailbox add --email a@example.com --password •••• --imap-password=•••• --smtp-port 465"#)
        #expect(HistoryMasker.mask("campaign list") == "campaign list")
        #expect(HistoryMasker.mask("mailbox add --password $pw") == "mailbox add --password ••••")
        // A password holding `=` is one value (a word joins what directly follows its `=`): all masked.
        #expect(
            HistoryMasker.mask("mailbox add --password pa=ss=word --smtp-port 465")
                == "mailbox add --password •••• --smtp-port 465")
        #expect(HistoryMasker.mask("mailbox add --password=pa=ss | count") == "mailbox add --password=•••• | count")
        #expect(HistoryMasker.mask(#"mailbox add --pasword "pa"ss; echo"#) == "mailbox add --pasword ••••; echo")
    }
}

@Suite struct HistoryFileTests {
    @Test func libeditEncodingIsUndone() {
        #expect(HistoryCommand.unvis(#"echo\040first\040line"#) == "echo first line")
        #expect(HistoryCommand.unvis(#"a\\b"#) == #"a\b"#)
        #expect(HistoryCommand.unvis("plain") == "plain")
        #expect(HistoryCommand.unvis(#"x\04"#) == #"x\04"#)
    }
}

@Suite struct SecretMaskingTests {
    @Test func mistypedAliasedAndSecretLookingFlagsAreMasked() {
        for line in [
            "mailbox add --pasword Hunter2 --email a@b.co", "mailbox add --smtp-password Hunter2",
            "mailbox add --imap-pasword Hunter2",
            "campaign list --api-key Hunter2", "mailbox add --Password Hunter2", "mailbox add --smtp-pasword=Hunter2",
            "x --client-secret Hunter2", "x --auth-token Hunter2",
        ] {
            let masked = HistoryMasker.mask(line)
            #expect(!masked.contains("Hunter2"), "\(line)")
            #expect(masked.contains("••••"), "\(line)")
        }
        #expect(
            HistoryMasker.mask("mailbox add --email a@b.co --smtp-port 465")
                == "mailbox add --email a@b.co --smtp-port 465")
    }

    @Test func secretLookingVariablesAreMasked() {
        #expect(HistoryMasker.mask(#"let pw = "Hunter2""#) == "let pw = ••••")
        #expect(HistoryMasker.mask("let api_key = Hunter2; echo $api_key") == "let api_key = ••••; echo $api_key")
        #expect(
            HistoryMasker.mask("let smtpPassword = $(cat pw.txt)\nlet n = 5") == "let smtpPassword = ••••\nlet n = 5")
        #expect(HistoryMasker.mask("let name = Ann") == "let name = Ann")
        // A new value for a secret-looking variable is masked too; reading it is not a secret.
        #expect(HistoryMasker.mask(#"$pw = "Hunter3"; echo $pw"#) == "$pw = ••••; echo $pw")
        #expect(HistoryMasker.mask("$n = $n + 1") == "$n = $n + 1")
    }
}
