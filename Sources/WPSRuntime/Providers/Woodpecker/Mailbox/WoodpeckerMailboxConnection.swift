import Foundation
import OutreachAPI
import WPSLanguage

/// Woodpecker's mailbox connection: `POST mailboxes/manual_connection/bulk` in batches of up to
/// 200, each watched through its summary (`GET mailboxes/manual_connection/bulk/{id}/summary`).
struct WoodpeckerMailboxConnection: MailboxConnection {
    var provider: Provider { .woodpecker }
    var idKey: String { "batch_id" }
    var maxBatchSize: Int { ManualMailboxTarget().maxBatchSize }
    var family: APIFamily { ManualMailboxTarget().family }
    var reconcilesByResending: Bool { true }
    var idDescription: String { "a Woodpecker batch id (a number)" }
    var sends: (add: [String], import: [String], status: [String], watch: [String]) {
        (
            ["POST mailboxes/manual_connection/bulk"],
            ["POST mailboxes/manual_connection/bulk", "GET mailboxes (mailboxes already connected: their settings)"],
            ["GET mailboxes/manual_connection/bulk/{batch_id}/summary"],
            [
                "GET mailboxes/manual_connection/bulk/{batch_id}/summary",
                "GET mailboxes (failed mailboxes of batches given by id; the reason of conditionally connected ones)",
            ]
        )
    }

    static let fromName = Flag<String>("from-name", .string, "the sender name", fields: ["smtp_from_name"])
    static let footer = Flag<String>("footer", .string, "an email footer", fields: ["footer"])
    static let bcc = Flag<String>("bcc", .email, "a BCC address", fields: ["bcc"])
    static let openTrackingDomain = Flag<String>(
        "open-tracking-domain", .string, "a domain for open tracking", fields: ["open_tracking_domain"])
    static let clickTrackingDomain = Flag<String>(
        "click-tracking-domain", .string, "a domain for click tracking", fields: ["click_tracking_domain"])
    static let unsubscribeTrackingDomain = Flag<String>(
        "unsubscribe-tracking-domain", .string, "a domain for unsubscribe links",
        fields: ["unsubscribe_tracking_domain"])
    static let waitFrom = Flag<Int>(
        "wait-from", "seconds between sends, from (10…9999)", fields: ["sending_wait_time_from"])
    static let waitTo = Flag<Int>("wait-to", "seconds between sends, to (20…9999)", fields: ["sending_wait_time_to"])
    static let dailyLimit = Flag<Int>("daily-limit", "emails per day (1…5500)", fields: ["daily_sending_limit"])
    static let notify = Flag<String>(
        "notify", .choice(["mail"]), "mail me when the batch is processed", fields: ["completion_notification_types"])
    static let importNotify = Flag<String>("notify", .choice(["mail"]), "mail me when each batch is processed")

    var addFlags: [any FlagReading] {
        [
            Self.fromName, Self.footer, Self.bcc, Self.openTrackingDomain, Self.clickTrackingDomain,
            Self.unsubscribeTrackingDomain, Self.waitFrom, Self.waitTo, Self.dailyLimit, Self.notify,
        ]
    }
    var importFlags: [any FlagReading] { [Self.importNotify] }

    var rowColumns: Set<String> { ManualMailboxTarget.known }

    var domainColumns: (email: [String], tracking: [String]) {
        typealias Field = ManualMailboxTarget.Field
        return (
            [Field.smtp_email.name] + Field.smtp_email.aliases,
            [Field.open_tracking_domain, .click_tracking_domain, .unsubscribe_tracking_domain].map(\.name)
        )
    }

    func domainFields(of row: SourceRow) -> (email: String?, smtpHost: String?, tracking: [(String, String)]) {
        typealias Field = ManualMailboxTarget.Field
        let fields = ManualMailboxTarget.map.resolve(row, checking: false)
        let tracking: [Field] = [.open_tracking_domain, .click_tracking_domain, .unsubscribe_tracking_domain]
        return (
            fields.text(.smtp_email), fields.text(.smtp_server),
            tracking.compactMap { field in fields.text(field).map { (field.name, $0) } }
        )
    }

