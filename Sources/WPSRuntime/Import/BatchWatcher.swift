import Foundation
import OutreachAPI
import WPSLanguage

/// `batch watch`: polls any number of batches (Woodpecker batch ids or Saleshandy request ids)
/// with backoff and one aggregated progress line until all have finished, then builds the
/// summaries and, from the import records, one report row per mailbox.
struct BatchWatcher {
    /// What watching came to.
    struct Outcome {
        var value: Value
        var reportRows: [ImportReport.Row]
        var total: Int
        var failed: Int
        /// A few failed mailboxes with their reasons, for the error message.
        var failureSample: String
        /// How the mailboxes came out, for the last line on stderr (`300 of 300 mailboxes
        /// connected`); empty when there is nothing to count.
        var countsLine = ""
    }

    /// Where a batch's rows came from (an import record).
    struct Origin {
        var source: String
        /// The rows' places (the record's `lines`).
        var places: RowPlaceSet
        /// Each row's email in source order, for sources that cannot be read again.
        var emails: [String]?
        /// Why each row was skipped (`--skip-invalid`), in source order.
        var reasons: [String]? = nil
        /// The position of its record among those watched: a later record's outcome of a mailbox
        /// is that mailbox's latest (a re-import after a failure).
        var order = 0
        /// By place (`12`), the settings of an already connected mailbox that were not applied.
        var notApplied: [String: String] = [:]
    }

    /// One mailbox of an import record: where it is, and its email.
    struct Mailbox {
        var place: RowPlace
        var email: String
    }

    let session: Session
    let progress: ProgressLine
    let interval: Duration
    let range: SourceRange

    /// Batch id → origins, from import records; ids given alone have none. A batch may come in
    /// several records (a re-import or a resume finds rows in batches sent before, each record
    /// with its own rows), so every record's rows count. Records without an id (already
    /// connected, dry run) are returned apart.
    static func parse(
        _ items: [Value], idKey: String
    ) -> (ids: [String], origins: [String: [Origin]], existing: [Origin], dryRun: Int, skipped: [Origin]) {
        var ids: [String] = []
        var origins: [String: [Origin]] = [:]
        var existing: [Origin] = []
        var dryRun = 0
        var skipped: [Origin] = []
        for (order, item) in items.enumerated() {
            guard case .record(let record) = item else {
                let id = item.text
                if !id.isEmpty, !ids.contains(id) { ids.append(id) }
                continue
            }
            let origin = record["lines"].flatMap { RowPlaceSet(parsing: Substring($0.text)) }.map {
                var origin = Origin(
                    source: record["source"]?.text ?? "", places: $0, emails: record["emails"]?.items.map(\.text),
                    order: order)
                for case .record(let entry) in record["not_applied"]?.items ?? [] {
                    guard let line = entry["line"]?.text else { continue }
                    origin.notApplied[line] = (entry["fields"]?.items ?? []).map(\.text).joined(separator: ", ")
                }
                return origin
            }
            guard let id = record[idKey], id != .null else {
                if record["dry_run"] == .bool(true) {
                    dryRun += 1
                } else if var origin, record["status"]?.text == "skipped" {
                    origin.reasons = record["reasons"]?.items.map(\.text)
                    skipped.append(origin)
                } else if let origin {
                    existing.append(origin)
                }
                continue
            }
            if !ids.contains(id.text) { ids.append(id.text) }
            if let origin { origins[id.text, default: []].append(origin) }
        }
        return (ids, origins, existing, dryRun, skipped)
    }

    /// The mailboxes of origins: emails the records carry, or read again from the source files
    /// (streaming, once per file). A mailbox in several records is in each (``latestOutcomes(_:)``
    /// keeps its latest outcome).
    static func mailboxes<Target: ImportTarget>(of origins: [Origin], target: Target) -> [[Mailbox]] {
        var wanted: [String: RowPlaceSet] = [:]
        for origin in origins where origin.emails == nil {
            wanted[origin.source, default: RowPlaceSet()].formUnion(origin.places)
        }
        var found: [String: [RowPlace: String]] = [:]
        for (path, places) in wanted { found[path] = Self.emails(in: path, at: places, target: target) }
        return origins.map { origin in
            let places = origin.places.places
            let emails = origin.emails ?? places.map { found[origin.source]?[$0] ?? "" }
            return zip(places, emails).map { Mailbox(place: $0, email: $1) }
        }
    }

