import Foundation
import OutreachAPI
import WPSLanguage

/// `prospect import FILE --sequence ID` with Saleshandy: the rows of a CSV (as spreadsheets export
/// it), JSON or NDJSON file, checked first by the same reader as every import, sent up to 100,000
/// a request into a step of the sequence, journaled so a second run sends only what was never
/// answered; each request's import is then watched through its status to its report, whose
/// failed rows are counted and named.
enum SaleshandyProspectImportCommand {
    static let sequence = Flag<String>("sequence", .string, "the sequence to import into", required: true)
    static let step = Flag<String>(
        "step", .string, "the step the prospects enter (default: the sequence's first)", fields: ["stepId"])
    static let conflict = Flag<String>(
        "conflict", .choice(SaleshandyProspectImport.conflictActions),
        "what becomes of a prospect that exists: overwrite, noUpdate (default) or addMissingFields",
        fields: ["conflictAction"])
    static let verifyProspects = Flag<Bool>(
        "verify-prospects", "have Saleshandy verify the addresses", fields: ["verifyProspects"])
    static let tag = Flag<String>(
        "tag", .string, "a tag for every imported prospect (repeatable; missing tags are created)", repeatable: true,
        fields: ["tags"])

    static let definition = CommandDefinition(
        ["prospect", "import"],
        "Add prospects from a CSV, JSON or NDJSON file into a sequence's step: every row checked first, up to "
            + "100,000 a request, journaled, each import watched to its report.",
        category: .api,
        positionals: [ImportCommands.file],
        flags: [
            sequence, step, conflict, verifyProspects, tag, ProspectImportFlags.batchSize, ImportCommands.parallel,
            SharedFlags.skipInvalid, SharedFlags.delimiter, SharedFlags.ignoreColumn, SharedFlags.columnMap,
            SharedFlags.encoding, ProspectImportFlags.report, ProspectImportFlags.allowRejected,
            ImportCommands.journal, SharedFlags.provider,
        ],
        examples: ["prospect import leads.csv --provider saleshandy --sequence sq7Kd2mPq1 --tag q4"],
        sends: [
            "GET /v1/sequences/{sequenceId}/steps (the step is the sequence's)",
            "POST /v1/sequences/prospects/import-with-field-name", "GET /v1/prospects/import-status/{requestId}",
        ],
        tests: ["e2e:test_saleshandy_prospects.py::test_a_spreadsheet_lands_in_a_sequence_with_its_report"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        var source = try ImportCommands.importSource(invocation)
        let stepID = try await chosenStep(invocation, session)
        let target = SaleshandyProspectTarget()
        var options = try ImportCommands.importOptions(
            invocation, target: target, source: &source, session: session,
            batchSizeFlag: ProspectImportFlags.batchSize, scope: "sequence-step-\(stepID)")
        options.problemReport = invocation[ProspectImportFlags.report]
        let client = session.connection.client
        let conflictAction = invocation[conflict] ?? "noUpdate"
        let tags = invocation.all(tag)
        let verify = invocation[verifyProspects]
        @Sendable func request(_ items: [[String: String]]) -> SaleshandyProspectImport {
            SaleshandyProspectImport(
                prospectList: items, stepId: stepID, conflictAction: conflictAction, verifyProspects: verify,
                tags: tags.isEmpty ? nil : tags)
        }
        options.describe = { items in
            let shown = Array(items.prefix(3))
            let more =
                items.count > shown.count
                ? "\n   … and \(items.count - shown.count) more prospects in this request" : ""
            return ImportCommands.describe(client, Saleshandy.ImportProspects(request(shown))) + more
        }
        let progress = ProgressLine(session.settings)
        let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) { items in
            .accepted(try await client.send(Saleshandy.ImportProspects(request(items))).payload.requestId)
        }
        let outcome = try await ImportCommands.run(importer, command: invocation.command)
        var requests: [(id: String, rows: LineSet)] = []
        for case .accepted(let id, let rows) in outcome.settled where !id.isEmpty { requests.append((id, rows)) }
        let watcher = BatchWatcher(
            session: session, progress: progress, interval: .milliseconds(250), range: invocation.command.range)
        let statuses = try await watcher.poll(
            requests.map(\.id), what: "imports",
            fetch: { id in try await client.send(Saleshandy.GetImportStatus(requestID: id)) },
            finished: \.isCompleted,
            line: { statuses in
                let done = statuses.filter(\.isCompleted).count
                return ("imports \(done)/\(requests.count) completed", done, requests.count)
            })
        var failures: [String: String] = [:]  // lower-cased email → reason
        for (id, _) in requests {
            guard let link = statuses[id]?.reportURL else { continue }
            for (email, reason) in try await reportRows(link, client: client, range: invocation.command.range) {
                failures[email.lowercased()] = reason
            }
        }
        let records = ImportCommands.records(outcome, source: source, idKey: "request_id", target: target)
        let rows = try ImportReportRows(source: source, target: target, outcome: outcome, failures: failures)
        if let path = invocation[ProspectImportFlags.report] { try rows.write(to: path) }
        let result = Value.list(
            records.items.map { record in
                guard case .record(var fields) = record, let id = fields["request_id"]?.text, !id.isEmpty else {
                    return record
                }
                fields["report_url"] = statuses[id]?.reportURL.map(Value.string) ?? .null
                fields["failed"] = .int(rows.failed(inRequest: id))
                return .record(fields)
            })
        let failed = rows.failedCount
        if failed > 0, invocation[ProspectImportFlags.allowRejected] != true {
            let sample = rows.failureSample
            let seeReport =
                invocation[ProspectImportFlags.report].map { "; each is in \($0)" } ?? "; --report FILE.csv lists each"
            var error = RuntimeError(
                "Saleshandy did not import \(failed) row\(failed == 1 ? "" : "s") of \(source.name) (\(sample))"
                    + seeReport + " (--allow-rejected exits 0)",
                at: invocation.command.range, exitCode: 1)
            error.result = result
            throw error
        }
        return result
    }

