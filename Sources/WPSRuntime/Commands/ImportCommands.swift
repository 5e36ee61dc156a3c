import Foundation
import OutreachAPI
import WPSLanguage

/// `mailbox import`, `mailbox microsoft import` and `batch watch`: bulk onboarding, checked,
/// journaled, reconciled, watched and reported.
enum ImportCommands {
    static func register(_ session: Session, into table: inout [String: Interpreter.CommandImplementation]) {
        table["mailbox import"] = { input, command, interpreter in
            let args = CommandArguments(command: command)
            var source = try await importSource(args, input: input, &interpreter)
            let provider = try await SaleshandyCommands.provider(args, session, &interpreter)
            let notify: [NotificationType]? = try await args.string("notify", &interpreter) == "mail" ? [.mail] : nil
            let progress = ProgressLine(isTerminal: session.progressIsTerminal, write: session.progress)
            let client = session.client
            if provider == .saleshandy {
                let target = SaleshandyAccountTarget()
                var options = try await importOptions(args, target: target, source: &source, session: session, &interpreter)
                options.reconcilesByResending = false
                options.describe = { items in describe(client, Saleshandy.ConnectEmailAccounts(items)) }
                let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) { items in
                    .accepted(try await client.send(Saleshandy.ConnectEmailAccounts(items)).payload.requestId)
                }
                let outcome = try await run(importer, command: command)
                return records(outcome, source: source, idKey: "request_id", target: target, session: session)
            }
            let target = ManualMailboxTarget()
            var options = try await importOptions(args, target: target, source: &source, session: session, &interpreter)
            options.describe = { items in describe(client, Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: items, completion_notification_types: notify))) }
            let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) { items in
                try await submitManual(client, ManualBulkRequest(mailboxes: items, completion_notification_types: notify))
            }
            let outcome = try await run(importer, command: command)
            return records(outcome, source: source, idKey: "batch_id", target: target, session: session)
        }

        table["mailbox microsoft import"] = { input, command, interpreter in
            let args = CommandArguments(command: command)
            var source = try await importSource(args, input: input, &interpreter)
            let credential = try await args.int("credential", &interpreter)
            let target = MicrosoftAccountTarget()
            var options = try await importOptions(args, target: target, source: &source, session: session, &interpreter)
            options.journalPath = nil  // each request connects synchronously; its answer is the record
            options.parallel = 1
            let client = session.client
            options.describe = { items in describe(client, Woodpecker.ConnectMicrosoftMailboxes(MicrosoftBulkRequest(credential_id: credential, accounts: items))) }
            let collected = ResultBox()
            let importer = MailboxImporter(target: target, source: source, options: options, progress: ProgressLine(isTerminal: session.progressIsTerminal, write: session.progress)) { items in
                let results = try await client.send(Woodpecker.ConnectMicrosoftMailboxes(MicrosoftBulkRequest(credential_id: credential, accounts: items)))
                await collected.append(try results.map { try ValueEncoder().encode($0) })
                return .accepted("")
            }
            let outcome = try await run(importer, command: command)
            // The rows --skip-invalid left out are results too, in the same shape, with the reason.
            let skipped = outcome.skipped.keys.sorted().map { row -> Value in
                let entry = outcome.skipped[row]
                return .record([
                    "success": .bool(false), "id": .null, "email": .string(entry?.email ?? ""), "name": .null,
                    "deliverability": .null, "error": .string("skipped (--skip-invalid): " + (entry?.reason ?? "")),
                    "line": .string(outcome.places.place(of: row)?.description ?? String(row)),
                ])
            }
            return .list(await collected.values + skipped)
        }

        table["batch watch"] = { input, command, interpreter in
            let args = CommandArguments(command: command)
            var given: [Value] = []
            for index in command.positionals.indices {
                if let value = try await args.positional(index, &interpreter) { given += value.items }
            }
            let items = given.isEmpty ? input.items : given
            let provider = try await SaleshandyCommands.provider(args, session, &interpreter)
            var interval = Duration.milliseconds(250)
            if let text = try await args.string("interval", &interpreter) {
                guard let parsed = ClockDuration.parse(text) else {
                    throw RuntimeError("expected an interval such as 250ms, 2s or 1m for --interval, got '\(text)'", at: args.range(of: "interval"))
                }
                interval = parsed
            }
            let watcher = BatchWatcher(
                session: session, progress: ProgressLine(isTerminal: session.progressIsTerminal, write: session.progress), interval: interval, range: command.range)
            let outcome: BatchWatcher.Outcome
            if provider == .saleshandy || items.contains(where: { MailboxCommands.saleshandyID($0) != nil }) {
                outcome = try await watcher.watchSaleshandy(items)
            } else {
                outcome = try await watcher.watchWoodpecker(items)
            }
            if let path = try await args.string("report", &interpreter) {
                do {
                    try ImportReport.write(outcome.reportRows, to: path)
                } catch {
                    throw RuntimeError("cannot write the report \(path): \(error.localizedDescription)", at: args.range(of: "report"), exitCode: 1)
                }
                session.progress("report: \(outcome.reportRows.count) mailboxes → \(path)")
            }
            if outcome.failed > 0, try await args.bool("allow-failures", &interpreter) != true {
                var error = RuntimeError(
                    "\(outcome.failed) of \(outcome.total) mailbox\(outcome.total == 1 ? "" : "es") failed to connect\(outcome.failureSample); --allow-failures carries on",
                    at: command.range, exitCode: 1)
                error.result = outcome.value  // the summaries are printed before the exit
                throw error
            }
            return outcome.value
        }
    }

    /// The rows to import: FILE, `-` (stdin), or the records piped in.
    static func importSource(_ args: CommandArguments, input: Value, _ interpreter: inout Interpreter) async throws -> ImportSource {
        let range = args.command.positionals.first?.range ?? args.command.range
        guard let value = try await args.positional(0, &interpreter) else {
            if case .list(let records) = input, !records.isEmpty { return .records(records) }
            if case .record = input { return .records([input]) }
            throw RuntimeError("\(args.command.words.joined(separator: " ")) needs FILE, - (stdin) or records piped in", at: range)
        }
        if case .list(let records) = value { return .records(records) }
        var delimiter: UInt8?
        if let text = try await args.string("delimiter", &interpreter) {
            guard let byte = ImportSource.delimiter(named: text) else {
                throw RuntimeError(
                    "--delimiter must be ',', ';' or tab, got '\(text)'", at: args.range(of: "delimiter"))
            }
            delimiter = byte
        }
        let path = value.text
        var source: ImportSource
        if path == "-" {
            source = .standardInput(FileHandle.standardInput.readDataToEndOfFile())
        } else {
            switch Result(catching: { () throws(RuntimeError) -> ImportSource in try .file(path) }) {
            case .success(let file): source = file
            case .failure(let error): throw RuntimeError(error.message, at: range)
            }
        }
        source.delimiter = delimiter
        return source
    }

    static func importOptions<Target: ImportTarget>(
        _ args: CommandArguments, target: Target, source: inout ImportSource, session: Session, _ interpreter: inout Interpreter
    ) async throws -> MailboxImporter<Target>.Options {
        let size = try await args.int("batch-size", &interpreter) ?? target.maxBatchSize
        guard (1...target.maxBatchSize).contains(size) else {
            throw RuntimeError("--batch-size must be in 1…\(target.maxBatchSize), got \(size)", at: args.range(of: "batch-size"))
        }
        let limit = target.provider.maxInFlightPerAccount
        let parallel = try await args.int("parallel", &interpreter) ?? limit
        guard (1...limit).contains(parallel) else {
            throw RuntimeError("--parallel must be in 1…\(limit) (the provider admits at most \(limit) requests per account at once), got \(parallel)", at: args.range(of: "parallel"))
        }
        var options = MailboxImporter<Target>.Options(batchSize: size, parallel: parallel)
        options.skipInvalid = try await args.bool("skip-invalid", &interpreter) ?? false
        options.resendUnsettled = try await args.bool("resend-unsettled", &interpreter) ?? false
        options.dryRun = session.dryRun
        if session.progressIsTerminal { options.problemListLimit = 20 }
        options.problemReport = try await args.string("report", &interpreter)
        options.show = session.dryRunOutput
        let explicit = try await args.string("journal", &interpreter)
        if explicit != nil || session.journalDirectory != nil, !session.dryRun {
            let hash = try source.contentHash()
            let path = explicit ?? ImportJournal.path(directory: session.journalDirectory ?? "", contentHash: hash, profileKey: session.profileKey)
            options.journalPath = path
            // The rows are numbered as the file was read: a resumed import reads it with the
            // delimiter its journal recorded, and refuses another.
            if let recorded = ImportJournal.recordedDelimiter(path) {
                if let given = source.delimiter, given != recorded {
                    throw RuntimeError(
                        "the journal \(path) was written reading \(source.name) with \(ImportJournal.delimiterName(recorded)) as the delimiter; "
                            + "give --delimiter '\(ImportJournal.delimiterName(recorded))' (or remove the journal to start over)",
                        at: args.range(of: "delimiter"))
                }
                if source.delimiter == nil {
                    session.progress("\(source.name): read with '\(ImportJournal.delimiterName(recorded))' as the delimiter, as its journal recorded")
                }
                source.delimiter = recorded
            }
            options.journalHeader = "\(source.name) sha256:\(hash) profile:\(session.activeProfile)"
                + (source.delimiter.map { " delimiter:\(ImportJournal.delimiterName($0))" } ?? "")
        }
        return options
    }

    static func run<Target: ImportTarget>(
        _ importer: MailboxImporter<Target>, command: Command
    ) async throws -> MailboxImporter<Target>.Outcome {
        do {
            return try await importer.run()
        } catch let error as RuntimeError where error.range == nil {
            var located = error
            located.range = command.range
            throw located
        } catch let error as OutreachError where error.kind == .tls {
            throw RuntimeError(error, at: command.range)
        } catch let error as OutreachError {
            throw RuntimeError(error.description, at: command.range, exitCode: error.kind == .validation ? 2 : 1)
        }
    }

    /// POSTs a manual batch; a 409 naming mailboxes already pending or connected becomes the
    /// conflicts to reconcile.
    static func submitManual(_ client: OutreachClient, _ request: ManualBulkRequest) async throws -> SubmitResult {
        do {
            return .accepted(String(try await client.send(Woodpecker.SubmitManualBatch(request)).batch_id))
        } catch let error as OutreachError where error.kind == .api && error.apiError?.status == 409 {
            let conflicts = parseConflicts(error.apiError?.details ?? [], count: request.mailboxes.count)
            guard !conflicts.isEmpty else { throw error }
            return .conflicts(conflicts)
        }
    }

    /// `mailboxes[3].smtp_email: … is already pending in batch 12` → [3: "12"]; without a batch
    /// number the mailbox is taken to be already there.
    static func parseConflicts(_ details: [String], count: Int) -> [Int: String?] {
        var result: [Int: String?] = [:]
        for detail in details {
            guard let open = detail.range(of: "mailboxes["), let close = detail[open.upperBound...].firstIndex(of: "]"),
                let index = Int(detail[open.upperBound..<close]), (0..<count).contains(index)
            else { continue }
            var batch: String?
            if let word = detail.range(of: "batch ", options: .backwards) {
                let digits = detail[word.upperBound...].prefix { $0.isNumber }
                if !digits.isEmpty { batch = String(digits) }
            }
            result[index] = batch
        }
        return result
    }

    /// One request as `--dry-run` shows it (secrets masked).
    static func describe<E: Endpoint>(_ client: OutreachClient, _ endpoint: E) -> String {
        guard let prepared = try? client.prepare(endpoint) else { return "── dry run: would send \(endpoint.endpointDescription)" }
        return "── dry run: would send ──\n" + prepared.redactedDescription
    }

    /// One record per batch for the pipeline and `batch watch`: its size in rows, where they are
    /// (`lines`, a ``RowPlaceSet``: `2-201`, or `1[0-199]` for a JSON array on one line), and for
    /// sources that cannot be read again (standard input, records) each row's email.
    static func records<Target: ImportTarget>(
        _ outcome: MailboxImporter<Target>.Outcome, source: ImportSource, idKey: String, target: Target,
        session: Session
    ) -> Value {
        var emails: [Int: String] = [:]
        if source.path == nil, var reader = try? source.rows(known: target.knownColumns) {
            var number = 0
            while let row = try? reader.next() {
                number += 1
                emails[number] = target.email(of: target.item(from: row, checking: false).item)
            }
        }
        let places = outcome.places
        var result: [Value] = []
        for part in outcome.settled {
            let rows: LineSet
            var record: Record = [:]
            switch part {
            case .accepted(let id, let set):
                rows = set
                if id.isEmpty {
                    record[idKey] = .null
                    record["dry_run"] = .bool(true)
                } else {
                    record[idKey] = idKey == "batch_id" ? (Int(id).map(Value.int) ?? .string(id)) : .string(id)
                    session.batchIDs.append(id)
                    session.idLabels[id] = "\(rows.count) mailbox\(rows.count == 1 ? "" : "es") from \(source.name)"
                }
            case .existing(let set):
                rows = set
                record[idKey] = .null
                record["status"] = .string("already connected")
            }
            let placed = places.placeSet(of: rows), lines = placed.allLines
            record["size"] = .int(rows.count)
            record["first_line"] = .int(lines.first ?? 0)
            record["last_line"] = .int(lines.last ?? 0)
            record["lines"] = .string(placed.description)
            record["source"] = .string(source.path ?? source.name)
            if source.path == nil {
                // In the order of `lines`: source order.
                record["emails"] = .list(rows.ranges.flatMap { Array($0) }.map { .string(emails[$0] ?? "") })
            }
            result.append(.record(record))
        }
        if !outcome.skipped.isEmpty {
            // The rows --skip-invalid left out, for `batch watch --report` (outcome `skipped`).
            let numbers = outcome.skipped.keys.sorted()
            let placed = places.placeSet(of: LineSet(numbers)), lines = placed.allLines
            result.append(.record([
                idKey: .null, "status": .string("skipped"), "size": .int(numbers.count),
                "first_line": .int(lines.first ?? 0), "last_line": .int(lines.last ?? 0),
                "lines": .string(placed.description), "source": .string(source.path ?? source.name),
                "emails": .list(numbers.map { .string(outcome.skipped[$0]?.email ?? "") }),
                "reasons": .list(numbers.map { .string(outcome.skipped[$0]?.reason ?? "") }),
            ]))
        }
        return .list(result)
    }
}

/// Collects values from concurrent tasks.
actor ResultBox {
    private(set) var values: [Value] = []
    func append(_ values: [Value]) { self.values += values }
}
