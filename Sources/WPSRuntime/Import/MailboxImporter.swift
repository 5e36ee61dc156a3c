import Foundation
import OutreachAPI
import WPSLanguage

/// What one request of an import came to.
enum SubmitResult: Sendable {
    /// Accepted under this batch (or request) id.
    case accepted(String)
    /// Refused because some items are already there: item index → the conflict (the batch it is
    /// in, and whether it is connected or still pending). The rest were not submitted.
    /// `notApplied`: for items already connected, by index, the settings of theirs the API did not
    /// apply or does not show (the API keeps a connected mailbox's settings).
    case conflicts([Int: Conflict], notApplied: [Int: UnappliedSettings] = [:])
    /// Answered item by item (the prospect endpoints): one outcome per item, in order.
    case outcomes([RowOutcome])
}

/// What the API did with one row of an import answered item by item.
struct RowOutcome: Sendable, Hashable {
    /// `added`, `updated`, `duplicate` or `rejected`.
    var kind: String
    /// The API's code (`E_INV_STATUS`), when it gave one.
    var code: String?
    /// The API's message, when it gave one.
    var message: String?
}

/// One mailbox a 409 names: the batch it is in (nil when the API does not say, or it was
/// connected some other way), and whether it is connected (`is already connected`) rather than
/// pending in that batch (`is already pending in batch 12`).
struct Conflict: Sendable, Hashable {
    var batch: String?
    var isConnected: Bool
}

/// Sends one request of items: the provider's endpoint behind ``ImportTarget``.
typealias ImportSubmitter<Item: Sendable> = @Sendable ([Item]) async throws -> SubmitResult

/// Runs `mailbox import`: checks every row first (streaming), then sends the rows in batches
/// with bounded concurrency, recording each batch in a journal so a second run sends only what
/// was never accepted, and reconciling any batch whose answer was lost before resending it.
///
/// Rows are counted, journaled and settled by their number in the source (from 1), never by
/// their line: a JSON array on one line holds many rows on one line. Messages name rows by
/// their place (``RowPlace``).
struct MailboxImporter<Target: ImportTarget> {
    struct Options {
        var batchSize: Int
        var parallel: Int
        var skipInvalid = false
        /// Send rows a previous run sent without learning the outcome (targets that cannot reconcile).
        var resendUnsettled = false
        var journalPath: String?
        var journalHeader = ""
        var dryRun = false
        /// Describes one request for `--dry-run` (the first is shown in full).
        var describe: (([Target.Item]) -> String)?
        /// Where `--dry-run` shows requests.
        var show: (String) -> Void = { print($0) }
        /// Whether a lost answer can be reconciled by resending (the API answers 409 naming the batch).
        var reconcilesByResending = true
        /// The most problems listed in the message (20 on a terminal); the rest are counted.
        var problemListLimit = MailboxImporter.problemListLimit
        /// `--report FILE.csv`: every problem, one row each (`source,line,field,message`).
        var problemReport: String?
        /// Write `--report` as the per-row report (`line,email,outcome,code,message`, outcome
        /// `invalid`) rather than as the problem list.
        var reportsRows = false
        /// What became of the rows when one is invalid, for the message: `mailbox verify` checks,
        /// it does not send.
        var invalidRowsOutcome = "nothing was sent (--skip-invalid sends the valid rows)"
        /// `--verify`: given the rows about to be sent (not those a journal has settled), answers
        /// the ones that failed, by number, with their email and why. Those are not sent.
        var verify: (([RowToVerify]) async throws -> [Int: (email: String, reason: String)])?
    }

    /// One row `--verify` checks: its number, where it is, and what would be sent.
    struct RowToVerify {
        var row: Int
        var place: String
        var item: Target.Item
    }

    /// One problem of the check, for `--report`: where, the field (empty for the row as a
    /// whole), and what is wrong. Never a password: messages name fields, not their secrets.
    struct Problem {
        var place: String
        var field: String
        var message: String
        /// The row's email, when it has one.
        var email = ""
    }

    /// What the check of every row found.
    struct CheckResult {
        var rows = 0
        /// The invalid rows, by number.
        var invalid = LineSet()
        var problems: [String] = []
        var problemCount = 0
        /// Every problem, kept only when `--report` asks for them.
        var all: [Problem] = []
        /// With `--skip-invalid`, each invalid row (by number): its email and why it is skipped.
        var skipped: [Int: (email: String, reason: String)] = [:]
        /// Where each row is.
        var places = RowPlaces()
        /// Secrets written unquoted with spaces around them (sent as written), by place.
        var warnings: [String] = []
        var warningCount = 0
        /// For each entry of ``problems``, the field problem it repeats (`imap_server: must be
        /// provided`), or nil; and how many rows had each, with the first row's place.
        var problemKeys: [String?] = []
        var repeats: [String: (count: Int, first: String)] = [:]

