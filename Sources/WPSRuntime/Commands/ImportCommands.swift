import Foundation
import OutreachAPI
import WPSLanguage

/// What `mailbox import` and `mailbox microsoft import` share: the source, the flags and options
/// of a checked, journaled, reconciled bulk import, and the records it returns.
enum ImportCommands {
    /// FILE, `-` for stdin, or nothing with records piped in.
    static let file = Positional<Value>("file", .file, optional: true, read: .value)
    static let batchSize = Flag<Int>(
        "batch-size",
        "mailboxes per batch ("
            + ProviderKits.mailboxConnections.map { "\($0.provider.displayName) 1…\($0.maxBatchSize)" }
            .joined(separator: "; ") + ")")
    static let parallel = Flag<Int>(
        "parallel",
        "batches in flight at once ("
            + ProviderKits.mailboxConnections.map {
                "\($0.provider.displayName) 1…\($0.family.maxInFlightPerAccount), default \($0.family.maxInFlightPerAccount)"
            }.joined(separator: "; ") + ")")
    static let journal = Flag<String>(
        "journal", .file, "where to journal the import (default: under $XDG_STATE_HOME/wps/imports)")
    static let resendUnsettled = Flag<Bool>(
        "resend-unsettled",
        "send again rows an earlier run sent without learning the outcome (where a provider cannot tell: "
            + ProviderKits.mailboxConnections.filter { !$0.reconcilesByResending }.map(\.provider.displayName)
            .joined(separator: ", ") + ")")

    /// `--map "FROM=TO,…"` (repeatable): each column FROM of the file read as TO, a column the
    /// import knows (its field name or an alias), both compared as ``ColumnName/key(_:)`` writes
    /// them. A TO the import does not know, or a pair without `=`, stops the command.
    static func columnRenames(_ invocation: Invocation, known: Set<String>) throws -> [String: String] {
        var renames: [String: String] = [:]
        for text in invocation.all(SharedFlags.columnMap) {
            for pair in text.split(separator: ",") where !pair.trimmingCharacters(in: .whitespaces).isEmpty {
                let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
                let from = ColumnName.key(parts.first ?? "")
                let to = ColumnName.key(parts.count == 2 ? parts[1] : "")
                guard parts.count == 2, !from.isEmpty, !to.isEmpty else {
                    throw RuntimeError(
                        "--map takes FILE COLUMN=COLUMN pairs, e.g. \"SMTP Host=smtp_server\", got '\(pair)'",
                        at: invocation.range(of: SharedFlags.columnMap), exitCode: 2)
                }
                guard known.contains(to) else {
                    let suggestion =
                        Suggestion.closest(to: to, in: Array(known)).map { " — did you mean '\($0)'?" } ?? ""
                    throw RuntimeError(
                        "--map: '\(parts[1])' is not a column this import knows\(suggestion) (known: "
                            + known.sorted().joined(separator: ", ") + ")",
                        at: invocation.range(of: SharedFlags.columnMap), exitCode: 2)
                }
                renames[from] = to
            }
        }
        return renames
    }

    /// The rows to import: FILE, `-` (stdin), or the records piped in, read as UTF-8 (see
    /// ``ImportSource/decoded(as:)`` and `--encoding`), without the columns `--ignore-column` names.
    static func importSource(_ invocation: Invocation) throws -> ImportSource {
        var source = try rowSource(invocation).decoded(
            as: invocation[SharedFlags.encoding].flatMap(ImportSource.Encoding.init(named:)))
        source.ignoredColumns = Set(invocation.all(SharedFlags.ignoreColumn).map(ImportSource.columnKey))
        return source
    }

