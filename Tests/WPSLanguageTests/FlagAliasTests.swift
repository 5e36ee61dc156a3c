import Testing
import WPSRuntime

@testable import WPSLanguage

/// Flags answer to the API's own field names, and a mistyped one is never steered to another
/// field family.
@Suite struct FlagAliasTests {
    let add = CommandRegistry.standard.command(["mailbox", "add"])

    @Test func everyDocumentedFieldIsAFlagOrAnAlias() throws {
        let add = try #require(add)
        for field in [
            "smtp_email", "smtp_login", "smtp_password", "smtp_server", "smtp_port", "smtp_from_name", "imap_email",
            "imap_password", "imap_server", "imap_port", "footer", "bcc", "open_tracking_domain",
            "click_tracking_domain",
            "unsubscribe_tracking_domain", "sending_wait_time_from", "sending_wait_time_to", "daily_sending_limit",
            "smtpEmailAddress", "smtpUserName", "smtpPassword", "smtpHost", "smtpPort", "smtpEncryption",
            "imapEmailAddress",
            "imapUserName", "imapPassword", "imapHost", "imapPort", "imapEncryption", "emailServiceProvider",
            "fromFirstName",
            "fromLastName",
        ] {
            #expect(add.flag(named: FlagDescriptor.flagSpelling(ofField: field)) != nil, "\(field)")
        }
        #expect(add.flag(named: "smtp-email")?.name == "email")
        #expect(add.flag(named: "smtp-password")?.name == "password")
        #expect(add.flag(named: "smtp-host")?.name == "smtp-server")
        #expect(add.flag(named: "smtp-email-address")?.name == "email")
        let new = try #require(CommandRegistry.standard.command(["campaign", "new"]))
        #expect(new.flag(named: "email-account-ids")?.name == "accounts")
        #expect(new.flag(named: "delivery-time")?.name == "window")
        #expect(new.flag(named: "followup-after")?.name == "wait")
        #expect(CommandRegistry.standard.command(["step", "add"])?.flag(named: "parent-id")?.name == "after")
    }

    @Test func aFlagWrittenWithUnderscoresAsTheAPISpellsFieldsIsTheDashedOne() throws {
        let result = parse(
            "campaign new Q --email_account_ids 1,2 --daily_enroll 5 --track_opens --timezone UTC --message m")
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = try #require(result.script.statements.first) else {
            Issue.record("not a pipeline")
            return
        }
        let names = try #require(pipeline.stages.first).arguments.compactMap { argument -> String? in
            if case .flag(let name, _, _) = argument { return name }
            return nil
        }
        #expect(names == ["accounts", "daily-enroll", "track-opens", "timezone", "message"])
        #expect(CommandRegistry.standard.command(["prospect", "add"])?.flag(named: "first_name")?.name == "first-name")
        // Underscores are no wildcard: a flag that is not there is still unknown, with the closest.
        #expect(problems("prospect add a@b.co --frist_name x").first?.contains("did you mean '--first-name'?") == true)
    }

    @Test func anAliasIsRecordedUnderItsFlagsName() throws {
        let result = parse(
            "mailbox add --smtp-email a@b.co --smtp-password pw --smtp-login me --smtp-from-name Ann --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993"
        )
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = try #require(result.script.statements.first) else {
            Issue.record("not a pipeline")
            return
        }
        let command = try #require(pipeline.stages.first)
        for name in ["email", "password", "login", "from-name"] {
            #expect(command.values(of: name).count == 1, "\(name)")
        }
        #expect(
            problems("mailbox add --smtp-email a@b.co --email b@b.co --password x").contains {
                $0.contains("--email is given twice")
            })
    }

    @Test func didYouMeanStaysInTheFieldFamily() {
        #expect(
            problems(
                "mailbox add --smtp-pasword x --email a@b.co --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993"
            )
                == [
                    "t.wps:1:13: error: unknown flag '--smtp-pasword' — did you mean '--smtp-password (--password)'?",
                    "t.wps:1:1: error: 'mailbox add' needs --password: give it as "
                        + CommandChecker.safeWays("password"),
                ])
        #expect(
            problems("mailbox add --imap-pasword x --email a@b.co --password y").first?.contains("'--imap-password'")
                == true)
        #expect(
            problems("mailbox add --smtp-emial a@b.co --password y").first?.contains("'--smtp-email (--email)'") == true
        )
        #expect(problems("campaign new x --daily-enrol 5").first?.hasSuffix("did you mean '--daily-enroll'?") == true)
    }

    @Test func aSecretThatIsTheHistorysMaskIsRefused() {
        #expect(
            problems(
                "mailbox add --email a@b.co --password •••• --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993"
            ) == [
                "t.wps:1:39: error: this line came from history with its password masked: type the password again — "
                    + "the history keeps •••• in place of the secret"
            ])
        #expect(
            problems(
                "mailbox add --email a@b.co --password \"••••\" --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993"
            ).count == 1)
        #expect(
            problems(
                "mailbox add --email a@b.co --password real --smtp-server s.example.com --smtp-port 465 --imap-server i.example.com --imap-port 993"
            ).isEmpty)
    }

    @Test func helpListsAliasesAndSecrets() throws {
        let help = try #require(HelpRenderer().help(for: ["mailbox", "add"]))
        #expect(help.contains("also: --smtp-email, --smtp-email-address"))
        #expect(help.contains("the SMTP password: - (asked for), $env.NAME or @FILE (required, secret)"))
        #expect(help.contains("--password @FILE reads it from FILE less one final"))
    }

    @Test func waitsAreDaysOrHoursInOneRule() {
        #expect(CommandChecker.duration("3d")! == (3, false))
        #expect(CommandChecker.duration("13h")! == (13, true))
        for bad in ["30m", "0d", "3w", "10000d", "d", "-1h"] { #expect(CommandChecker.duration(bad) == nil, "\(bad)") }
        #expect(problems("campaign new x --wait 30m").first?.contains("expected a wait in days or hours") == true)
    }

    @Test func destructiveCommandsTakeYes() {
        let registry = CommandRegistry.standard
        let destructive = registry.commands.filter(\.isDestructive).map(\.name)
        #expect(destructive == ["campaign stop", "campaign delete", "step delete"])
        for name in destructive {
            #expect(registry.command(name.split(separator: " ").map(String.init))?.flag(named: "yes") != nil)
        }
    }
}

@Suite struct AppendRedirectTests {
    @Test func twoArrowsAppend() throws {
        let result = parse("campaign list | count >> counts.txt")
        #expect(result.diagnostics == [])
        guard case .pipeline(let pipeline) = try #require(result.script.statements.first) else {
            Issue.record("not a pipeline")
            return
        }
        #expect(pipeline.appends && pipeline.redirect != nil)
        guard case .pipeline(let replacing) = try #require(parse("echo a > f.txt").script.statements.first) else {
            return
        }
        #expect(!replacing.appends)
        #expect(problems("echo a >>") == ["t.wps:1:8: error: '>>' needs a file to write to"])
    }
}