        /// A field problem that most rows share (a column the header lacks, or one left empty) is
        /// one problem naming the field, not one per row: "1211 problems in 300 of 300 rows"
        /// becomes a few lines a person reads.
        mutating func collapseRepeats(source: String) {
            let threshold = max(3, (rows + 1) / 2)
            let common = repeats.filter { $0.value.count >= threshold }
            guard !common.isEmpty else { return }
            var kept: [String] = []
            var keys: [String?] = []
            for (text, key) in zip(problems, problemKeys) where key.map({ common[$0] == nil }) ?? true {
                kept.append(text)
                keys.append(key)
            }
            let summaries = common.sorted { ($0.value.count, $0.key) > ($1.value.count, $1.key) }.map { key, seen in
                seen.count == rows
                    ? "\(source): \(key), in all \(rows) rows: the header has no column for it, or its column is empty"
                    : "\(source): \(key), in \(seen.count) of \(rows) rows (the first on line \(seen.first))"
            }
            // After what the header itself says (its unknown columns), which is often the cause.
            let header = kept.prefix { $0.hasPrefix("\(source):1: ") }.count
            problems = Array(kept[..<header]) + summaries + Array(kept[header...])
            problemKeys =
                Array(keys[..<header]) + Array(repeating: nil, count: summaries.count) + Array(keys[header...])
            problemCount -= common.values.reduce(0) { $0 + $1.count - 1 }
        }
    }

    /// One settled part of a batch: its rows (by number) accepted in a batch, already there, or
    /// (answered item by item) rows with one outcome and code, and the API's message per row.
    enum Settlement {
        case accepted(id: String, rows: LineSet)
        /// Rows already there (connected before this import), in `batch` when the API named the
        /// batch that connected them; `notApplied`, by row, the settings of the row the API did
        /// not apply (`fields`) or does not show (`unseen`).
        case existing(LineSet, batch: String? = nil, notApplied: [Int: UnappliedSettings] = [:])
        case outcome(kind: String, code: String?, rows: LineSet, messages: [Int: String])
    }

    /// What an import came to: one settlement per batch, in source order, and where the rows are.
    struct Outcome {
        var settled: [Settlement]
        var places: RowPlaces
        /// Rows `--skip-invalid` left out, by number, with their email and the reason.
        var skipped: [Int: (email: String, reason: String)] = [:]
        /// Rows an earlier run sent without learning the outcome, sent again by this one.
        var resent = LineSet()
        /// Rows `--verify` kept back (also in ``skipped``, with why).
        var unverified = LineSet()
    }

    let target: Target
    let source: ImportSource
    let options: Options
    let progress: ProgressLine
    let submit: ImportSubmitter<Target.Item>

    /// The source, with the target's words for its messages (`expected a JSON array of
    /// prospect objects`).
    var reading: ImportSource {
        var reading = source
        reading.rowNoun = target.noun.one
        reading.exampleHeader = target.exampleHeader
        return reading
    }

    /// The most problems listed in full; the rest are counted.
    static var problemListLimit: Int { 1000 }

    /// Pass 1: every row converted and checked, duplicates found; nothing is sent. Ctrl-C (the
    /// task cancelled) stops it between batches of rows with `CancellationError`.
    func check() throws -> CheckResult {
        var result = CheckResult()
        var seen = FingerprintTable()  // fingerprint of the email → the first row with it
        var reportedColumns: Set<String> = []
        let keepAll = options.problemReport != nil
        try source.checkText()
        let reader = try reading.rows(known: target.knownColumns, columns: target.columnTable)
        // A header names its unknown columns once, at its own line, as the file spells them.
        if let (line, names) = reader.headerColumns {
            let known = target.knownColumns
            let candidates = Array(known)
            for name in names where !name.isEmpty {
                let key = ColumnName.key(name)
                guard !known.contains(source.renamedColumns[key] ?? key) else { continue }
                reportedColumns.insert(name.lowercased())
                let closest = Suggestion.closest(to: key, in: candidates)
                let message = "unknown column" + (closest.map { " — did you mean '\($0)'?" } ?? "")
                result.problemCount += 1
                result.problems.append("\(source.name):\(line): \(name): \(message)")
                result.problemKeys.append(nil)
                if keepAll { result.all.append(Problem(place: "\(line)", field: name, message: message)) }
            }
        }
        for name in reader.absentIgnoredColumns {
            result.warningCount += 1
            result.warnings.append("\(source.name):1: --ignore-column '\(name)': the header has no such column")
        }
        let pipe = CheckedRowPipe(reading: reader, into: target)
        defer { pipe.stop() }
        while let batch = try pipe.next() {
            try Task.checkCancellation()
            for checked in batch { check(checked, into: &result, seen: &seen, reportedColumns: &reportedColumns) }
        }
        result.collapseRepeats(source: source.name)
        return result
    }

