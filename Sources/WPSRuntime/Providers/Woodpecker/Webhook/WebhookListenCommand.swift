import Foundation
import OutreachAPI
import WPSLanguage

/// `webhook listen --event E,… [--port N] [--host H] [--url PUBLIC] [--no-subscribe] [--journal F]
/// [--max N] [--for D]`: serves an HTTP receiver, subscribes its URL (with an unguessable path
/// token, as the API signs nothing) for the events, and streams each event down the pipeline as
/// it arrives. The sender is answered 2xx only once the event is in the journal and its record
/// went through the pipeline; a restart with the same journal listens at the same URL and yields
/// first what was received and not delivered, never an event twice. On its end it unsubscribes
/// what it subscribed.
enum WebhookListenCommand {
    static let events = Flag<String>(
        "event", .list(.choice(WebhookEvent.names)),
        "the events to subscribe to and yield, comma-separated or repeated: prospect_replied,prospect_opt_out",
        repeatable: true, fields: ["event"], read: .text)
    static let port = Flag<Int>("port", "the port to listen on (default: a free one, or the journal's)")
    static let host = Flag<String>("host", .string, "the address to listen on (default 127.0.0.1)")
    static let publicURL = Flag<String>(
        "url", .string,
        "the public address the API reaches this receiver at (a tunnel), without the path: https://abc.example.net")
    static let noSubscribe = Flag<Bool>(
        "no-subscribe", "subscribe nothing: yield what arrives at the URL (subscribed some other way)")
    static let journal = Flag<String>(
        "journal", .file, "keep the port, the path token and every event here, so a restart loses and repeats none")
    static let max = Flag<Int>("max", "stop after this many events")
    static let duration = Flag<Duration>(
        "for", .string, "stop after this long: 30s, 10m, 2h", read: .interval)

    static let definition = CommandDefinition(
        ["webhook", "listen"],
        "Receive webhook events and stream each down the pipeline as it arrives.",
        category: .api,
        discussion: """
            Serves an HTTP receiver (--host, default 127.0.0.1; --port, default a free one) at an unguessable path, \
            subscribes its URL for the --event events (the public address with --url, for a tunnel), and hands each \
            event down the pipeline the moment it arrives: batched arrays are unpacked, repeats dropped. The sender \
            is answered 200 only after the event is in the --journal and its record went through the pipeline, so a \
            crash loses nothing (the sender retries); a restart with the same journal listens at the same URL and \
            yields first what was received and not delivered. Stops at --max events, after --for, or on Ctrl-C, \
            then unsubscribes what it subscribed.
            """,
        flags: [events, port, host, publicURL, noSubscribe, journal, max, duration],
        examples: ["webhook listen --event prospect_replied --for 1s | each { echo $it.prospect.email }"],
        sends: ["GET webhooks", "POST /rest/v1/webhooks/subscribe", "POST /rest/v1/webhooks/unsubscribe"],
        tests: [
            "e2e:test_webhook_listen.py::test_events_stream_down_the_pipeline_and_are_acknowledged_after",
            "e2e:test_webhook_listen.py::test_killed_and_restarted_with_its_journal_it_loses_and_repeats_nothing",
        ]
    ) { invocation, interpreter in
        .list(try await interpreter.collect(try await stream(invocation, interpreter)))
    }
    .producingPages { invocation, interpreter in try await stream(invocation, interpreter) }

    /// The events named, each once.
    static func eventNames(_ invocation: Invocation) -> [String] {
        var seen: Set<String> = []
        return invocation.all(events).flatMap { $0.split(separator: ",") }
            .map { $0.trimmingCharacters(in: .whitespaces) }
            .compactMap { WebhookEvent(name: $0)?.rawValue }
            .filter { seen.insert($0).inserted }
    }

