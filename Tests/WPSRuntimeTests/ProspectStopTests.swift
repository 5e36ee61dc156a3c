import Testing
import WPSLanguage

@testable import WPSRuntime

/// How `prospect stop` and `prospect set` read the prospects they are given: words, ids,
/// records (`prospect list`'s, `prospect add`'s, a webhook event's), `-` for the piped value.
@Suite struct ProspectStopTests {
    let here = SourceRange(0, 0)

    @Test func targetsFromWordsRecordsAndWebhookEvents() throws {
        let event: Value = .record([
            "event": .string("prospect_replied"),
            "prospect": .record(["id": .int(100_002), "email": .string("bob@acme.com"), "campaign_id": .int(7)]),
        ])
        let listed: Value = .record(["id": .int(100_003), "email": .string("cy@acme.com")])
        let byID: Value = .record(["id": .int(100_004), "email": .null])
        let targets = try ProspectReference.targets(
            in: [.string("ann@acme.com"), .string(" 100001 "), .int(100_001), event, .list([listed, byID])],
            input: .null, at: here)
        #expect(
            targets == [
                .email("ann@acme.com"), .id(100_001), .email("bob@acme.com"), .email("cy@acme.com"), .id(100_004),
            ])
        // `-` is the piped value.
        let piped = try ProspectReference.targets(in: [.string("-")], input: .list([listed, event]), at: here)
        #expect(piped == [.email("cy@acme.com"), .email("bob@acme.com")])
        // Nothing piped: nothing, and standard input (a script's, an MCP client's) is never read.
        #expect(try ProspectReference.targets(in: [.string("-")], input: .null, at: here).isEmpty)
        // What names no prospect is an error at the argument, before anything is sent.
        #expect(throws: RuntimeError.self) {
            try ProspectReference.targets(in: [.string("ann@")], input: .null, at: here)
        }
        #expect(throws: RuntimeError.self) {
            try ProspectReference.targets(in: [.record(["name": .string("x")])], input: .null, at: here)
        }
        #expect(throws: RuntimeError.self) { try ProspectReference.targets(in: [.int(-3)], input: .null, at: here) }
    }
}