    /// One row of the check: counted, placed, its problems and whether it repeats an earlier
    /// row's email recorded.
    private func check(
        _ checked: CheckedRowPipe<Target>.CheckedRow, into result: inout CheckResult, seen: inout FingerprintTable,
        reportedColumns: inout Set<String>
    ) {
        let place = checked.place
        let secrets = target.secretColumns
        let keepAll = options.problemReport != nil
        result.rows += 1
        result.places.append(place)
        if result.rows % 20_000 == 0 { progress.update("\(source.name): checked \(result.rows) rows") }
        if let problem = checked.problem {
            result.invalid.insert(result.rows)
            result.problemCount += 1
            if result.problems.count < Self.problemListLimit {
                result.problems.append("\(source.name):\(place): \(problem)")
                result.problemKeys.append(nil)
            }
            if keepAll { result.all.append(Problem(place: "\(place)", field: "", message: problem)) }
            if options.skipInvalid { result.skipped[result.rows] = ("", problem) }
            return
        }
        for (column, written) in checked.asWritten where !written.quoted {
            guard let field = secrets[column] else { continue }
            result.warningCount += 1
            if result.warnings.count < Self.problemListLimit {
                result.warnings.append(
                    "\(source.name):\(place): \(field): spaces before or after the password are sent as written"
                        + " (quote the field to keep them without this warning)")
            }
        }
        for warning in checked.warnings {
            result.warningCount += 1
            if result.warnings.count < Self.problemListLimit {
                result.warnings.append("\(source.name):\(place): \(warning)")
            }
        }
        guard let email = checked.email else { return }
        var problems = checked.problems
        if !email.isEmpty {
            if let first = seen.firstRow(of: checked.fingerprint, recording: Int32(clamping: result.rows)) {
                let place = result.places.place(of: Int(first)).map(String.init(describing:)) ?? "?"
                let message = "duplicate \(target.noun.one) \(email): already on line \(place)"
                problems.append(ValidationProblem("", message))
            }
        }
        guard !problems.isEmpty else { return }
        result.invalid.insert(result.rows)
        if options.skipInvalid {
            let reason = problems.map(\.description).joined(separator: "; ")
            result.skipped[result.rows] = (email, reason)
        }
        // An unknown column is listed once, at the first row that uses it.
        problems.removeAll { $0.message.hasPrefix("unknown column") && !reportedColumns.insert($0.path).inserted }
        result.problemCount += problems.count
        for problem in problems {
            // Counted by field and message (not an unknown column, already said once): the ones
            // most rows share are collapsed at the end.
            let key = problem.path.isEmpty || problem.message.hasPrefix("unknown column") ? nil : problem.description
            if let key { result.repeats[key, default: (0, "\(place)")].count += 1 }
            guard result.problems.count < Self.problemListLimit else { continue }
            result.problems.append("\(source.name):\(place): \(problem)")
            result.problemKeys.append(key)
        }
        if keepAll {
            result.all += problems.map {
                Problem(place: "\(place)", field: $0.path, message: $0.message, email: email)
            }
        }
    }

    /// Pass 1 as `run` and `mailbox verify` use it: every row checked, warnings shown, and the
    /// problems thrown as one located message (or, with `--skip-invalid`, noted), `--report`
    /// written; throws when no valid row is left.
    func checkReportingProblems() throws -> CheckResult {
        let checked = try check()
        let places = checked.places
        for warning in checked.warnings { progress.note("warning: \(warning)") }
        if checked.warningCount > checked.warnings.count {
            let more = checked.warningCount - checked.warnings.count
            progress.note("warning: … and \(more) more")
        }
        if checked.problemCount > 0 {
            if let path = options.problemReport {
                if options.reportsRows {
                    try Self.writeRowProblems(checked.all, to: path)
                } else {
                    try Self.writeProblems(checked.all, source: source.name, to: path)
                }
            }
            let shown = checked.problems.prefix(options.problemListLimit)
            let hidden = checked.problemCount - shown.count
            let where_ = options.problemReport.map { "; all are in \($0)" } ?? "; --report FILE lists all"
            let more = hidden > 0 ? "\n  … and \(hidden) more\(where_)" : ""
            let list = shown.joined(separator: "\n  ") + more
            let rows = checked.invalid.count
            let count = "\(checked.problemCount) problem\(checked.problemCount == 1 ? "" : "s")"
            // What to do about a column no field takes, said once.
            let hint =
                checked.problems.contains { $0.contains(": unknown column") }
                ? "\n  (rename an unknown column to the field it holds, or leave it out with --ignore-column NAME)"
                : ""
            if !options.skipInvalid {
                throw RuntimeError(
                    "\(count) in \(rows) of \(checked.rows) rows of \(source.name); \(options.invalidRowsOutcome):\n  \(list)\(hint)"
                )
            }
            if rows == 0 {
                progress.note("\(count) in the header of \(source.name), ignored (--skip-invalid):\n  \(list)\(hint)")
            } else {
                progress.note(
                    "skipping \(rows) invalid row\(rows == 1 ? "" : "s") of \(source.name) (lines \(places.describe(checked.invalid))):\n  \(list)\(hint)"
                )
            }
        }
        let valid = checked.rows - checked.invalid.count
        guard valid > 0 else {
            throw RuntimeError(
                checked.rows == 0
                    ? "\(source.name):1: no rows to import: the file holds no \(target.noun.many)"
                    : "\(source.name): no valid rows to import")
        }
        return checked
    }