    /// One report row per mailbox, its latest outcome: of the rows for one mailbox (its email,
    /// any case; a row without one by its source and place), the one of the latest record, so a
    /// mailbox that failed and was connected by a re-import counts once, connected. `orders`
    /// holds each row's record position. The rows keep their order.
    static func latestOutcomes(_ rows: [ImportReport.Row], orders: [Int]) -> [ImportReport.Row] {
        func key(_ row: ImportReport.Row) -> String {
            row.email.isEmpty
                ? "\(row.source)\u{0}\(row.place.map(String.init(describing:)) ?? "")" : row.email.lowercased()
        }
        var latest: [String: Int] = [:]  // key → index of its latest row
        for (index, row) in rows.enumerated() {
            let name = key(row)
            if let known = latest[name], orders[known] > orders[index] { continue }
            latest[name] = index
        }
        return rows.indices.filter { latest[key(rows[$0])] == $0 }.map { rows[$0] }
    }

    func watchWoodpecker(_ items: [Value]) async throws -> Outcome {
        let (ids, origins, existing, dryRun, skipped) = Self.parse(items, idKey: "batch_id")
        let numbers = try ids.map { try MailboxCommands.woodpeckerBatchID(.string($0), range: range) }
        if numbers.isEmpty, dryRun > 0 {
            session.settings.progress("dry run: \(dryRun) batches were not sent, so there is nothing to watch")
        }
        var latest: [Int: BatchSummary] = [:]
        var delay = interval
        let client = session.connection.client
        while latest.count < numbers.count || latest.values.contains(where: { !$0.processing_finished }) {
            try Task.checkCancellation()
            let open = numbers.filter { latest[$0]?.processing_finished != true }
            let before = latest
            try await withThrowingTaskGroup(of: (Int, BatchSummary).self) { group in
                for id in open {
                    group.addTask { (id, try await client.send(Woodpecker.GetBatchSummary(batchID: id))) }
                }
                for try await (id, summary) in group { latest[id] = summary }
            }
            let summaries = Array(latest.values)
            let size = summaries.reduce(0) { $0 + $1.batch_size }
            let pending = summaries.reduce(0) { $0 + $1.pending_mailboxes_count }
            let finished = summaries.filter(\.processing_finished).count
            progress.update(
                "batches \(finished)/\(numbers.count) finished · \(summaries.reduce(0) { $0 + $1.connected_mailboxes_count }) connected · "
                    + "\(summaries.reduce(0) { $0 + $1.conditionally_connected_mailboxes_count }) conditionally · "
                    + "\(summaries.reduce(0) { $0 + $1.failedCount }) failed · \(pending) pending",
                done: size - pending, total: size)
            guard finished < numbers.count else { break }
            try await Task.sleep(for: delay)
            if latest == before { delay = min(delay * 3 / 2, .seconds(5)) }
        }
        progress.finish()

        // Rows of import records (per mailbox, their latest outcome) and, for batches given by
        // id alone, the summaries' counts.
        var rows: [ImportReport.Row] = []
        var orders: [Int] = []
        var handRows: [ImportReport.Row] = []
        let batchOrigins = numbers.map { origins[String($0)] ?? [] }
        let mailboxes = Self.mailboxes(of: batchOrigins.flatMap { $0 } + existing, target: ManualMailboxTarget())
        var next = 0
        func take(_ count: Int) -> ArraySlice<[Mailbox]> {
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
        rows = Self.latestOutcomes(rows, orders: orders)
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
            let fates = Self.supersededFailures(handFailures.map(\.email), connectedNow: connectedNow)
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
        let countsLine = Self.countsLine(
            total: total, connected: connected, conditional: conditional, already: already, failed: failedTotal,
            connectedSince: connectedSince)
        rows += handRows
        rows += Self.skippedRows(skipped)
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
            try numbers.compactMap { id in try latest[id].map { try MailboxCommands.summaryValue(id, $0) } })
        return Outcome(
            value: value, reportRows: rows, total: total, failed: failedTotal,
            failureSample: sample.isEmpty
                ? "" : " (" + sample.joined(separator: "; ") + (failedTotal > sample.count ? "; …" : "") + ")",
            countsLine: countsLine)
    }

