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
        for item in items {
            guard case .record(let record) = item else {
                let id = item.text
                if !id.isEmpty, !ids.contains(id) { ids.append(id) }
                continue
            }
            let origin = record["lines"].flatMap { RowPlaceSet(parsing: Substring($0.text)) }.map {
                Origin(source: record["source"]?.text ?? "", places: $0, emails: record["emails"]?.items.map(\.text))
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

    /// The mailboxes of origins, each once: emails the records carry, or read again from the
    /// source files (streaming, once per file).
    static func mailboxes<Target: ImportTarget>(of origins: [Origin], target: Target) -> [[Mailbox]] {
        var wanted: [String: RowPlaceSet] = [:]
        for origin in origins where origin.emails == nil {
            wanted[origin.source, default: RowPlaceSet()].formUnion(origin.places)
        }
        var found: [String: [RowPlace: String]] = [:]
        for (path, places) in wanted { found[path] = Self.emails(in: path, at: places, target: target) }
        var seen: Set<String> = []
        return origins.map { origin in
            let places = origin.places.places
            let emails = origin.emails ?? places.map { found[origin.source]?[$0] ?? "" }
            return zip(places, emails).map { Mailbox(place: $0, email: $1) }
                .filter { seen.insert("\(origin.source)\u{0}\($0.place)\u{0}\($0.email)").inserted }
        }
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

        var rows: [ImportReport.Row] = []
        let batchOrigins = numbers.map { origins[String($0)] ?? [] }
        let mailboxes = Self.mailboxes(of: batchOrigins.flatMap { $0 } + existing, target: ManualMailboxTarget())
        var next = 0
        func take(_ count: Int) -> ArraySlice<[Mailbox]> {
            defer { next += count }
            return mailboxes[next..<(next + count)]
        }
        var failedTotal = 0
        var total = 0
        var sample: [String] = []
        for (index, id) in numbers.enumerated() {
            guard let summary = latest[id] else {
                _ = take(batchOrigins[index].count)
                continue
            }
            total += summary.batch_size
            let failed = Dictionary(
                summary.failed_mailboxes.map { ($0.smtp_email.lowercased(), $0.error_message ?? "") },
                uniquingKeysWith: { a, _ in a })
            let conditional = Set(summary.conditionally_connected_mailboxes.map { $0.smtp_email.lowercased() })
            failedTotal += summary.failedCount
            for failure in summary.failed_mailboxes.prefix(max(0, 3 - sample.count)) {
                sample.append("\(failure.smtp_email): \(failure.error_message ?? "failed")")
            }
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
                    }
                }
            } else {
                for item in summary.failed_mailboxes {
                    rows.append(
                        .init(
                            source: "", place: nil, email: item.smtp_email, batch: String(id), outcome: "failed",
                            error: item.error_message ?? ""))
                }
                for item in summary.conditionally_connected_mailboxes {
                    rows.append(
                        .init(
                            source: "", place: nil, email: item.smtp_email, batch: String(id),
                            outcome: "conditionally_connected", error: ""))
                }
            }
        }
        for (origin, boxes) in zip(existing, take(existing.count)) {
            for box in boxes {
                total += 1
                rows.append(
                    .init(
                        source: origin.source, place: box.place, email: box.email, batch: "",
                        outcome: "already_connected", error: ""))
            }
        }
        rows += Self.skippedRows(skipped)
        let value = Value.list(
            try numbers.compactMap { id in try latest[id].map { try MailboxCommands.summaryValue(id, $0) } })
        return Outcome(
            value: value, reportRows: rows, total: total, failed: failedTotal,
            failureSample: sample.isEmpty
                ? "" : " (" + sample.joined(separator: "; ") + (failedTotal > sample.count ? "; …" : "") + ")")
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
        var rows: [ImportReport.Row] = []
        var failed = 0
        var total = 0
        var sample: [String] = []
        for id in ids {
            guard let status = latest[id] else { continue }
            total += status.payload.total
            failed += status.payload.failed
            var origin: [String: (source: String, box: Mailbox)] = [:]  // email → where it came from
            let list = origins[id] ?? []
            for (from, boxes) in zip(list, Self.mailboxes(of: list, target: SaleshandyAccountTarget())) {
                for box in boxes where origin[box.email.lowercased()] == nil {
                    origin[box.email.lowercased()] = (from.source, box)
                }
            }
            for account in status.payload.accounts ?? [] {
                let failedAccount = account.status != "connected"
                if failedAccount, sample.count < 3 {
                    sample.append("\(account.email): \(account.error ?? account.status)")
                }
                let from = origin[account.email.lowercased()]
                rows.append(
                    .init(
                        source: from?.source ?? list.first?.source ?? "", place: from?.box.place, email: account.email,
                        batch: id, outcome: failedAccount ? "failed" : "connected", error: account.error ?? ""))
            }
        }
        rows += Self.skippedRows(skipped)
        let value = Value.list(
            try ids.compactMap { id in try latest[id].map { try SaleshandyCommands.status(id, $0) } })
        return Outcome(
            value: value, reportRows: rows, total: total, failed: failed,
            failureSample: sample.isEmpty ? "" : " (" + sample.joined(separator: "; ") + ")")
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
