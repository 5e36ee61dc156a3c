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
        var lines: LineSet
        var emails: [String]?
    }

    let session: Session
    let progress: ProgressLine
    let interval: Duration
    let range: SourceRange

    /// Batch id → origin, from import records; ids given alone have none. Records without an id
    /// (already connected, dry run) are returned apart.
    static func parse(_ items: [Value], idKey: String) -> (ids: [String], origins: [String: Origin], existing: [Origin], dryRun: Int) {
        var ids: [String] = [], origins: [String: Origin] = [:], existing: [Origin] = [], dryRun = 0
        for item in items {
            guard case .record(let record) = item else {
                let id = item.text
                if !id.isEmpty, !ids.contains(id) { ids.append(id) }
                continue
            }
            let origin = record["lines"].flatMap { LineSet(parsing: Substring($0.text)) }.map {
                Origin(source: record["source"]?.text ?? "", lines: $0, emails: record["emails"]?.items.map(\.text))
            }
            guard let id = record[idKey], id != .null else {
                if record["dry_run"] == .bool(true) { dryRun += 1 } else if let origin { existing.append(origin) }
                continue
            }
            if !ids.contains(id.text) { ids.append(id.text) }
            if let origin { origins[id.text] = origin }
        }
        return (ids, origins, existing, dryRun)
    }

    func watchWoodpecker(_ items: [Value]) async throws -> Outcome {
        let (ids, origins, existing, dryRun) = Self.parse(items, idKey: "batch_id")
        let numbers = try ids.map { try CommandArguments.int(.string($0), what: "a batch ID", range: range) }
        if numbers.isEmpty, dryRun > 0 { session.progress("dry run: \(dryRun) batches were not sent, so there is nothing to watch") }
        var latest: [Int: BatchSummary] = [:]
        var delay = interval
        let client = session.client
        while latest.count < numbers.count || latest.values.contains(where: { !$0.processing_finished }) {
            try Task.checkCancellation()
            let open = numbers.filter { latest[$0]?.processing_finished != true }
            let before = latest
            try await withThrowingTaskGroup(of: (Int, BatchSummary).self) { group in
                for id in open { group.addTask { (id, try await client.send(Woodpecker.GetBatchSummary(batchID: id))) } }
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
        var lookups: [String: [Int: String]] = [:]  // source path → line → email, for the lines watched
        var wanted: [String: LineSet] = [:]
        for origin in Array(origins.values) + existing where origin.emails == nil { wanted[origin.source, default: LineSet()].formUnion(origin.lines) }
        for (path, lines) in wanted { lookups[path] = Self.emails(in: path, lines: lines) }
        func emails(of origin: Origin) -> [(Int, String)] {
            let lines = origin.lines.ranges.flatMap { Array($0) }
            if let list = origin.emails { return Array(zip(lines, list)) }
            return lines.map { ($0, lookups[origin.source]?[$0] ?? "") }
        }
        var failedTotal = 0, total = 0, sample: [String] = []
        for id in numbers {
            guard let summary = latest[id] else { continue }
            total += summary.batch_size
            let failed = Dictionary(summary.failed_mailboxes.map { ($0.smtp_email.lowercased(), $0.error_message ?? "") }, uniquingKeysWith: { a, _ in a })
            let conditional = Set(summary.conditionally_connected_mailboxes.map { $0.smtp_email.lowercased() })
            failedTotal += summary.failedCount
            for failure in summary.failed_mailboxes.prefix(max(0, 3 - sample.count)) { sample.append("\(failure.smtp_email): \(failure.error_message ?? "failed")") }
            if let origin = origins[String(id)] {
                for (line, email) in emails(of: origin) {
                    let key = email.lowercased()
                    let outcome = failed[key] != nil ? "failed" : conditional.contains(key) ? "conditionally_connected" : "connected"
                    rows.append(.init(source: origin.source, line: line, email: email, batch: String(id), outcome: outcome, error: failed[key] ?? ""))
                }
            } else {
                for item in summary.failed_mailboxes {
                    rows.append(.init(source: "", line: nil, email: item.smtp_email, batch: String(id), outcome: "failed", error: item.error_message ?? ""))
                }
                for item in summary.conditionally_connected_mailboxes {
                    rows.append(.init(source: "", line: nil, email: item.smtp_email, batch: String(id), outcome: "conditionally_connected", error: ""))
                }
            }
        }
        for origin in existing {
            for (line, email) in emails(of: origin) {
                total += 1
                rows.append(.init(source: origin.source, line: line, email: email, batch: "", outcome: "already_connected", error: ""))
            }
        }
        let value = Value.list(try numbers.compactMap { id in try latest[id].map { try MailboxCommands.summaryValue(id, $0) } })
        return Outcome(value: value, reportRows: rows, total: total, failed: failedTotal, failureSample: sample.isEmpty ? "" : " (" + sample.joined(separator: "; ") + (failedTotal > sample.count ? "; …" : "") + ")")
    }

    func watchSaleshandy(_ items: [Value]) async throws -> Outcome {
        let (ids, origins, _, dryRun) = Self.parse(items.map { item in
            if case .record = item { return item }
            return .record(["request_id": .string(item.text)])
        }, idKey: "request_id")
        if ids.isEmpty, dryRun > 0 { session.progress("dry run: \(dryRun) requests were not sent, so there is nothing to watch") }
        var latest: [String: SaleshandyConnectStatus] = [:]
        var delay = interval
        let client = session.client
        while latest.count < ids.count || latest.values.contains(where: { !$0.payload.isCompleted }) {
            try Task.checkCancellation()
            let open = ids.filter { latest[$0]?.payload.isCompleted != true }
            let before = latest
            try await withThrowingTaskGroup(of: (String, SaleshandyConnectStatus).self) { group in
                for id in open { group.addTask { (id, try await client.send(Saleshandy.GetConnectStatus(requestID: id))) } }
                for try await (id, status) in group { latest[id] = status }
            }
            let payloads = latest.values.map(\.payload)
            let totalCount = payloads.reduce(0) { $0 + $1.total }, processed = payloads.reduce(0) { $0 + $1.processed }
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
        var failed = 0, total = 0, sample: [String] = []
        for id in ids {
            guard let status = latest[id] else { continue }
            total += status.payload.total
            failed += status.payload.failed
            var lineOf: [String: Int] = [:]
            var sourceName = ""
            if let origin = origins[id] {
                sourceName = origin.source
                let lines = origin.lines.ranges.flatMap { Array($0) }
                let list = origin.emails ?? {
                    let found = Self.emails(in: origin.source, lines: origin.lines, target: SaleshandyAccountTarget())
                    return lines.map { found[$0] ?? "" }
                }()
                for (line, email) in zip(lines, list) { lineOf[email.lowercased()] = line }
            }
            for account in status.payload.accounts ?? [] {
                let failedAccount = account.status != "connected"
                if failedAccount, sample.count < 3 { sample.append("\(account.email): \(account.error ?? account.status)") }
                rows.append(.init(
                    source: sourceName, line: lineOf[account.email.lowercased()], email: account.email, batch: id,
                    outcome: failedAccount ? "failed" : "connected", error: account.error ?? ""))
            }
        }
        let value = Value.list(try ids.compactMap { id in try latest[id].map { try SaleshandyCommands.status(id, $0) } })
        return Outcome(value: value, reportRows: rows, total: total, failed: failed, failureSample: sample.isEmpty ? "" : " (" + sample.joined(separator: "; ") + ")")
    }

    /// Line → email for the given lines of an import file (read again, streaming).
    static func emails<Target: ImportTarget>(in path: String, lines: LineSet, target: Target = ManualMailboxTarget()) -> [Int: String] {
        guard let source = try? ImportSource.file(path), var reader = try? source.rows() else { return [:] }
        var result: [Int: String] = [:]
        while let row = try? reader.next() {
            guard lines.contains(row.line) else { continue }
            result[row.line] = target.email(of: target.item(from: row, checking: false).item) ?? ""
        }
        return result
    }
}
