import Foundation
import OutreachAPI
import Testing
import WPSHost
import WPSLanguage
import WPSRuntime

/// What `wps` runs against, as the builder sets it up from the options.
@Suite struct SessionBuilderTests {
    /// Runs `text` in an interpreter on the session and returns what it printed.
    static func run(_ text: String, _ session: Session) async throws -> [Value] {
        let printed = Printed()
        var interpreter = Interpreter(session: session) { printed.out.append(JSONRenderer().render($0)) }
        try await interpreter.run(Parser.parse(SourceFile(name: "t.wps", text: text)).script)
        return printed.out.map { .string($0) }
    }

    /// No profile file and no keys: only what the test gives.
    static func environment(_ extra: [String: String] = [:]) -> [String: String] {
        let empty = FileManager.default.temporaryDirectory.appendingPathComponent("wps-builder-\(UUID().uuidString)")
            .path
        return ["XDG_CONFIG_HOME": empty, "HOME": empty].merging(extra) { _, given in given }
    }

    @Test func theSandboxComesWithItsDemoMailboxesAndJournalsNothing() async throws {
        var options = SessionBuilder.Options()
        options.sandbox = true
        options.environment = Self.environment()
        options.journalDirectory = "/nonexistent/imports"
        let host = try await SessionBuilder(options).build()
        let printed = try await Self.run(#"mailbox list | where type == "SMTP" | count"#, host.session)
        await host.shutdown()
        #expect(printed == [.string("3")])
        #expect(host.session.settings.journalDirectory == nil)
        #expect(host.session.connection.activeProfile == "sandbox")
        #expect(host.profileNames == [])
    }

    /// A dry run without a key shows each request as it would go to the real API, key masked, and
    /// answers it from its private overlay, saying once that no account is behind the answers.
    @Test func aDryRunWithoutAKeyShowsTheRealRequestAndAnswersFromItsOverlay() async throws {
        let shown = Printed()
        let notes = Printed()
        var options = SessionBuilder.Options()
        options.dryRun = true
        options.environment = Self.environment()
        options.dryRunOutput = { shown.out.append($0) }
        options.progress = { notes.out.append($0) }
        options.journalDirectory = "/nonexistent/imports"
        let host = try await SessionBuilder(options).build()
        let printed = try await Self.run("campaign list | count; campaign list | count", host.session)
        await host.shutdown()
        #expect(printed == [.string("0"), .string("0")])
        #expect(host.session.settings.dryRun)
        #expect(host.session.settings.journalDirectory == nil)
        let request = try #require(shown.out.first)
        #expect(request.contains("GET https://api.woodpecker.co/rest/v2/campaigns"), "\(request)")
        #expect(notes.out.filter { $0.contains("no API key for woodpecker") }.count == 1, "\(notes.out)")
    }

    @Test func aProfileRunJournalsWhereItIsTold() async throws {
        var options = SessionBuilder.Options()
        options.environment = Self.environment(["WOODPECKER_API_KEY": "k"])
        options.journalDirectory = "/tmp/wps-imports"
        let host = try await SessionBuilder(options).build()
        await host.shutdown()
        #expect(host.session.settings.journalDirectory == "/tmp/wps-imports")
        #expect(
            host.session.connection.client.configuration.baseURL(for: .woodpecker)
                == "https://api.woodpecker.co/rest/v2")
    }

    @Test func aCAFileThatCannotBeReadIsRefusedBeforeAnythingStarts() async throws {
        var options = SessionBuilder.Options()
        options.sandbox = true
        options.caFile = "/nonexistent/ca.pem"
        options.environment = Self.environment()
        await #expect(throws: RuntimeError.self) { _ = try await SessionBuilder(options).build() }
    }

    @Test func anUnknownProfileIsRefused() async throws {
        var options = SessionBuilder.Options()
        options.profile = "nope"
        options.environment = Self.environment(["WOODPECKER_API_KEY": "k"])
        do {
            _ = try await SessionBuilder(options).build()
            Issue.record("expected an error")
        } catch let error as RuntimeError {
            #expect(error.message.contains("nope"), "\(error.message)")
            #expect(error.exitCode == 2)
        }
    }
}