    func add(_ invocation: Invocation, _ session: Session) async throws -> Value {
        typealias Add = MailboxAddCommand
        let email = invocation[Add.email]
        let password = invocation[Add.password]
        let mailbox = ManualMailbox(
            smtp_email: email, smtp_login: invocation[Add.login], smtp_password: password,
            smtp_server: invocation[Add.smtpServer], smtp_port: invocation[Add.smtpPort],
            smtp_from_name: invocation[Self.fromName], imap_email: invocation[Add.imapEmail] ?? email,
            imap_password: invocation[Add.imapPassword] ?? password, imap_server: invocation[Add.imapServer],
            imap_port: invocation[Add.imapPort], footer: invocation[Self.footer], bcc: invocation[Self.bcc],
            open_tracking_domain: invocation[Self.openTrackingDomain],
            click_tracking_domain: invocation[Self.clickTrackingDomain],
            unsubscribe_tracking_domain: invocation[Self.unsubscribeTrackingDomain],
            sending_wait_time_from: invocation[Self.waitFrom], sending_wait_time_to: invocation[Self.waitTo],
            daily_sending_limit: invocation[Self.dailyLimit])
        Add.warn(
            MailServerLint.warnings(
                smtpHost: mailbox.smtp_server, smtpPort: mailbox.smtp_port, imapHost: mailbox.imap_server,
                imapPort: mailbox.imap_port), session)
        let notify: [NotificationType]? = invocation[Self.notify] == "mail" ? [.mail] : nil
        let request = ManualBulkRequest(mailboxes: [mailbox], completion_notification_types: notify)
        let accepted = try await session.connection.send(Woodpecker.SubmitManualBatch(request), for: invocation.command)
        return .record(["batch_id": .int(accepted.batch_id), "size": .int(1)])
    }

    func importMailboxes(
        _ invocation: Invocation, _ interpreter: Interpreter, _ session: Session, source: ImportSource
    ) async throws -> Value {
        let notify: [NotificationType]? = invocation[Self.importNotify] == "mail" ? [.mail] : nil
        let client = session.connection.client
        let settings = ConnectedMailboxSettings(client: client)
        return try await ImportCommands.importMailboxes(
            invocation, interpreter, session, source: source, target: ManualMailboxTarget(), idKey: idKey,
            describe: { items in
                ImportCommands.describe(
                    client,
                    Woodpecker.SubmitManualBatch(
                        ManualBulkRequest(mailboxes: items, completion_notification_types: notify)))
            },
            submit: { items in
                try await Self.submitManual(
                    client, ManualBulkRequest(mailboxes: items, completion_notification_types: notify),
                    settings: settings)
            })
    }

    func status(of value: Value, _ invocation: Invocation, _ session: Session, range: SourceRange?) async throws
        -> Value
    {
        var id = value
        if case .record(let record) = value, let batch = record[idKey] { id = batch }
        let batchID = try Self.batchID(id, range: range)
        let summary = try await session.connection.send(
            Woodpecker.GetBatchSummary(batchID: batchID), for: invocation.command)
        return try Self.summaryValue(batchID, summary)
    }

    /// A batch id, which is a number (as every id argument: digits, a whole double, or a
    /// record's `id`); anything else is refused, pointing at the providers whose ids are not numbers.
    static func batchID(_ value: Value, range: SourceRange?) throws -> Int {
        if let id = try? CommandArguments.int(value, what: "the batch ID", range: range) { return id }
        let others = ProviderKits.mailboxConnections.filter { $0.provider != .woodpecker }
            .map { "\($0.idDescription) is watched with --provider \($0.provider.rawValue)" }
        throw RuntimeError(
            "'\(value.text)' is not a Woodpecker batch id (a number)"
                + (others.isEmpty ? "" : "; " + others.joined(separator: "; ") + " (or a profile of that provider)"),
            at: range, exitCode: 2)
    }

    /// A summary as a record, led by its batch id and with a derived `failed_mailboxes_count`.
    static func summaryValue(_ id: Int, _ summary: BatchSummary) throws -> Value {
        guard case .record(let fields) = try ValueEncoder().encode(summary) else { return .null }
        var record: Record = ["batch_id": .int(id)]
        for (key, value) in fields { record[key] = value }
        record["failed_mailboxes_count"] = .int(summary.failedCount)
        return .record(record)
    }