    func watchSaleshandy(_ items: [Value]) async throws -> Outcome {
        let (ids, origins, _, dryRun, skipped) = Self.parse(
            items.map { item in
                if case .record = item { return item }
                return .record(["request_id": .string(item.text)])
            }, idKey: "request_id")
        if ids.isEmpty, dryRun > 0 {
            session.settings.progress("dry run: \(dryRun) requests were not sent, so there is nothing to watch")
        }
        var latest: [String: SaleshandyConnectStatus] = [:]
        var delay = interval
        let client = session.connection.client
        while latest.count < ids.count || latest.values.contains(where: { !$0.payload.isCompleted }) {
            try Task.checkCancellation()
            let open = ids.filter { latest[$0]?.payload.isCompleted != true }
            let before = latest
            try await withThrowingTaskGroup(of: (String, SaleshandyConnectStatus).self) { group in
                for id in open {
                    group.addTask { (id, try await client.send(Saleshandy.GetConnectStatus(requestID: id))) }
                }
                for try await (id, status) in group { latest[id] = status }
            }
            let payloads = latest.values.map(\.payload)
            let totalCount = payloads.reduce(0) { $0 + $1.total }
            let processed = payloads.reduce(0) { $0 + $1.processed }
            let finished = payloads.filter(\.isCompleted).count
            progress.update(
                "requests \(finished)/\(ids.count) completed · \(payloads.reduce(0) { $0 + $1.connected }) connected · \(payloads.reduce(0) { $0 + $1.failed }) failed · \(totalCount - processed) pending",
                done: processed, total: totalCount)
            guard finished < ids.count else { break }
            try await Task.sleep(for: delay)
            if latest == before { delay = min(delay * 3 / 2, .seconds(5)) }
        }
        progress.finish()
        // One row per account of each request, each placed by the import record it came from;
        // per mailbox, the latest record's (a re-import after a failure) counts.
        var rows: [ImportReport.Row] = []
        var orders: [Int] = []
        var handTotal = 0
        var handFailed = 0
        var givenAt: [String: Int] = [:]
        for (index, item) in items.enumerated() where givenAt[item.text] == nil {
            if case .record = item { continue }
            givenAt[item.text] = index
        }
        for (position, id) in ids.enumerated() {
            guard let status = latest[id] else { continue }
            let list = origins[id] ?? []
            guard let accounts = status.payload.accounts else {
                // A status without its accounts: counted from its totals.
                handTotal += status.payload.total
                handFailed += status.payload.failed
                continue
            }
            var origin: [String: (from: Origin, box: Mailbox)] = [:]  // email → where it came from
            for (from, boxes) in zip(list, Self.mailboxes(of: list, target: SaleshandyAccountTarget())) {
                for box in boxes where origin[box.email.lowercased()] == nil {
                    origin[box.email.lowercased()] = (from, box)
                }
            }
            // An id given alone is as late as its place among the items.
            let order = list.map(\.order).max() ?? givenAt[id] ?? position
            for account in accounts {
                let from = origin[account.email.lowercased()]
                rows.append(
                    .init(
                        source: from?.from.source ?? list.first?.source ?? "", place: from?.box.place,
                        email: account.email, batch: id,
                        outcome: account.status != "connected" ? "failed" : "connected", error: account.error ?? ""))
                orders.append(from?.from.order ?? order)
            }
        }
        rows = Self.latestOutcomes(rows, orders: orders)
        let failedRows = rows.filter { $0.outcome == "failed" }
        let sample = failedRows.prefix(3).map { "\($0.email): \($0.error.isEmpty ? "failed" : $0.error)" }
        let total = rows.count + handTotal
        let failed = failedRows.count + handFailed
        let countsLine = Self.countsLine(total: total, connected: total - failed, failed: failed)
        rows += Self.skippedRows(skipped)
        let value = Value.list(
            try ids.compactMap { id in try latest[id].map { try SaleshandyCommands.status(id, $0) } })
        return Outcome(
            value: value, reportRows: rows, total: total, failed: failed,
            failureSample: sample.isEmpty
                ? "" : " (" + sample.joined(separator: "; ") + (failed > sample.count ? "; …" : "") + ")",
            countsLine: countsLine)
    }