    /// Checks, then sends; returns one settlement per batch.
    func run() async throws -> Outcome {
        var checked = try checkReportingProblems()
        let places = checked.places
        var valid = checked.rows - checked.invalid.count
        var state = ImportJournal.State()
        var journal: ImportJournal?
        if let path = options.journalPath, !options.dryRun {
            let loaded = try ImportJournal.load(path)
            state = loaded.inRows(places)
            if !state.unsettled.isEmpty, !options.reconcilesByResending, !options.resendUnsettled {
                throw RuntimeError(
                    "lines \(places.describe(state.unsettled)) of \(source.name) were sent by an earlier run that never learnt the outcome (journal \(path)); check the account, then run again with --resend-unsettled to send them again"
                )
            }
            if loaded.countsLines { try ImportJournal.rewrite(state, path: path, header: options.journalHeader) }
            journal = try ImportJournal(path: path, header: options.journalHeader)
        }
        defer { journal?.close() }
        var settled: [Settlement] = state.accepted.map { .accepted(id: $0.id, rows: $0.rows) }
        settled += try resumedExisting(state.existing)
        settled += state.outcomes.map { .outcome(kind: $0.kind, code: $0.code, rows: $0.rows, messages: [:]) }
        let skip = state.covered
        let alreadyDone = skip.count
        var tally = RowTally()
        for part in settled { tally.add(part) }
        if alreadyDone > 0 {
            let answered =
                tally.refusals.isEmpty
                ? "\(alreadyDone) of \(valid) rows were accepted by an earlier run"
                : "\(alreadyDone) of \(valid) rows were answered by an earlier run: " + tally.answers
            progress.note("resuming: \(answered) (journal \(options.journalPath ?? ""))")
        }
        var unverified = LineSet()
        if let verify = options.verify, alreadyDone < valid {
            // Only the rows this run would send: a resumed import does not log in again to
            // mailboxes an earlier run had accepted.
            let failures = try await verifyRows(checked, skipping: skip, verify)
            for (row, failure) in failures {
                checked.invalid.insert(row)
                checked.skipped[row] = failure
                unverified.insert(row)
            }
            valid -= failures.count
        }
        if alreadyDone >= valid {
            if !state.finished, unverified.isEmpty { try journal?.append(.finished) }
            return Outcome(
                settled: Self.byBatch(settled), places: places, skipped: checked.skipped, resent: state.unsettled,
                unverified: unverified)
        }

        if options.dryRun {
            return try dryRunBatches(checked, settled: settled, skipped: checked.skipped)
        }
        var reader = try reading.rows(known: target.knownColumns, columns: target.columnTable)
        var batch: [Target.Item] = []
        var batchRows: [Int] = []
        var sentRows = alreadyDone
        var batchesSent = 0
        // Requests answered (a batch refused with a 409 and sent again without the rows already
        // there is two), and the batches they created: every number says what happened.
        var requestsSent = 0
        var created: Set<String> = []
        var failure: (any Error)?
        let total = valid
        let size = options.batchSize

        func show() {
            progress.update(
                "\(source.name): \(tally.describe(of: total)), \(Self.sent(requests: requestsSent, created: created.count, unit: target.unit))",
                done: sentRows, total: total)
        }

        try await withThrowingTaskGroup(of: Settled.self) { group in
            var inFlight = 0

            func record(_ answer: Settled) throws(RuntimeError) {
                let parts = answer.parts
                requestsSent += answer.requests
                created.formUnion(answer.created)
                for part in parts.flatMap({ Self.ownedByAnEarlierRun($0, resent: state.unsettled) }) {
                    switch part {
                    case .accepted(let id, let rows):
                        try journal?.append(.accepted(id: id, rows))
                        sentRows += rows.count
                    case .existing(let rows, let batch, let notApplied):
                        for (fields, group) in Self.byUnappliedFields(rows, notApplied) {
                            try journal?.append(.existing(group, batch: batch, notApplied: fields))
                        }
                        sentRows += rows.count
                        progress.note(
                            "lines \(places.describe(rows)) of \(source.name): already connected"
                                + (batch.map { " (batch \($0))" } ?? "") + "; not sent again")
                        warnUnapplied(notApplied, rows: rows, places: places)
                    case .outcome(let kind, let code, let rows, _):
                        try journal?.append(.outcome(kind: kind, code: code, rows))
                        sentRows += rows.count
                    }
                    tally.add(part)
                    settled.append(part)
                }
                show()
            }

            func collectOne() async {
                do {
                    if let answer = try await group.next() { try record(answer) }
                } catch {
                    if failure == nil { failure = error }
                }
                inFlight -= 1
            }

            func dispatch() async throws {
                let items = batch
                let rows = LineSet(batchRows)
                batch.removeAll(keepingCapacity: true)
                batchRows.removeAll(keepingCapacity: true)
                batchesSent += 1
                if options.dryRun {
                    options.show(
                        batchesSent == 1
                            ? (options.describe?(items) ?? "")
                            : "── dry run: would send \(target.unit) \(batchesSent): \(items.count) \(items.count == 1 ? target.noun.one : target.noun.many) (lines \(places.describe(rows)))"
                    )
                    settled.append(.accepted(id: "", rows: rows))
                    sentRows += rows.count
                    return
                }
                try journal?.append(.sending(rows))
                while inFlight >= options.parallel { await collectOne() }
                if failure != nil { return }
                inFlight += 1
                let submit = self.submit
                let reconciles = options.reconcilesByResending
                let progress = self.progress
                let name = source.name
                group.addTask {
                    try await Self.settleCounting(items, rows: rows, submit: submit, reconciles: reconciles) { note in
                        progress.note("lines \(places.describe(rows)) of \(name): \(note)")
                    }
                }
            }

            var number = 0
            while failure == nil, let row = try reader.next() {
                try Task.checkCancellation()
                number += 1
                // The reading runs on the executor that also drives the connections: it steps
                // aside now and then, so a request already handed over goes out while the next
                // is read (without this, 7 requests were read before the first was connected).
                if number % 1024 == 0 { await Task.yield() }
                if checked.invalid.contains(number) || skip.contains(number) { continue }
                batch.append(target.item(from: row, checking: false).item)
                batchRows.append(number)
                if batch.count == size {
                    try await dispatch()
                    await Task.yield()
                }
            }
            if failure == nil, !batch.isEmpty { try await dispatch() }
            while inFlight > 0 { await collectOne() }
        }
        if let failure {
            let accepted =
                "\(tally.accepted) of \(total) rows were accepted before this"
                + tally.refusals.map { ", \($0)" }.joined()
            let hint =
                options.dryRun || journal == nil
                ? "" : "; run the same command again to send only the rest (journal \(options.journalPath ?? ""))"
            if let error = failure as? OutreachError {
                throw RuntimeError(
                    "\(error.description)\n\(accepted)\(hint)",
                    exitCode: error.kind == .validation ? 2 : 1)
            }
            if failure is CancellationError {
                // Ctrl-C: what was done, and how to go on (the journal knows what was sent).
                progress.note(
                    "interrupted: \(accepted)"
                        + (options.dryRun || journal == nil
                            ? "" : "; run the same command to resume: the rows sent are not sent again"))
                throw failure
            }
            throw RuntimeError("\(failure)\n\(accepted)\(hint)", exitCode: 1)
        }
        // Rows kept back by --verify are still to be sent: the import is not finished.
        if unverified.isEmpty { try journal?.append(.finished) }
        progress.finish()
        return Outcome(
            settled: Self.byBatch(settled), places: places, skipped: checked.skipped, resent: state.unsettled,
            unverified: unverified)
    }

