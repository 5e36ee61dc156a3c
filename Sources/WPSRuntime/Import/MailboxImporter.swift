import Foundation
import OutreachAPI

/// What one request of an import came to.
enum SubmitResult: Sendable {
    /// Accepted under this batch (or request) id.
    case accepted(String)
    /// Refused because some items are already there: item index → the batch it is in (nil when
    /// the API does not say, or it was connected some other way). The rest were not submitted.
    case conflicts([Int: String?])
}

/// Sends one request of items: the provider's endpoint behind ``ImportTarget``.
typealias ImportSubmitter<Item: Sendable> = @Sendable ([Item]) async throws -> SubmitResult

/// Runs `mailbox import`: checks every row first (streaming), then sends the rows in batches
/// with bounded concurrency, recording each batch in a journal so a second run sends only what
/// was never accepted, and reconciling any batch whose answer was lost before resending it.
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
    }

    /// What the check of every row found.
    struct CheckResult {
        var rows = 0
        var invalid = LineSet()
        var problems: [String] = []
        var problemCount = 0
    }

    /// One settled part of a batch: accepted in a batch, or already there.
    enum Settlement {
        case accepted(id: String, lines: LineSet)
        case existing(LineSet)
    }

    let target: Target
    let source: ImportSource
    let options: Options
    let progress: ProgressLine
    let submit: ImportSubmitter<Target.Item>

    /// The most problems listed in full; the rest are counted.
    static var problemListLimit: Int { 1000 }

    /// Pass 1: every row converted and checked, duplicates found; nothing is sent.
    func check() throws(RuntimeError) -> CheckResult {
        var result = CheckResult()
        var seen: [UInt64: Int32] = [:]
        var reportedColumns: Set<String> = []
        try source.checkText()
        var reader = try source.rows()
        while let row = try reader.next() {
            result.rows += 1
            if result.rows % 20_000 == 0 { progress.update("\(source.name): checked \(result.rows) rows") }
            var (item, problems) = target.item(from: row, checking: true)
            if let email = target.email(of: item)?.lowercased(), !email.isEmpty {
                let key = Self.fingerprint(email)
                if let first = seen[key] {
                    problems.append(ValidationProblem("", "duplicate mailbox \(target.email(of: item) ?? email): already on line \(first)"))
                } else {
                    seen[key] = Int32(clamping: row.line)
                }
            }
            guard !problems.isEmpty else { continue }
            result.invalid.insert(row.line)
            // An unknown column is listed once, at the first row that uses it.
            problems.removeAll { $0.message.hasPrefix("unknown column") && !reportedColumns.insert($0.path).inserted }
            result.problemCount += problems.count
            for problem in problems where result.problems.count < Self.problemListLimit {
                result.problems.append("\(source.name):\(row.line): \(problem)")
            }
        }
        return result
    }

    /// Checks, then sends; returns one record per batch.
    func run() async throws -> [Settlement] {
        let checked = try check()
        if checked.problemCount > 0 {
            let more = checked.problemCount > checked.problems.count ? "\n  … and \(checked.problemCount - checked.problems.count) more" : ""
            let list = checked.problems.joined(separator: "\n  ") + more
            let rows = checked.invalid.count
            if !options.skipInvalid {
                throw RuntimeError(
                    "\(checked.problemCount) problem\(checked.problemCount == 1 ? "" : "s") in \(rows) of \(checked.rows) rows of \(source.name); nothing was sent (--skip-invalid sends the valid rows):\n  \(list)")
            }
            progress.note("skipping \(rows) invalid row\(rows == 1 ? "" : "s") of \(source.name) (lines \(checked.invalid)):\n  \(list)")
        }
        let valid = checked.rows - checked.invalid.count
        guard valid > 0 else {
            throw RuntimeError(checked.rows == 0 ? "\(source.name):1: no rows to import: the file holds no mailboxes" : "\(source.name): no valid rows to import")
        }

        var state = ImportJournal.State()
        var journal: ImportJournal?
        if let path = options.journalPath, !options.dryRun {
            state = try ImportJournal.load(path)
            if !state.unsettled.isEmpty, !options.reconcilesByResending, !options.resendUnsettled {
                throw RuntimeError(
                    "lines \(state.unsettled) of \(source.name) were sent by an earlier run that never learnt the outcome (journal \(path)); check the account, then run again with --resend-unsettled to send them again")
            }
            journal = try ImportJournal(path: path, header: options.journalHeader)
        }
        defer { journal?.close() }
        var settled: [Settlement] = state.accepted.map { .accepted(id: $0.id, lines: $0.lines) }
        if !state.existing.isEmpty { settled.append(.existing(state.existing)) }
        let skip = state.covered
        let alreadyDone = skip.count
        if alreadyDone > 0 {
            progress.note("resuming: \(alreadyDone) of \(valid) rows were accepted by an earlier run (journal \(options.journalPath ?? ""))")
        }
        if alreadyDone >= valid {
            if !state.finished { try journal?.append(.finished) }
            return settled.sorted { Self.firstLine($0) < Self.firstLine($1) }
        }

        var reader = try source.rows()
        var batch: [Target.Item] = []
        var batchLines: [Int] = []
        var sentRows = alreadyDone
        var batchesSent = 0
        var failure: (any Error)?
        let total = valid
        let size = options.batchSize

        func show() {
            progress.update("\(source.name): \(sentRows) of \(total) rows accepted, \(batchesSent) \(target.unit)\(batchesSent == 1 ? "" : "es") sent", done: sentRows, total: total)
        }

        try await withThrowingTaskGroup(of: [Settlement].self) { group in
            var inFlight = 0

            func record(_ parts: [Settlement]) throws(RuntimeError) {
                for part in parts {
                    switch part {
                    case .accepted(let id, let lines):
                        try journal?.append(.accepted(id: id, lines))
                        sentRows += lines.count
                    case .existing(let lines):
                        try journal?.append(.existing(lines))
                        sentRows += lines.count
                        progress.note("lines \(lines) of \(source.name): already connected; not sent again")
                    }
                    settled.append(part)
                }
                show()
            }

            func collectOne() async {
                do {
                    if let parts = try await group.next() { try record(parts) }
                } catch {
                    if failure == nil { failure = error }
                }
                inFlight -= 1
            }

            func dispatch() async throws {
                let items = batch, lines = LineSet(batchLines)
                batch.removeAll(keepingCapacity: true)
                batchLines.removeAll(keepingCapacity: true)
                batchesSent += 1
                if options.dryRun {
                    options.show(batchesSent == 1
                        ? (options.describe?(items) ?? "")
                        : "── dry run: would send \(target.unit) \(batchesSent): \(items.count) mailbox\(items.count == 1 ? "" : "es") (lines \(lines))")
                    settled.append(.accepted(id: "", lines: lines))
                    sentRows += lines.count
                    return
                }
                try journal?.append(.sending(lines))
                while inFlight >= options.parallel { await collectOne() }
                if failure != nil { return }
                inFlight += 1
                let submit = self.submit, reconciles = options.reconcilesByResending, progress = self.progress, name = source.name
                group.addTask {
                    try await Self.settle(items, lines: lines, submit: submit, reconciles: reconciles) { note in
                        progress.note("lines \(lines) of \(name): \(note)")
                    }
                }
            }

            while failure == nil, let row = try reader.next() {
                try Task.checkCancellation()
                if checked.invalid.contains(row.line) || skip.contains(row.line) { continue }
                batch.append(target.item(from: row, checking: false).item)
                batchLines.append(row.line)
                if batch.count == size { try await dispatch() }
            }
            if failure == nil, !batch.isEmpty { try await dispatch() }
            while inFlight > 0 { await collectOne() }
        }
        if let failure {
            let accepted = sentRows
            let hint = options.dryRun || journal == nil ? "" : "; run the same command again to send only the rest (journal \(options.journalPath ?? ""))"
            if let error = failure as? OutreachError {
                throw RuntimeError("\(error.description)\n\(accepted) of \(total) rows were accepted before this\(hint)", exitCode: error.kind == .validation ? 2 : 1)
            }
            if failure is CancellationError { throw failure }
            throw RuntimeError("\(failure)\n\(accepted) of \(total) rows were accepted before this\(hint)", exitCode: 1)
        }
        try journal?.append(.finished)
        progress.finish()
        return settled.sorted { Self.firstLine($0) < Self.firstLine($1) }
    }

    /// Sends one batch until every row is settled: accepted, or found already there. A lost answer
    /// is reconciled by sending the same rows again: the API accepts them (the first never
    /// arrived) or answers 409 naming the batch that holds them.
    static func settle(
        _ items: [Target.Item], lines: LineSet, submit: ImportSubmitter<Target.Item>, reconciles: Bool, note: @escaping (String) -> Void
    ) async throws -> [Settlement] {
        var items = items
        var lineList = lines.ranges.flatMap { Array($0) }
        var parts: [Settlement] = []
        var lostAnswers = 0
        while !items.isEmpty {
            let result: SubmitResult
            do {
                result = try await submit(items)
            } catch let error as OutreachError where error.kind == .outcomeUnknown && reconciles && lostAnswers < 5 {
                lostAnswers += 1
                note("the answer was lost (\(error.detail)); sending the same rows again to learn what the server did")
                continue
            }
            switch result {
            case .accepted(let id):
                parts.append(.accepted(id: id, lines: LineSet(lineList)))
                return merged(parts)
            case .conflicts(let conflicts):
                var keptItems: [Target.Item] = [], keptLines: [Int] = []
                for (index, item) in items.enumerated() {
                    guard let origin = conflicts[index] else {
                        keptItems.append(item)
                        keptLines.append(lineList[index])
                        continue
                    }
                    if let id = origin { parts.append(.accepted(id: id, lines: LineSet([lineList[index]]))) } else { parts.append(.existing(LineSet([lineList[index]]))) }
                }
                guard keptItems.count < items.count else { throw RuntimeError("the API refused the batch with a conflict wps could not read", exitCode: 1) }
                items = keptItems
                lineList = keptLines
            }
        }
        return merged(parts)
    }

    static func firstLine(_ part: Settlement) -> Int {
        switch part {
        case .accepted(_, let lines), .existing(let lines): lines.first ?? 0
        }
    }

    /// Joins the parts that went to the same batch.
    static func merged(_ parts: [Settlement]) -> [Settlement] {
        var order: [String] = []
        var accepted: [String: LineSet] = [:]
        var existing = LineSet()
        for part in parts {
            switch part {
            case .accepted(let id, let lines):
                if accepted[id] == nil { order.append(id) }
                accepted[id, default: LineSet()].formUnion(lines)
            case .existing(let lines): existing.formUnion(lines)
            }
        }
        var result = order.map { Settlement.accepted(id: $0, lines: accepted[$0] ?? LineSet()) }
        if !existing.isEmpty { result.append(.existing(existing)) }
        return result
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
