import OutreachAPI
import WPSLanguage

/// `batch watch [ID…]`: waits for batches (given, or piped from `mailbox import`) to finish,
/// showing progress; exit 1 when mailboxes failed unless `--allow-failures`.
enum BatchWatchCommand {
    static let ids = Positional<Value>(
        "id", .batchID, what: "the batch ID", optional: true, repeating: true, read: .value)
    static let interval = Flag<Duration>(
        "interval", .string, "the first polling interval: 250ms, 2s (it grows to 5s while nothing changes)",
        read: .interval)
    static let timeout = Flag<Duration>(
        "timeout", .string,
        "give up (exit 1) when batches are still processing after this long: 90s, 30m (default 60m)",
        read: .interval)
    static let report = Flag<String>("report", .file, "write one CSV row per mailbox")
    static let allowFailures = Flag<Bool>("allow-failures", "exit 0 even when mailboxes failed")

    static let definition = CommandDefinition(
        ["batch", "watch"], "Wait for batches to finish, showing progress.", category: .api, positionals: [ids],
        flags: [interval, timeout, report, allowFailures, SharedFlags.provider],
        examples: ["mailbox import boxes.csv | batch watch --report outcome.csv"],
        sends: ProviderKits.mailboxConnections.flatMap(\.sends.watch),
        tests: ["transcript:commands", "transcript:request-ids"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let given = invocation.all(ids).flatMap(\.items)
        let items = given.isEmpty ? invocation.input.items : given
        if items.isEmpty {
            // Run alone, it has nothing to wait for: say how it is used. Fed an empty list (an
            // import that sent no batch), it says so and is done.
            guard invocation.input != .null else {
                throw RuntimeError(
                    "batch watch has nothing to watch: give batch ids (batch watch 4711), or pipe an import into it "
                        + "(mailbox import boxes.csv | batch watch)",
                    at: invocation.command.range, exitCode: 2)
            }
            session.settings.progress("batch watch: no batch came down the pipeline; nothing to wait for")
        }
        var watcher = BatchWatcher(
            session: session,
            progress: ProgressLine(session.settings),
            interval: invocation[interval] ?? .milliseconds(250), range: invocation.command.range)
        if let limit = invocation[timeout] { watcher.timeout = limit }
        let connection = try ProviderKits.mailboxes(claiming: items, invocation, session)
        let outcome = try await connection.watch(items, with: watcher)
        if let path = invocation[report] {
            do {
                try ImportReport.write(outcome.reportRows, to: path)
            } catch {
                throw RuntimeError(
                    "cannot write the report \(path): \(error.localizedDescription)", at: invocation.range(of: report),
                    exitCode: 1)
            }
            session.settings.progress("report: \(outcome.reportRows.count) mailboxes → \(path)")
        }
        // Counted per mailbox, each by its latest outcome (a re-import's batch after a failure).
        if !outcome.countsLine.isEmpty { session.settings.progress(outcome.countsLine) }
        if outcome.failed > 0, invocation[allowFailures] != true {
            let plural = outcome.total == 1 ? "" : "es"
            var error = RuntimeError(
                "\(outcome.failed) of \(outcome.total) mailbox\(plural) failed to connect\(outcome.failureSample); "
                    + "--allow-failures carries on",
                at: invocation.command.range, exitCode: 1)
            error.result = outcome.value  // the summaries are printed before the exit
            throw error
        }
        return outcome.value
    }
}