    /// `--verify`: the valid rows not in `skip` handed to `verify`; the ones it fails are said
    /// (listed as the check lists problems) and written to `--report` beside the check's problems.
    private func verifyRows(
        _ checked: CheckResult, skipping skip: LineSet,
        _ verify: ([RowToVerify]) async throws -> [Int: (email: String, reason: String)]
    ) async throws -> [Int: (email: String, reason: String)] {
        var rows: [RowToVerify] = []
        var reader = try reading.rows(known: target.knownColumns, columns: target.columnTable)
        var number = 0
        while let row = try reader.next() {
            number += 1
            if checked.invalid.contains(number) || skip.contains(number) { continue }
            let place = checked.places.place(of: number).map(String.init(describing:)) ?? "\(row.line)"
            rows.append(RowToVerify(row: number, place: place, item: target.item(from: row, checking: false).item))
        }
        let failures = try await verify(rows)
        try Task.checkCancellation()
        guard !failures.isEmpty else { return failures }
        let numbers = failures.keys.sorted()
        let listed = numbers.prefix(options.problemListLimit).map { number in
            let place = checked.places.place(of: number).map(String.init(describing:)) ?? "\(number)"
            let failure = failures[number] ?? ("", "")
            return "\(source.name):\(place): \(failure.email): \(failure.reason)"
        }
        let more = numbers.count > listed.count ? "\n  … and \(numbers.count - listed.count) more" : ""
        let lines = checked.places.describe(LineSet(numbers))
        progress.note(
            "not sending \(numbers.count) row\(numbers.count == 1 ? "" : "s") of \(source.name) that failed verification "
                + "(lines \(lines)):\n  \(listed.joined(separator: "\n  "))\(more)")
        if let path = options.problemReport {
            let problems =
                checked.all
                + numbers.map { number in
                    let failure = failures[number] ?? ("", "")
                    let place = checked.places.place(of: number).map(String.init(describing:)) ?? "\(number)"
                    return Problem(place: place, field: "", message: failure.reason, email: failure.email)
                }
            if options.reportsRows {
                try Self.writeRowProblems(problems, to: path)
            } else {
                try Self.writeProblems(problems, source: source.name, to: path)
            }
        }
        return failures
    }

