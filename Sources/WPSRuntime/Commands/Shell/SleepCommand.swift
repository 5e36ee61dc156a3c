import WPSLanguage

/// `sleep DURATION`: waits a while (Ctrl-C ends it).
enum SleepCommand {
    static let duration = Positional<Duration>(
        "duration", .string, what: "the duration",
        read: ArgumentReader<Duration> { site, interpreter in
            let text = try await ArgumentReader<Duration>.evaluated(site, &interpreter).text
            guard let duration = ClockDuration.parse(text) else {
                throw RuntimeError("sleep takes a duration such as 500ms, 2s or 1m, got '\(text)'", at: site.range)
            }
            return duration
        })

    static let definition = CommandDefinition(
        ["sleep"], "Wait a while (Ctrl-C ends it): 500ms, 2s, 1m.", category: .shell, positionals: [duration],
        examples: ["sleep 100ms"], tests: ["e2e:test_language_cli.py::test_length_sleep_clear_and_env_variables"]
    ) { invocation, _ in
        guard let duration = invocation[duration] else {
            throw RuntimeError("sleep needs a duration such as 500ms, 2s or 1m", at: invocation.command.range)
        }
        try await Task.sleep(for: duration)
        return .null
    }
}