    /// The step the prospects enter: `--step` when it is one of the sequence's, else its first.
    static func chosenStep(_ invocation: Invocation, _ session: Session) async throws -> String {
        let sequenceID = try invocation.required(sequence)
        let steps = try await session.connection.send(
            Saleshandy.GetSequenceSteps(sequenceID: sequenceID), for: invocation.command
        ).payload.sorted { $0.number < $1.number }
        if let given = invocation[step] {
            guard steps.contains(where: { $0.id == given }) else {
                throw RuntimeError(
                    "step \(given) is not a step of sequence \(sequenceID) (its steps: "
                        + steps.map { "\($0.id) day \($0.absoluteDays)" }.joined(separator: ", ") + ")",
                    at: invocation.range(of: step), exitCode: 2)
            }
            return given
        }
        guard let first = steps.first else {
            throw RuntimeError(
                "sequence \(sequenceID) has no step to import into: add one (sequence step add \(sequenceID) --day 1 …)",
                at: invocation.range(of: sequence), exitCode: 2)
        }
        return first.id
    }

    /// The rows of an import's report (`Email,Reason`), read from its link: absolute, or a path
    /// on the API's host.
    static func reportRows(_ link: String, client: OutreachClient, range: SourceRange) async throws
        -> [(String, String)]
    {
        var url = link
        var headers: [(name: String, value: String)] = [("accept", "text/csv")]
        if link.hasPrefix("/") {
            // A path on the API's own host is read as the API is, with the key; a link elsewhere
            // (a presigned file) gets no key.
            let base = client.configuration.baseURL(for: .saleshandy)
            if let parsed = URL(string: base), let scheme = parsed.scheme, let host = parsed.host {
                url = "\(scheme)://\(host)" + (parsed.port.map { ":\($0)" } ?? "") + link
            }
            if let key = client.configuration.apiKeys[.saleshandy] { headers.append(("x-api-key", key)) }
        }
        let response = try await client.execute(
            PreparedRequest(
                method: .get, url: url, headers: headers, body: nil, endpoint: "GET the import's report",
                family: .saleshandy),
            idempotent: true)
        guard response.status == 200 else {
            throw RuntimeError(
                "the import's report \(link) could not be read (HTTP \(response.status)); the prospects were sent",
                at: range, exitCode: 1)
        }
        let text = String(decoding: response.body, as: UTF8.self)
        var reader = try ImportSource.standardInput(Data(text.utf8)).rows(known: ["email", "reason"])
        var result: [(String, String)] = []
        while let row = try reader.next() {
            result.append((row.value(["email"]) ?? "", row.value(["reason"]) ?? ""))
        }
        return result
    }
}