    /// How the mailboxes came out, the last line on stderr: `300 of 300 mailboxes connected
    /// (3 earlier failures connected since)`, with `(… conditionally, … already connected, …
    /// failed)` where there are any; empty when there is nothing to count.
    static func countsLine(
        total: Int, connected: Int, conditional: Int = 0, already: Int = 0, failed: Int, connectedSince: Int = 0
    ) -> String {
        guard total > 0 else { return "" }
        let more = [
            conditional > 0 ? "\(conditional) conditionally" : nil,
            connectedSince > 0
                ? "\(connectedSince) earlier failure\(connectedSince == 1 ? "" : "s") connected since" : nil,
            already > 0 ? "\(already) already connected" : nil,
            failed > 0 ? "\(failed) failed" : nil,
        ].compactMap { $0 }
        return "\(connected + conditional + already) of \(total) mailbox\(total == 1 ? "" : "es") connected"
            + (more.isEmpty ? "" : " (" + more.joined(separator: ", ") + ")")
    }

    /// What became of a failed mailbox of a batch given by id alone.
    enum FailureFate: Equatable {
        /// Its latest outcome: it counts as failed.
        case latest
        /// It failed again in a later batch, which counts it.
        case failedAgainLater
        /// It is connected now (a re-import after a fix): not a failure, and counted where it was
        /// connected (a later batch watched counts it; a summary does not say which mailboxes it
        /// connected, so one not watched leaves it out).
        case connectedSince
    }

    /// The fate of each failure (its email, in the order of the batches watched): the latest
    /// failure of a mailbox counts unless the mailbox is connected now (a summary lists failed
    /// mailboxes but not connected ones, so `GET mailboxes` tells).
    static func supersededFailures(_ emails: [String], connectedNow: Set<String>) -> [FailureFate] {
        var last: [String: Int] = [:]
        for (index, email) in emails.enumerated() { last[email.lowercased()] = index }
        return emails.enumerated().map { index, email in
            guard last[email.lowercased()] == index else { return .failedAgainLater }
            return connectedNow.contains(email.lowercased()) ? .connectedSince : .latest
        }
    }

    /// Report rows for the rows `--skip-invalid` left out: outcome `skipped`, the reason as the error.
    static func skippedRows(_ origins: [Origin]) -> [ImportReport.Row] {
        origins.flatMap { origin in
            origin.places.places.enumerated().map { index, place in
                let email = origin.emails.flatMap { index < $0.count ? $0[index] : nil } ?? ""
                let reason = origin.reasons.flatMap { index < $0.count ? $0[index] : nil } ?? ""
                return ImportReport.Row(
                    source: origin.source, place: place, email: email, batch: "", outcome: "skipped", error: reason)
            }
        }
    }

    /// Place → email for the rows of an import file at `places` (read again, streaming).
    static func emails<Target: ImportTarget>(
        in path: String, at places: RowPlaceSet, target: Target
    ) -> [RowPlace: String] {
        guard let source = try? ImportSource.file(path), var reader = try? source.rows(known: target.knownColumns)
        else { return [:] }
        var result: [RowPlace: String] = [:]
        while let row = try? reader.next() {
            guard places.contains(row.place) else { continue }
            result[row.place] = target.email(of: target.item(from: row, checking: false).item) ?? ""
        }
        return result
    }
}
