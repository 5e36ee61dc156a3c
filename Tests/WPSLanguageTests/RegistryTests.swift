import Testing
import WPSRuntime

@testable import WPSLanguage

@Suite struct RegistryTests {
    let registry = CommandRegistry.standard

    @Test func lookupByWordsAndPrefixes() {
        #expect(registry.command(["campaign", "new"])?.positionals.first?.name == "name")
        #expect(registry.command(["mailbox", "microsoft", "add"]) != nil)
        #expect(registry.isPrefix(["mailbox", "microsoft"]))
        #expect(!registry.isPrefix(["mailbox", "nope"]))
        #expect(registry.subcommands(after: ["step"]) == ["add", "delete"])
        #expect(registry.nouns.contains("campaign") && registry.nouns.contains("where"))
    }

    @Test func everyCommandOfTheIssueIsRegistered() {
        let names = Set(registry.commands.map(\.name))
        for name in [
            "mailbox add", "mailbox import", "mailbox microsoft add", "mailbox list", "batch summary", "batch watch",
            "campaign new", "campaign get", "campaign list", "campaign run", "campaign pause", "campaign stop",
            "campaign edit",
            "campaign delete", "campaign set", "step add", "step delete", "version set", "where", "select", "get",
            "sort-by",
            "first", "last", "count", "each", "to", "table", "open", "save", "help", "echo", "env", "profile list",
            "profile use",
            "version", "exit",
        ] {
            #expect(names.contains(name), "\(name)")
        }
    }

    @Test func everyAPICommandSaysWhatItSends() {
        for command in registry.commands
        where (["mailbox", "batch", "campaign", "step"].contains(command.words[0]) || command.name == "version set")
            && !["campaign lint", "mailbox verify"].contains(command.name)
        {  // lint works offline; verify talks to mail servers, not the API
            #expect(!command.sends.isEmpty, "\(command.name)")
        }
        #expect(registry.command(["where"])?.sends == [])
    }

    @Test func secretsAreMarked() {
        let add = registry.command(["mailbox", "add"])
        #expect(add?.flag(named: "password")?.isSecret == true)
        #expect(add?.flag(named: "imap-password")?.isSecret == true)
        #expect(add?.flag(named: "email")?.isSecret == false)
    }

    @Test func helpIsRenderedFromTheRegistry() throws {
        let overview = HelpRenderer().overview()
        #expect(overview.contains("CAMPAIGN\n  campaign new"))
        #expect(overview.contains("Create a campaign (DRAFT) with its first email step."))
        let help = try #require(HelpRenderer().help(for: ["step", "add"]))
        #expect(help.hasPrefix("step add — Add an email step after the last step.\n\nusage: step add [flags]"))
        #expect(
            help.contains(
                "usage: step add [flags]\nsends: GET campaigns/{id} (without --after: to find its last step); "
                    + "POST campaigns/{id}/steps"))
        #expect(help.contains("--after <step id>"))
        #expect(try #require(HelpRenderer().help(for: ["mailbox", "add"])).contains("(required)"))
        #expect(help.contains("--subject <text>"))
        #expect(help.contains("repeatable"))
        #expect(help.contains("--track-opens "))
        #expect(HelpRenderer().help(for: ["nope"]) == nil)
    }
}

@Suite struct StatementKeywordTests {
    /// The one list of statement keywords (completion offers it, suggestions draw on it) is what
    /// the parser reads as statements: none of them is taken for a command.
    @Test func everyKeywordIsAStatementToTheParser() {
        #expect(CommandRegistry.statementKeywords == ["let", "for", "if", "try", "source"])
        for keyword in CommandRegistry.statementKeywords {
            let messages = Parser.parse(SourceFile(name: "t.wps", text: keyword)).diagnostics.map(\.message)
            #expect(!messages.contains { $0.contains("unknown command") }, "\(keyword): \(messages)")
            #expect(CommandRegistry.standard.command([keyword]) == nil, "\(keyword) is also a command")
        }
        let unknown = Parser.parse(SourceFile(name: "t.wps", text: "lte x = 1")).diagnostics.first?.label ?? ""
        #expect(unknown.contains("let"), "\(unknown)")
    }
}

@Suite struct DescriptorExampleTests {
    /// Every example a command's help shows parses and passes the checks `wps --check` runs.
    @Test func everyExampleParsesAndChecks() {
        var checked = 0
        for command in CommandRegistry.standard.commands {
            for example in command.examples {
                let result = Parser.parse(SourceFile(name: command.name, text: example))
                #expect(result.diagnostics == [], "\(command.name): \(example) → \(result.diagnostics.map(\.message))")
                checked += 1
            }
        }
        #expect(checked >= 20)
    }

    /// Every API command has an example (help shows how to call it).
    @Test func everyAPICommandHasAnExample() {
        let missing = CommandRegistry.standard.commands.filter {
            CommandRegistry.category(of: $0) == .api && $0.examples.isEmpty
        }
        #expect(missing.map(\.name) == [])
    }
}
