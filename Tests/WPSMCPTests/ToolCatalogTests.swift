import MCP
import Synchronization
import Testing
import WPSHost
import WPSLanguage
import WPSRuntime

@testable import WPSMCP

/// The MCP tools come from the command values: every command is a tool or says why not.
@Suite struct ToolCatalogTests {
    @Test func everyCommandIsAToolOrSaysWhyNot() {
        let catalog = ToolCatalog()
        let tools = catalog.entries.compactMap { $0.definition?.name }
        let hidden = catalog.notExposed.map(\.command)
        for definition in CommandDefinition.standard {
            let count = tools.filter { $0 == definition.name }.count + hidden.filter { $0 == definition.name }.count
            #expect(
                count == 1,
                "\(definition.name) is a tool \(tools.contains(definition.name)), hidden \(hidden.contains(definition.name))"
            )
        }
        #expect(catalog.notExposed.allSatisfy { !$0.reason.isEmpty })
        #expect(tools.count == CommandDefinition.standard.filter { $0.descriptor.category == .api }.count)
        let names = catalog.entries.map(\.tool.name)
        #expect(Set(names).count == names.count)
        #expect(names.contains("campaign_new") && names.contains("version_set") && names.last == "wps_run")
    }

    @Test func schemasFollowTheDeclarations() throws {
        let catalog = ToolCatalog()
        let new = try #require(catalog.entry(named: "campaign_new"))
        let properties = try #require(new.tool.inputSchema.objectValue?["properties"]?.objectValue)
        #expect(properties["daily_enroll"]?.objectValue?["type"] == "integer")
        #expect(properties["accounts"]?.objectValue?["type"] == "array")
        #expect(properties["subject"]?.objectValue?["type"] == "array")
        #expect(properties["signature"]?.objectValue?["enum"] == ["SENDER", "NO_SIGNATURE"])
        // NAME may be left out (the API names the campaign); what the rules require is required,
        // and --message, which --steps stands in for, says so in its description.
        #expect(new.tool.inputSchema.objectValue?["required"] == ["accounts", "timezone", "daily_enroll"])
        #expect(
            properties["message"]?.objectValue?["description"]?.stringValue?.hasSuffix(
                "required unless steps is given") == true)
        #expect(properties["name"]?.objectValue?["type"] == "string")
        #expect(catalog.entry(named: "campaign_get")?.tool.inputSchema.objectValue?["required"] == ["id"])
        let add = try #require(
            catalog.entry(named: "mailbox_add")?.tool.inputSchema.objectValue?["properties"]?.objectValue)
        #expect(add["password"]?.objectValue?["writeOnly"] == true)
        #expect(add["smtp_port"]?.objectValue?["type"] == "integer")
        let delete = try #require(catalog.entry(named: "campaign_delete"))
        #expect(delete.tool.annotations.destructiveHint == true)
        #expect(delete.tool.inputSchema.objectValue?["properties"]?.objectValue?["confirm"] != nil)
        #expect(delete.tool.inputSchema.objectValue?["properties"]?.objectValue?["yes"] == nil)
        #expect(catalog.entry(named: "campaign_get")?.tool.annotations.readOnlyHint == true)
    }

    @Test func readOnlyKeepsOnlyTheToolsThatRead() {
        let names = Set(ToolCatalog(readOnly: true).entries.map(\.tool.name))
        #expect(
            names == [
                "mailbox_list", "mailbox_get", "mailbox_verify", "batch_summary", "batch_watch", "campaign_list",
                "campaign_get",
                "campaign_show", "campaign_export", "campaign_lint", "campaign_preview", "campaign_diff", "wps_run",
                "campaign_stats", "prospect_list", "report_campaigns", "report_messages", "report_open_rate",
                "report_steps", "domain_check", "webhook_list", "prospect_responses", "inbox_list", "sequence_list",
                "dnc_list", "dnc_search", "sequence_stats",
                "sequence_get",
            ])
    }

    /// `domain check` asks DNS, never the API: a read-only tool whose domains are a list.
    @Test func domainCheckIsAReadOnlyTool() throws {
        let entry = try #require(ToolCatalog(readOnly: true).entry(named: "domain_check"))
        #expect(entry.tool.annotations.readOnlyHint == true)
        let properties = try #require(entry.tool.inputSchema.objectValue?["properties"]?.objectValue)
        #expect(properties["domain"]?.objectValue?["type"] == "array")
        #expect(properties["dkim_selector"]?.objectValue?["type"] == "array")
        #expect(properties["dns_server"]?.objectValue?["type"] == "string")
    }

    /// Arguments become the command itself, never text: a value with `$(…)` is only text.
    @Test func argumentsBecomeTheCommandLiterally() throws {
        let catalog = ToolCatalog()
        let entry = try #require(catalog.entry(named: "campaign_new"))
        let descriptor = try #require(entry.definition?.descriptor)
        let built = ToolRunner.command(
            descriptor, entry,
            [
                "name": "$(campaign delete 1 --yes)", "accounts": [1, 2], "subject": ["A", "B"], "track_opens": false,
                "daily_enroll": 5.0, "timezone": "UTC", "message": ["<p>a</p>", "<p>b</p>"],
            ],
            confirmed: false)
        #expect(built.problems.isEmpty)
        #expect(
            built.command.positionals.first.map {
                if case .literal("$(campaign delete 1 --yes)", _) = $0 { true } else { false }
            } == true)
        #expect(built.command.values(of: "subject").count == 2)
        #expect(built.command.values(of: "track-opens").first??.range != nil)
        #expect(CommandChecker(descriptor).check(built.command) == [])
        let walker = CommandWalker(
            Script(statements: [.pipeline(Pipeline(stages: [built.command], range: SourceRange(0, 1)))]))
        #expect(walker.commands.map(\.name) == ["campaign new"])
        let object = ToolRunner.command(descriptor, entry, ["name": ["a": 1]], confirmed: false)
        #expect(object.problems.map(\.field) == ["name"])
        // The API's own field names work as the CLI's aliases do; a typo is named with the closest.
        let aliased = ToolRunner.command(
            descriptor, entry, ["name": "Q4", "email_account_ids": [1], "followup_after": "3d", "dayly_enroll": 5],
            confirmed: false)
        #expect(aliased.command.values(of: "accounts").count == 1 && aliased.command.values(of: "wait").count == 1)
        #expect(aliased.problems.map(\.field) == ["dayly_enroll"])
        #expect(aliased.problems.first?.message.hasPrefix("no such argument — did you mean 'daily_enroll'?") == true)
        let twice = ToolRunner.command(
            descriptor, entry, ["accounts": [1], "email_account_ids": [2]], confirmed: false)
        #expect(twice.problems.map(\.message) == ["is accounts under another name: give it once"])
    }

    @Test func nestedCommandsAreAllFound() {
        let parsed = Parser.parse(
            SourceFile(
                name: "t",
                text:
                    #"for c in $(campaign list) { try { campaign delete $c.id --yes } catch { echo "$(campaign get 1 | get name)" } }"#
            ))
        let walker = CommandWalker(parsed.script)
        #expect(
            walker.commands.map(\.name).sorted() == ["campaign delete", "campaign get", "campaign list", "echo", "get"])
        #expect(!walker.sourcesFiles)
        #expect(CommandWalker(Parser.parse(SourceFile(name: "t", text: "source x.wps")).script).sourcesFiles)
    }

    /// Against the embedded sandbox: a call runs, a destructive one is refused until confirmed.
    @Test func callsRunInTheSessionAndDestructiveOnesWaitForConfirm() async throws {
        var options = SessionBuilder.Options()
        options.sandbox = true
        let host = try await SessionBuilder(options).build()
        let runner = ToolRunner(session: host.session, readOnly: false, allowDestructive: true)
        let created = await runner.call(
            "campaign_new",
            [
                "name": "Q4", "accounts": [123001], "timezone": "UTC", "daily_enroll": 5, "subject": ["Hi"],
                "message": ["<p>x</p>"],
            ])
        let id = created.structuredContent?.objectValue?["id"]
        let refused = await runner.call("campaign_delete", ["id": id ?? .null])
        let deleted = await runner.call("campaign_delete", ["id": id ?? .null, "confirm": true])
        let unknown = await runner.call("where", [:])
        await runner.shutdown()
        await host.shutdown()
        #expect(created.isError == nil && id == 777001)
        #expect(refused.isError == true)
        #expect(deleted.structuredContent == ["id": 777001, "deleted": true])
        #expect(unknown.isError == true)
    }

    /// A cancelled call stops: a watch of a batch that never finishes ends when its task is
    /// cancelled (as the SDK cancels a call on `notifications/cancelled`), after it was seen polling.
    @Test func aCancelledWatchStops() async throws {
        var options = SessionBuilder.Options()
        options.sandbox = true
        options.environment = ["WPS_SANDBOX_PROCESSING_MS": "3600000"]  // later batches never finish
        let host = try await SessionBuilder(options).build()
        let runner = ToolRunner(session: host.session, readOnly: false, allowDestructive: false)
        let added = await runner.call(
            "mailbox_add",
            [
                "email": "slow@example.com", "password": "pw", "smtp_server": "smtp.example.com", "smtp_port": 465,
                "imap_server": "imap.example.com", "imap_port": 993,
            ])
        let batch = try #require(added.structuredContent?.objectValue?["batch_id"])
        let polls = Polls()
        let watch = Task {
            await runner.call("batch_watch", ["id": [batch], "interval": "20ms"]) { _ in polls.note() }
        }
        while polls.count == 0 { try await Task.sleep(for: .milliseconds(10)) }  // it is watching
        watch.cancel()
        let result = await watch.value  // returns: the watch stopped
        await runner.shutdown()
        await host.shutdown()
        #expect(result.isError == true)
    }
}

/// Counts progress lines from a call's task.
final class Polls: Sendable {
    private let counter = Mutex(0)
    func note() { counter.withLock { $0 += 1 } }
    var count: Int { counter.withLock { $0 } }
}