    /// POSTs a manual batch; a 409 naming mailboxes already pending or connected becomes the
    /// conflicts to reconcile. With `settings`, the settings of a mailbox already connected that
    /// the API did not apply, or does not show, are named (``ConnectedMailboxSettings``).
    static func submitManual(
        _ client: OutreachClient, _ request: ManualBulkRequest, settings: ConnectedMailboxSettings? = nil
    ) async throws -> SubmitResult {
        do {
            let id = String(try await client.send(Woodpecker.SubmitManualBatch(request)).batch_id)
            await settings?.batchCreated()
            return .accepted(id)
        } catch let error as OutreachError where error.kind == .api && error.apiError?.status == 409 {
            let conflicts = ImportCommands.parseConflicts(error.apiError?.details ?? [], count: request.mailboxes.count)
            guard !conflicts.isEmpty else { throw error }
            guard let settings else { return .conflicts(conflicts) }
            var connected: [Int: ManualMailbox] = [:]
            for (index, conflict) in conflicts where conflict.isConnected {
                connected[index] = request.mailboxes[index]
            }
            guard !connected.isEmpty else { return .conflicts(conflicts) }
            return .conflicts(conflicts, notApplied: try await settings.unapplied(connected))
        }
    }

    func watch(_ items: [Value], with watcher: BatchWatcher) async throws -> BatchWatcher.Outcome {
        let session = watcher.session
        let range = watcher.range
        let (ids, origins, existing, dryRun, skipped) = BatchWatcher.parse(items, idKey: "batch_id")
        let numbers = try ids.map { try Self.batchID(.string($0), range: range) }
        if numbers.isEmpty, dryRun > 0 {
            session.settings.progress("dry run: \(dryRun) batches were not sent, so there is nothing to watch")
        }
        let client = session.connection.client
        let latest = try await watcher.poll(
            numbers, what: "batches", fetch: { id in try await client.send(Woodpecker.GetBatchSummary(batchID: id)) },
            finished: \.processing_finished,
            line: { summaries in
                let size = summaries.reduce(0) { $0 + $1.batch_size }
                let pending = summaries.reduce(0) { $0 + $1.pending_mailboxes_count }
                let finished = summaries.filter(\.processing_finished).count
                return (
                    "batches \(finished)/\(numbers.count) finished · \(summaries.reduce(0) { $0 + $1.connected_mailboxes_count }) connected · "
                        + "\(summaries.reduce(0) { $0 + $1.conditionally_connected_mailboxes_count }) conditionally · "
                        + "\(summaries.reduce(0) { $0 + $1.failedCount }) failed · \(pending) pending",
                    size - pending, size
                )
            })

        // Rows of import records (per mailbox, their latest outcome) and, for batches given by
        // id alone, the summaries' counts.
        var rows: [ImportReport.Row] = []
        var orders: [Int] = []
        var handRows: [ImportReport.Row] = []
        let batchOrigins = numbers.map { origins[String($0)] ?? [] }
        let mailboxes = BatchWatcher.mailboxes(
            of: batchOrigins.flatMap { $0 } + existing, target: ManualMailboxTarget())
        var next = 0
        func take(_ count: Int) -> ArraySlice<[BatchWatcher.Mailbox]> {
            defer { next += count }
            return mailboxes[next..<(next + count)]
        }
        var handTotal = 0
        var handFailed = 0
        var handConnected = 0
        var handConditional = 0
        // Failed mailboxes of batches given by id alone, in the order of the batches.
        var handFailures: [ImportReport.Row] = []
        var connectedSince = 0
        var sample: [String] = []
        for (index, id) in numbers.enumerated() {
            guard let summary = latest[id] else {
                _ = take(batchOrigins[index].count)
                continue
            }
            let failed = Dictionary(
                summary.failed_mailboxes.map { ($0.smtp_email.lowercased(), $0.error_message ?? "") },
                uniquingKeysWith: { a, _ in a })
            let conditional = Set(summary.conditionally_connected_mailboxes.map { $0.smtp_email.lowercased() })
            let list = batchOrigins[index]
            if !list.isEmpty {
                for (origin, boxes) in zip(list, take(list.count)) {
                    for box in boxes {
                        let key = box.email.lowercased()
                        let outcome =
                            failed[key] != nil
                            ? "failed" : conditional.contains(key) ? "conditionally_connected" : "connected"
                        rows.append(
                            .init(
                                source: origin.source, place: box.place, email: box.email, batch: String(id),
                                outcome: outcome,
                                error: failed[key] ?? ""))
                        orders.append(origin.order)
                    }
                }
            } else {
                handTotal += summary.batch_size
                handFailed += summary.failedCount
                handConnected += summary.connected_mailboxes_count
                handConditional += summary.conditionally_connected_mailboxes_count
                for item in summary.failed_mailboxes {
                    handFailures.append(
                        .init(
                            source: "", place: nil, email: item.smtp_email, batch: String(id), outcome: "failed",
                            error: item.error_message ?? ""))
                }
                for item in summary.conditionally_connected_mailboxes {
                    handRows.append(
                        .init(
                            source: "", place: nil, email: item.smtp_email, batch: String(id),
                            outcome: "conditionally_connected", error: ""))
                }
            }
        }
        for (origin, boxes) in zip(existing, take(existing.count)) {
            for box in boxes {
                let unapplied = origin.notApplied["\(box.place)"].map { "settings not applied: \($0)" } ?? ""
                rows.append(
                    .init(
                        source: origin.source, place: box.place, email: box.email, batch: "",
                        outcome: "already_connected", error: unapplied))
                orders.append(origin.order)
            }
        }
        rows = BatchWatcher.latestOutcomes(rows, orders: orders)
        let givenByID = numbers.indices.contains { batchOrigins[$0].isEmpty && latest[numbers[$0]] != nil }
        let recordFailures = givenByID && rows.contains { $0.outcome == "failed" }
        // Asked once, when there are failures a later outcome may supersede.
        let connectedNow =
            handFailures.isEmpty && !recordFailures
            ? [] : Set(try await ConnectedMailboxSettings.connectedSMTP(client).keys)
        if recordFailures {
            // A mailbox that failed in a record's batch and is connected now, with batches given
            // by id watched too, was connected since (maybe by one of them, whose summary counts
            // it without naming it): counted where it was connected, not twice.
            let before = rows.count
            rows.removeAll { $0.outcome == "failed" && connectedNow.contains($0.email.lowercased()) }
            connectedSince += before - rows.count
        }
        if !handFailures.isEmpty {
            // A failure superseded later (failed again in a later batch, or connected since: a
            // re-import after a fix) is not the mailbox's latest outcome.
            let fates = BatchWatcher.supersededFailures(handFailures.map(\.email), connectedNow: connectedNow)
            for (failure, fate) in zip(handFailures, fates) {
                switch fate {
                case .latest:
                    handRows.append(failure)
                case .failedAgainLater:
                    handFailed -= 1
                    handTotal -= 1
                case .connectedSince:
                    // Counted where it was connected: in a later batch watched, or not here.
                    handFailed -= 1
                    handTotal -= 1
                    connectedSince += 1
                }
            }
        }
        let failedRows = rows.filter { $0.outcome == "failed" }
        for row in failedRows.prefix(3) { sample.append("\(row.email): \(row.error.isEmpty ? "failed" : row.error)") }
        for row in handRows where row.outcome == "failed" && sample.count < 3 {
            sample.append("\(row.email): \(row.error.isEmpty ? "failed" : row.error)")
        }
        let total = rows.count + handTotal
        let failedTotal = failedRows.count + handFailed
        func count(_ outcome: String) -> Int { rows.filter { $0.outcome == outcome }.count }
        let connected = count("connected") + handConnected
        let conditional = count("conditionally_connected") + handConditional
        let already = count("already_connected")
        let countsLine = BatchWatcher.countsLine(
            total: total, connected: connected, conditional: conditional, already: already, failed: failedTotal,
            connectedSince: connectedSince)
        rows += handRows
        rows += BatchWatcher.skippedRows(skipped)
        // A conditionally connected mailbox's reason is on the mailbox, not in the summary: read
        // once (GET mailboxes), the SMTP entry's and its IMAP twin's errors, as mailbox list shows them.
        if rows.contains(where: { $0.outcome == "conditionally_connected" && $0.error.isEmpty }),
            let mailboxes = try? await session.connection.send(Woodpecker.ListMailboxes(), at: range)
        {
            var reasons: [String: String] = [:]
            for case .record(let folded) in MailboxRows.folded(mailboxes) {
                if case .string(let email)? = folded["email"], case .string(let error)? = folded["error"] {
                    reasons[email.lowercased()] = error
                }
            }
            for index in rows.indices
            where rows[index].outcome == "conditionally_connected" && rows[index].error.isEmpty {
                rows[index].error = reasons[rows[index].email.lowercased()] ?? ""
            }
        }
        let value = Value.list(
            try numbers.compactMap { id in try latest[id].map { try Self.summaryValue(id, $0) } })
        return BatchWatcher.Outcome(
            value: value, reportRows: rows, total: total, failed: failedTotal,
            failureSample: sample.isEmpty
                ? "" : " (" + sample.joined(separator: "; ") + (failedTotal > sample.count ? "; …" : "") + ")",
            countsLine: countsLine)
    }
}