    /// A dry run's requests, told from the check (the source is read again only as far as the
    /// first request, which is shown in full): the valid rows in order, a batch at a time.
    private func dryRunBatches(
        _ checked: CheckResult, settled: [Settlement], skipped: [Int: (email: String, reason: String)]
    ) throws -> Outcome {
        var all = LineSet()
        all.insert(1...checked.rows)
        let rows = all.subtracting(checked.invalid)
        var firstBatch: [Target.Item] = []
        var reader = try reading.rows(known: target.knownColumns, columns: target.columnTable)
        var number = 0
        while firstBatch.count < options.batchSize, let row = try reader.next() {
            number += 1
            if checked.invalid.contains(number) { continue }
            firstBatch.append(target.item(from: row, checking: false).item)
        }
        var settled = settled
        var batchesSent = 0
        var batch = LineSet()
        var batchCount = 0
        func dispatch() throws {
            try Task.checkCancellation()
            batchesSent += 1
            if batchesSent == 1 {
                options.show(options.describe?(firstBatch) ?? "")
            } else {
                let noun = batchCount == 1 ? target.noun.one : target.noun.many
                options.show(
                    "── dry run: would send \(target.unit) \(batchesSent): \(batchCount) \(noun) (lines \(checked.places.describe(batch)))"
                )
            }
            settled.append(.accepted(id: "", rows: batch))
            batch = LineSet()
            batchCount = 0
        }
        for range in rows.ranges {
            var first = range.lowerBound
            while first <= range.upperBound {
                let taken = min(options.batchSize - batchCount, range.upperBound - first + 1)
                batch.insert(first...(first + taken - 1))
                batchCount += taken
                first += taken
                if batchCount == options.batchSize { try dispatch() }
            }
        }
        if batchCount > 0 { try dispatch() }
        progress.finish()
        return Outcome(settled: Self.byBatch(settled), places: checked.places, skipped: skipped)
    }

    /// Writes `--report FILE.csv` for the check: `source,line,field,message`, one row per
    /// problem (0600).
    static func writeProblems(_ problems: [Problem], source: String, to path: String) throws(RuntimeError) {
        var text = "source,line,field,message\n"
        func quoted(_ field: String) -> String {
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }
        for problem in problems {
            text += [source, problem.place, problem.field, problem.message].map(quoted).joined(separator: ",") + "\n"
        }
        let written = FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        guard written else { throw RuntimeError("cannot write the report \(path)", exitCode: 1) }
    }

    /// Writes `--report FILE.csv` of an import answered row by row when the check fails:
    /// `line,email,outcome,code,message`, outcome `invalid`, one row per problem (0600).
    static func writeRowProblems(_ problems: [Problem], to path: String) throws(RuntimeError) {
        var text = "line,email,outcome,code,message\n"
        for problem in problems {
            let message = problem.field.isEmpty ? problem.message : "\(problem.field): \(problem.message)"
            text += [problem.place, problem.email, "invalid", "", message].map(csvField).joined(separator: ",") + "\n"
        }
        try writePrivately(text, to: path)
    }

    /// A CSV field, quoted when it must be.
    static func csvField(_ field: String) -> String {
        field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
            ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
    }

