import Foundation
import OutreachAPI
import WPSLanguage

/// `batch watch`: polls any number of connect requests (batch ids, request ids) with backoff and
/// one aggregated progress line until all have finished or the deadline passes, then — by the
/// provider's ``MailboxConnection/watch(_:with:)`` — builds the summaries and, from the import
/// records, one report row per mailbox.
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
    /// How long to wait for every request to finish before giving up (exit 1).
    var timeout: Duration = .seconds(3600)

    /// Polls each id with `fetch` until `finished` holds for every one, with backoff from
    /// ``interval`` up to 5 s while nothing changes, showing `line` of the statuses after each
    /// round; past ``timeout`` it stops with the ids still open named. The one polling loop of
    /// every provider.
    func poll<ID: Hashable & Sendable, Status: Equatable & Sendable>(
        _ ids: [ID], what: String, fetch: @escaping @Sendable (ID) async throws -> Status,
        finished: (Status) -> Bool, line: ([Status]) -> (text: String, done: Int, total: Int)
    ) async throws -> [ID: Status] {
        var latest: [ID: Status] = [:]
        var delay = interval
        let clock = ContinuousClock()
        let deadline = clock.now.advanced(by: timeout)
        while latest.count < ids.count || latest.values.contains(where: { !finished($0) }) {
            try Task.checkCancellation()
            let open = ids.filter { latest[$0].map(finished) != true }
            let before = latest
            try await withThrowingTaskGroup(of: (ID, Status).self) { group in
                for id in open { group.addTask { (id, try await fetch(id)) } }
                for try await (id, status) in group { latest[id] = status }
            }
            let shown = line(Array(latest.values))
            progress.update(shown.text, done: shown.done, total: shown.total)
            guard latest.values.filter(finished).count < ids.count else { break }
            guard clock.now.advanced(by: delay) < deadline else {
                progress.finish()
                let waiting = ids.filter { latest[$0].map(finished) != true }.map { "\($0)" }
                throw RuntimeError(
                    "batch watch: gave up after \(ClockDuration.text(timeout)) (--timeout) with \(waiting.count) \(what) still processing: "
                        + waiting.prefix(5).joined(separator: ", ") + (waiting.count > 5 ? ", …" : "")
                        + "; batch summary ID shows one later, batch watch ID waits again",
                    at: range, exitCode: 1)
            }
            try await Task.sleep(for: delay)
            if latest == before { delay = min(delay * 3 / 2, .seconds(5)) }
        }
        progress.finish()
        return latest
    }

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
