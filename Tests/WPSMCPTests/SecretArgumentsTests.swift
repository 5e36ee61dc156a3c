import MCP
import Testing
import WPSHost
import WPSLanguage
import WPSRuntime

@testable import WPSMCP

/// An error answer of a tool whose command takes a secret shows no argument value it cannot
/// prove harmless: a password given under a wrong or mistyped argument is never echoed.
@Suite struct SecretArgumentsTests {
    static let secret = "Hunter2-Planted"

    @Test func aPasswordUnderAWrongArgumentIsNeverEchoed() async throws {
        var options = SessionBuilder.Options()
        options.sandbox = true
        let host = try await SessionBuilder(options).build()
        let runner = ToolRunner(session: host.session, readOnly: false, allowDestructive: false)
        let slips: [[String: MCP.Value]] = [
            ["email": "z@x.com", "password": "x", "smtp_port": .string(Self.secret)],
            ["email": .string(Self.secret), "password": "x", "smtp_server": "s", "smtp_port": 465],
            ["email": "z@x.com", "pasword": .string(Self.secret)],
            ["email": "z@x.com", "password": "x", "imap_port": .string(Self.secret + ",1")],
        ]
        var answers: [CallTool.Result] = []
        for slip in slips { answers.append(await runner.call("mailbox_add", slip)) }
        await runner.shutdown()
        await host.shutdown()
        for answer in answers {
            #expect(answer.isError == true)
            let text = answer.content.map { if case .text(let text, _, _) = $0 { text } else { "" } }.joined()
            #expect(!text.contains(Self.secret), "\(text)")
            #expect(!"\(String(describing: answer.structuredContent))".contains(Self.secret))
        }
    }

    @Test func harmlessValuesStayAndOtherCommandsAreLeftAlone() throws {
        let add = try #require(CommandRegistry.standard.command(["mailbox", "add"]))
        let hidden = SecretArguments(add, ["email": "z@x.com", "smtp_port": 465, "smtp_server": "smtp.x.com"]).hidden
        #expect(hidden == ["smtp.x.com"])
        let get = try #require(CommandRegistry.standard.command(["campaign", "get"]))
        #expect(SecretArguments(get, ["id": "nope"]).hidden.isEmpty)
    }
}