    /// Writes `text` to `path`, readable by the user only.
    static func writePrivately(_ text: String, to path: String) throws(RuntimeError) {
        let written = FileManager.default.createFile(
            atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
        guard written else { throw RuntimeError("cannot write the report \(path)", exitCode: 1) }
    }

    /// Sends one batch until every row is settled: accepted, or found already there. A lost answer
    /// is reconciled by sending the same rows again: the API accepts them (the first never
    /// arrived) or answers 409 naming the batch that holds them.
    static func settle(
        _ items: [Target.Item], rows: LineSet, submit: ImportSubmitter<Target.Item>, reconciles: Bool,
        note: @escaping (String) -> Void
    ) async throws -> [Settlement] {
        try await settleCounting(items, rows: rows, submit: submit, reconciles: reconciles, note: note).parts
    }

    /// What one batch came to: its settled parts, the requests it took, and the batches they
    /// created (not a batch a 409 names, unless a lost answer's: that one this import created).
    typealias Settled = (parts: [Settlement], requests: Int, created: Set<String>)

    /// ``settle(_:rows:submit:reconciles:note:)``, counting the requests and the batches created.
    static func settleCounting(
        _ items: [Target.Item], rows: LineSet, submit: ImportSubmitter<Target.Item>, reconciles: Bool,
        note: @escaping (String) -> Void
    ) async throws -> Settled {
        var requests = 0
        var created: Set<String> = []
        var items = items
        var rowList = rows.ranges.flatMap { Array($0) }
        var parts: [Settlement] = []
        var lostAnswers = 0
        let noun = "rows"
        while !items.isEmpty {
            let result: SubmitResult
            requests += 1
            do {
                result = try await submit(items)
            } catch let error as OutreachError where error.kind == .outcomeUnknown && reconciles && lostAnswers < 5 {
                lostAnswers += 1
                note("the answer was lost (\(error.detail)); sending the same rows again to learn what the server did")
                continue
            }
            switch result {
            case .accepted(let id):
                parts.append(.accepted(id: id, rows: LineSet(rowList)))
                created.insert(id)
                return (merged(parts), requests, created)
            case .outcomes(let outcomes):
                guard outcomes.count == items.count else {
                    throw RuntimeError(
                        "the API answered \(outcomes.count) outcomes for \(items.count) \(noun) sent", exitCode: 1)
                }
                // Grouped by outcome and code, each group's rows kept in its own array (appending
                // through a dictionary of tuples would copy the array on every row).
                var groupOf: [String: Int] = [:]
                var kinds: [(kind: String, code: String?)] = []
                var groupRows: [[Int]] = []
                var groupMessages: [[Int: String]] = []
                for (index, outcome) in outcomes.enumerated() {
                    let key = outcome.kind + " " + (outcome.code ?? "")
                    let group: Int
                    if let known = groupOf[key] {
                        group = known
                    } else {
                        group = kinds.count
                        groupOf[key] = group
                        kinds.append((outcome.kind, outcome.code))
                        groupRows.append([])
                        groupMessages.append([:])
                    }
                    let row = rowList[index]
                    groupRows[group].append(row)
                    var message = outcome.message
                    if lostAnswers > 0, outcome.kind == "duplicate" {
                        message =
                            (message.map { $0 + "; " } ?? "")
                            + "an earlier attempt whose answer was lost may have added it"
                    }
                    if let message { groupMessages[group][row] = message }
                }
                for (group, kind) in kinds.enumerated() {
                    parts.append(
                        .outcome(
                            kind: kind.kind, code: kind.code, rows: LineSet(groupRows[group]),
                            messages: groupMessages[group]))
                }
                return (parts, requests, created)
            case .conflicts(let conflicts, let notApplied):
                var keptItems: [Target.Item] = []
                var keptRows: [Int] = []
                for (index, item) in items.enumerated() {
                    guard let origin = conflicts[index] else {
                        keptItems.append(item)
                        keptRows.append(rowList[index])
                        continue
                    }
                    let row = rowList[index]
                    let unapplied = notApplied[index].map { [row: $0] } ?? [:]
                    if let settings = notApplied[index], !settings.fields.isEmpty {
                        // Connected with other settings: already there, not as the file has it.
                        parts.append(.existing(LineSet([row]), notApplied: unapplied))
                    } else if let id = origin.batch, !origin.isConnected || lostAnswers > 0 {
                        // Pending in a batch, or connected by the batch whose answer was lost.
                        parts.append(.accepted(id: id, rows: LineSet([row])))
                        if lostAnswers > 0 { created.insert(id) }
                    } else {
                        parts.append(.existing(LineSet([row]), batch: origin.batch, notApplied: unapplied))
                    }
                }
                guard keptItems.count < items.count else {
                    throw RuntimeError("the API refused the batch with a conflict wps could not read", exitCode: 1)
                }
                items = keptItems
                rowList = keptRows
            }
        }
        return (merged(parts), requests, created)
    }

    /// A resumed import's own rows, back as `added` (or accepted): rows an earlier run of this
    /// import sent without learning the answer (`resent`, from the journal) that the API now
    /// answers as duplicates, or as connected in a batch, were stored by that run, so they are
    /// not reported as found there already.
    static func ownedByAnEarlierRun(_ part: Settlement, resent: LineSet) -> [Settlement] {
        guard !resent.isEmpty else { return [part] }
        if case .existing(let rows, let batch?, let notApplied) = part {
            let ours = rows.intersection(resent)
            guard !ours.isEmpty else { return [part] }
            let others = rows.subtracting(ours)
            var result: [Settlement] = [.accepted(id: batch, rows: ours)]
            if !others.isEmpty {
                result.append(
                    .existing(others, batch: batch, notApplied: notApplied.filter { others.contains($0.key) }))
            }
            return result
        }
        guard case .outcome("duplicate", _, let rows, let messages) = part else { return [part] }
        let ours = rows.intersection(resent)
        guard !ours.isEmpty else { return [part] }
        let others = rows.subtracting(ours)
        var result: [Settlement] = [
            .outcome(
                kind: "added", code: nil, rows: ours,
                messages: Dictionary(
                    uniqueKeysWithValues: ours.ranges.flatMap { Array($0) }.map { ($0, Self.addedByAnEarlierRun) }))
        ]
        if !others.isEmpty {
            guard case .outcome(let kind, let code, _, _) = part else { return result }
            result.append(
                .outcome(kind: kind, code: code, rows: others, messages: messages.filter { others.contains($0.key) }))
        }
        return result
    }

    /// Why a row the API answered as a duplicate is reported `added`.
    static var addedByAnEarlierRun: String {
        "added by an earlier run of this import, which sent it but never learnt the answer (the API now finds it there)"
    }

    static func firstRow(_ part: Settlement) -> Int {
        switch part {
        case .accepted(_, let rows), .existing(let rows, _, _), .outcome(_, _, let rows, _): rows.first ?? 0
        }
    }

    /// Joins the parts that went to the same batch.
    static func merged(_ parts: [Settlement]) -> [Settlement] {
        var order: [String] = []
        var accepted: [String: LineSet] = [:]
        var existingOrder: [String] = []
        var existing: [String: LineSet] = [:]  // batch ("" when none) → rows
        var notApplied: [Int: UnappliedSettings] = [:]
        var outcomeOrder: [String] = []
        var outcomes: [String: (kind: String, code: String?, rows: LineSet, messages: [Int: String])] = [:]
        for part in parts {
            switch part {
            case .accepted(let id, let rows):
                if accepted[id] == nil { order.append(id) }
                accepted[id, default: LineSet()].formUnion(rows)
            case .existing(let rows, let batch, let unapplied):
                let key = batch ?? ""
                if existing[key] == nil { existingOrder.append(key) }
                existing[key, default: LineSet()].formUnion(rows)
                notApplied.merge(unapplied) { first, _ in first }
            case .outcome(let kind, let code, let rows, let messages):
                let key = kind + " " + (code ?? "")
                if outcomes[key] == nil {
                    outcomeOrder.append(key)
                    outcomes[key] = (kind, code, LineSet(), [:])
                }
                outcomes[key]?.rows.formUnion(rows)
                outcomes[key]?.messages.merge(messages) { first, _ in first }
            }
        }
        var result = order.map { Settlement.accepted(id: $0, rows: accepted[$0] ?? LineSet()) }
        for key in existingOrder {
            let rows = existing[key] ?? LineSet()
            result.append(
                .existing(
                    rows, batch: key.isEmpty ? nil : key,
                    notApplied: notApplied.filter { rows.contains($0.key) }))
        }
        for key in outcomeOrder {
            guard let group = outcomes[key] else { continue }
            result.append(.outcome(kind: group.kind, code: group.code, rows: group.rows, messages: group.messages))
        }
        return result
    }

    /// One settlement per batch, in source order: a batch found in pieces (rows a resume or a
    /// reconciliation learnt were in it) is joined; dry-run batches (no id) stay apart.
    static func byBatch(_ parts: [Settlement]) -> [Settlement] {
        let dryRun = parts.filter { if case .accepted("", _) = $0 { true } else { false } }
        let sent = parts.filter { if case .accepted("", _) = $0 { false } else { true } }
        return (merged(sent) + dryRun).sorted { firstRow($0) < firstRow($1) }
    }

    /// `batch` → `batches`, `request` → `requests`.
    static func plural(_ unit: String) -> String { unit.hasSuffix("h") ? unit + "es" : unit + "s" }

    /// ``fingerprint(_:)`` of the lower-cased text; ASCII is folded byte by byte, without making
    /// a lower-cased copy.
    static func caseFoldedFingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            guard byte < 0x80 else { return fingerprint(text.lowercased()) }
            hash ^= UInt64(byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// FNV-1a, 64 bits: a stable fingerprint for duplicate checks without keeping every email.
    static func fingerprint(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