    static func stream(_ invocation: Invocation, _ interpreter: Interpreter) async throws -> ValueStream {
        let names = eventNames(invocation)
        let subscribing = invocation[noSubscribe] != true
        if subscribing, names.isEmpty {
            throw RuntimeError(
                "webhook listen needs --event E,… (the events to subscribe to), or --no-subscribe",
                at: invocation.command.range, exitCode: 2)
        }
        if interpreter.session?.settings.reportsRecordsAsProgress == true, invocation[max] == nil,
            invocation[duration] == nil
        {
            throw RuntimeError(
                "an MCP call returns when it ends: give max (events) or for (a duration); each event comes as a "
                    + "progress notification meanwhile",
                at: invocation.command.range, exitCode: 2)
        }
        if let limit = invocation[max], limit < 1 {
            throw RuntimeError("--max must be at least 1, got \(limit)", at: invocation.range(of: max), exitCode: 2)
        }
        let session = subscribing ? try interpreter.connection(for: invocation) : interpreter.session
        let progress = progressOutput(session)

        let journalPath = invocation[journal]
        var contents = EventJournal.Contents()
        if let journalPath { contents = try EventJournal.load(journalPath) }
        let known = contents.listener
        let listenHost = invocation[host] ?? known?.host ?? "127.0.0.1"
        if let given = invocation[port], let known, given != known.port {
            throw RuntimeError(
                "the journal \(journalPath ?? "") listens on port \(known.port): a restart keeps it so the sender's "
                    + "retries arrive (remove the journal to start over)",
                at: invocation.range(of: port), exitCode: 2)
        }
        let token = known?.token ?? randomToken()
        let log = try journalPath.map { path throws -> EventJournal in try EventJournal(path: path) }
        let inbox = EventInbox(
            journal: log, events: names.isEmpty ? nil : Set(names), max: invocation[max], seen: contents.seen,
            pending: contents.pending)
        let receiver = try await WebhookReceiver.start(
            host: listenHost, port: invocation[port] ?? known?.port ?? 0, token: token, inbox: inbox)
        let base =
            (invocation[publicURL].map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
                ?? "http://\(listenHost.contains(":") ? "[\(listenHost)]" : listenHost):\(receiver.port)")
        let url = base + "/" + token
        if let problem = Validation.webhookURLProblem(url) {
            await receiver.stop()
            throw RuntimeError("--url \(problem)", at: invocation.range(of: publicURL), exitCode: 2)
        }

        // Subscribe what is not subscribed at this URL yet; what was (by an earlier run of this
        // journal) is kept and unsubscribed at the end as this run's.
        var subscribed = known?.url == url ? known?.subscribed ?? [] : []
        if subscribing, let session {
            do {
                let existing = try await WebhookCommands.subscriptions(session, for: invocation.command)
                for name in names {
                    guard let event = WebhookEvent(name: name) else { continue }
                    let urls = existing[event] ?? []
                    if urls.contains(url) {
                        if !subscribed.contains(name) { subscribed.append(name) }
                        continue
                    }
                    if urls.count >= WebhookEvent.subscriptionsPerEvent {
                        throw RuntimeError(
                            "\(name) is delivered to \(urls.count) URLs already (the API's limit): "
                                + urls.joined(separator: ", ")
                                + "; webhook unsubscribe \(name) --url URL frees a place",
                            at: invocation.range(of: events), exitCode: 2)
                    }
                    _ = try await session.connection.send(
                        Woodpecker.SubscribeWebhook(url: url, event: name), for: invocation.command)
                    subscribed.append(name)
                }
            } catch {
                await unsubscribe(
                    subscribed.filter { !(known?.subscribed.contains($0) ?? false) }, url, session, invocation)
                await receiver.stop()
                throw error
            }
        }
        let listener = EventJournal.Listener(
            host: listenHost, port: receiver.port, token: token, url: url, subscribed: subscribed)
        if listener != known { try log?.write(listener) }
        progress(
            "listening at \(url) for " + (names.isEmpty ? "every event" : names.joined(separator: ", "))
                + (contents.pending.isEmpty
                    ? "" : "; \(contents.pending.count) received earlier and not delivered come first")
                + (journalPath.map { " (journal \($0))" } ?? "") + "; Ctrl-C stops")

        let timer = invocation[duration].map { limit in
            Task {
                try await Task.sleep(for: limit)
                await inbox.close()
            }
        }
        let toUnsubscribe = subscribed
        let reportsEvents = session?.settings.reportsRecordsAsProgress == true
        return ValueStream(
            fetch: { number in
                await withTaskCancellationHandler {
                    await inbox.page(number)
                } onCancel: {
                    Task { await inbox.close() }
                }
            },
            finish: {},
            delivered: { number in
                let events = try await inbox.pageDelivered(number)
                if reportsEvents { for event in events { progress("event: " + JSONRenderer().render(event)) } }
            },
            closing: {
                timer?.cancel()
                await inbox.finish()
                // Not the caller's task: Ctrl-C cancelled it, and the clean-up must still run.
                await Task {
                    await receiver.stop()
                    if let session { await unsubscribe(toUnsubscribe, url, session, invocation) }
                    if !toUnsubscribe.isEmpty {
                        try? log?.write(
                            EventJournal.Listener(
                                host: listenHost, port: receiver.port, token: token, url: url, subscribed: []))
                    }
                    let counts = await inbox.counts
                    progress(
                        "webhook listen: \(counts.yielded) event\(counts.yielded == 1 ? "" : "s") yielded, "
                            + "\(counts.duplicates) repeat\(counts.duplicates == 1 ? "" : "s") dropped"
                            + (toUnsubscribe.isEmpty ? "" : "; unsubscribed \(toUnsubscribe.joined(separator: ", "))"))
                    log?.close()
                }.value
            }, liveColumns: liveColumns)
    }

    /// What a terminal's live table shows of each event.
    static let liveColumns = [
        ["timestamp"], ["method"], ["prospect", "email"], ["prospect", "campaign_id"], ["prospect", "step"],
    ]

    /// Unsubscribes `names` at `url`, saying on stderr what could not be.
    static func unsubscribe(_ names: [String], _ url: String, _ session: Session, _ invocation: Invocation) async {
        for name in names {
            do {
                _ = try await session.connection.send(
                    Woodpecker.UnsubscribeWebhook(url: url, event: name), for: invocation.command)
            } catch {
                session.settings.progress("could not unsubscribe \(name) at \(url): \(error)")
            }
        }
    }

    /// Where notes go: the session's progress output, else stderr.
    static func progressOutput(_ session: Session?) -> @Sendable (String) -> Void {
        if let session { return session.settings.progress }
        return { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
    }

    /// 128 random bits as hex: the path only the API knows.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in String(format: "%016llx", generator.next() as UInt64) }.joined()
    }
}
