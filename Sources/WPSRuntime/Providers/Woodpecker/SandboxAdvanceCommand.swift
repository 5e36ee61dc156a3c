import OutreachAPI
import WPSLanguage

/// `sandbox advance DURATION`: moves the sandbox's clock forward (`--sandbox`, or a profile on a
/// `wps sandbox`), so a running campaign's sends, opens, replies and their webhooks happen now.
enum SandboxAdvanceCommand {
    static let duration = Positional<String>("duration", .string, what: "DURATION (90s, 30m, 3h, 2d)", read: .word)

    static let definition = CommandDefinition(
        ["sandbox", "advance"], "Move the sandbox's clock forward: what sending would do in that time happens now.",
        category: .api,
        discussion: """
            Only the sandbox has a clock to move (--sandbox, or a profile whose base URL is a wps sandbox); the \
            real API answers 404. Every account of the sandbox moves, and a webhook delivery pass runs at once. \
            Returns {now, seconds}.
            """,
        positionals: [duration], examples: ["sandbox advance 3h"],
        sends: ["POST sandbox/clock/advance?by=DURATION (the sandbox's own route)"],
        tests: ["e2e:test_webhook_listen.py::test_the_sandbox_pushes_what_its_campaigns_produce"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let text = invocation[duration] ?? ""
        guard isDuration(text) else {
            throw RuntimeError(
                "expected a duration such as 90s, 30m, 3h or 2d (at most 365d), got '\(text)'",
                at: invocation.range(of: duration), exitCode: 2)
        }
        let time = try await session.connection.send(Woodpecker.AdvanceSandboxClock(by: text), for: invocation.command)
        return .record(["now": .string(time.now), "seconds": .int(Int(time.seconds))])
    }

    /// A move forward: more than 0, at most a year (what the route takes).
    static func isDuration(_ text: String) -> Bool {
        (SandboxClockTime.seconds(text, upTo: SandboxClockTime.maxAdvance) ?? 0) > 0
    }
}