    private static func rowSource(_ invocation: Invocation) throws -> ImportSource {
        let range = invocation.range(of: file)
        let input = invocation.input
        guard let value = invocation[file] else {
            if case .list(let records) = input, !records.isEmpty { return .records(records) }
            if case .record = input { return .records([input]) }
            throw RuntimeError("\(invocation.command.name) needs FILE, - (stdin) or records piped in", at: range)
        }
        if case .list(let records) = value { return .records(records) }
        let delimiter = invocation[SharedFlags.delimiter]
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

    /// The options the flags give. `scope` tells imports of the same file apart in the journal's
    /// name (`campaign-777001`: the same rows into another campaign are another import).
    static func importOptions<Target: ImportTarget>(
        _ invocation: Invocation, target: Target, source: inout ImportSource, session: Session,
        batchSizeFlag: Flag<Int> = batchSize, scope: String = ""
    ) throws -> MailboxImporter<Target>.Options {
        let size = invocation[batchSizeFlag] ?? target.maxBatchSize
        guard (1...target.maxBatchSize).contains(size) else {
            throw RuntimeError(
                "--batch-size must be in 1…\(target.maxBatchSize), got \(size)",
                at: invocation.range(of: batchSizeFlag))
        }
        let limit = target.family.maxInFlightPerAccount
        let parallel = invocation[Self.parallel] ?? limit
        guard (1...limit).contains(parallel) else {
            throw RuntimeError(
                "--parallel must be in 1…\(limit) (the provider admits at most \(limit) requests per account at once), got \(parallel)",
                at: invocation.range(of: Self.parallel))
        }
        source.renamedColumns = try columnRenames(invocation, known: target.knownColumns)
        var options = MailboxImporter<Target>.Options(batchSize: size, parallel: parallel)
        options.skipInvalid = invocation[SharedFlags.skipInvalid] ?? false
        options.resendUnsettled = invocation[resendUnsettled] ?? false
        options.dryRun = session.settings.dryRun
        if session.settings.progressIsTerminal { options.problemListLimit = 20 }
        options.problemReport = invocation[SharedFlags.problemReport]
        options.show = session.settings.dryRunOutput
        let explicit = invocation[journal]
        if explicit != nil || session.settings.journalDirectory != nil, !session.settings.dryRun {
            let hash = try source.contentHash()
            let path =
                explicit
                ?? ImportJournal.path(
                    directory: session.settings.journalDirectory ?? "", contentHash: hash,
                    profileKey: (scope.isEmpty ? "" : scope + "-") + session.connection.profileKey)
            options.journalPath = path
            // The rows are numbered as the file was read: a resumed import reads it with the
            // delimiter its journal recorded, and refuses another.
            if let recorded = ImportJournal.recordedDelimiter(path) {
                if let given = source.delimiter, given != recorded {
                    throw RuntimeError(
                        "the journal \(path) was written reading \(source.name) with \(ImportJournal.delimiterName(recorded)) as the delimiter; "
                            + "give --delimiter '\(ImportJournal.delimiterName(recorded))' (or remove the journal to start over)",
                        at: invocation.range(of: SharedFlags.delimiter))
                }
                if source.delimiter == nil {
                    session.settings.progress(
                        "\(source.name): read with '\(ImportJournal.delimiterName(recorded))' as the delimiter, as its journal recorded"
                    )
                }
                source.delimiter = recorded
            }
            options.journalHeader =
                "\(source.name) sha256:\(hash) profile:\(session.connection.activeProfile)"
                + (scope.isEmpty ? "" : " \(scope)")
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

    /// `mailbox import` with any provider's target: the flags' options (`adjust` adds the
    /// provider's), `--verify`, the checked and journaled import through `submit`, and one record
    /// per request keyed by `idKey`, failing when `--verify` kept rows back.
    static func importMailboxes<Target: VerifiableTarget>(
        _ invocation: Invocation, _ interpreter: Interpreter, _ session: Session, source: ImportSource,
        target: Target, idKey: String, describe: @escaping ([Target.Item]) -> String,
        adjust: (inout MailboxImporter<Target>.Options) -> Void = { _ in },
        submit: @escaping ImportSubmitter<Target.Item>
    ) async throws -> Value {
        var source = source
        let progress = ProgressLine(session.settings)
        var options = try importOptions(invocation, target: target, source: &source, session: session)
        options.describe = describe
        adjust(&options)
        options.verify = try ImportVerification.hook(
            invocation, interpreter, target: target, session: session, progress: progress)
        let importer = MailboxImporter(
            target: target, source: source, options: options, progress: progress, submit: submit)
        let outcome = try await run(importer, command: invocation.command)
        let records = records(outcome, source: source, idKey: idKey, target: target)
        try ImportVerification.failIfRowsWereKeptBack(
            outcome.unverified, of: outcome.places, source: source.name, records: records, invocation: invocation)
        return records
    }

    /// `mailboxes[3].smtp_email: … is already pending in batch 12` → [3: batch 12, pending];
    /// `… is already connected (batch 9)` → connected in batch 9; without a batch number the
    /// mailbox is taken to be already there.
    static func parseConflicts(_ details: [String], count: Int) -> [Int: Conflict] {
        var result: [Int: Conflict] = [:]
        for detail in details {
            guard let open = detail.range(of: "mailboxes["), let close = detail[open.upperBound...].firstIndex(of: "]"),
                let index = Int(detail[open.upperBound..<close]), (0..<count).contains(index)
            else { continue }
            var batch: String?
            if let word = detail.range(of: "batch ", options: .backwards) {
                let digits = detail[word.upperBound...].prefix { $0.isNumber }
                if !digits.isEmpty { batch = String(digits) }
            }
            result[index] = Conflict(batch: batch, isConnected: detail.contains("is already connected"))
        }
        return result
    }

    /// One request as `--dry-run` shows it (secrets masked).
    static func describe<E: Endpoint>(_ client: OutreachClient, _ endpoint: E) -> String {
        guard let prepared = try? client.prepare(endpoint) else {
            return "── dry run: would send \(endpoint.endpointDescription)"
        }
        return "── dry run: would send ──\n" + prepared.redactedDescription
    }

    /// One record per batch for the pipeline and `batch watch`: its size in rows, where they are
    /// (`lines`, a ``RowPlaceSet``: `2-201`, or `1[0-199]` for a JSON array on one line), and for
    /// sources that cannot be read again (standard input, records) each row's email.
    static func records<Target: ImportTarget>(
        _ outcome: MailboxImporter<Target>.Outcome, source: ImportSource, idKey: String, target: Target
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
                }
            case .existing(let set, let batch?, _):
                // Connected by a batch of an earlier import, with the settings the row gives as
                // far as the API shows them: recorded under that batch, as `batch watch` counts it.
                rows = set
                record[idKey] = idKey == "batch_id" ? (Int(batch).map(Value.int) ?? .string(batch)) : .string(batch)
            case .existing(let set, nil, let unapplied):
                rows = set
                record[idKey] = .null
                record["status"] = .string("already connected")
                let notApplied = unapplied.filter { !$0.value.fields.isEmpty }
                if !notApplied.isEmpty {
                    // Per row, the settings the API did not apply (`batch watch --report` names them).
                    record["not_applied"] = .list(
                        notApplied.sorted { $0.key < $1.key }.map { row, unapplied in
                            .record([
                                "line": .string(places.place(of: row).map(String.init(describing:)) ?? "\(row)"),
                                "email": .string(unapplied.email),
                                "fields": .list(unapplied.fields.map(Value.string)),
                                "warning": .string(unapplied.warning),
                            ])
                        })
                }
            case .outcome(let kind, let code, let set, _):
                rows = set
                record["outcome"] = .string(kind)
                record["code"] = code.map(Value.string) ?? .null
            }
            let placed = places.placeSet(of: rows)
            let lines = placed.allLines
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
            let placed = places.placeSet(of: LineSet(numbers))
            let lines = placed.allLines
            result.append(
                .record([
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
