import Foundation
import OutreachAPI
import WPSLanguage

/// `prospect import FILE|-`: prospects from a CSV (as spreadsheets export it), JSON or NDJSON
/// file or piped records into the database or a campaign: every row checked first, sent 20,000 a
/// request within the rate limit, journaled so a second run sends only what was never answered,
/// and each row's outcome reported.
enum ProspectImportCommand {
    static let batchSize = ProspectImportFlags.batchSize
    static let report = ProspectImportFlags.report
    static let allowRejected = ProspectImportFlags.allowRejected

    static let definition = CommandDefinition(
        ["prospect", "import"],
        "Add prospects from a CSV, JSON or NDJSON file (- for stdin, or piped records), every row checked first, "
            + "20,000 a request, journaled so a second run sends only what was never answered.",
        category: .api,
        discussion: """
            Columns are the API's field names in any case (email, first_name, snippet1, …) or the names \
            spreadsheets export (Email, First Name, Company Name, Job Title, …); an empty cell is left out, so \
            --update keeps the stored value. The result is one record per outcome (added, updated, duplicate, \
            rejected with the API's code), and --report FILE.csv writes each row's. The exit status is 1 when \
            the API rejected any row, unless --allow-rejected. A lost answer is resent: a prospect the first \
            attempt added answers E_DUPLICATE, so nothing is added twice. --force admits prospects on the \
            BLACKLIST too: when the account has any, wps asks once before sending (--yes skips the question; \
            without a terminal it is needed).
            """,
        positionals: [ImportCommands.file],
        flags: [
            ProspectCommands.campaign, ProspectCommands.update, ProspectCommands.force, ProspectCommands.sendAfter,
            ProspectCommands.fileName, batchSize, ImportCommands.parallel, SharedFlags.skipInvalid,
            SharedFlags.delimiter, SharedFlags.ignoreColumn, SharedFlags.columnMap, SharedFlags.encoding, report,
            allowRejected, ImportCommands.journal,
            SharedFlags.yes,
        ],
        examples: [
            "prospect import leads.csv --campaign 777001 --report outcome.csv",
            "prospect import leads.csv --skip-invalid --update",
        ],
        sends: [
            "POST /rest/v1/add_prospects_list", "POST /rest/v1/add_prospects_campaign (--campaign)",
            "GET /rest/v1/prospects (--force: any on the BLACKLIST?)",
        ],
        tests: ["ProspectCommandTests.prospectImportSendsTwentyThousandARequestAndReportsEachRow"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        try ProspectCommands.checkCampaignFlags(invocation)
        var source = try ImportCommands.importSource(invocation)
        if let campaign = invocation[ProspectCommands.campaign] {
            try await ProspectCommands.confirmForcingBlacklistedRows(
                of: source.name, campaign: campaign, invocation: invocation, session: session)
        }
        let target = ProspectTarget()
        let scope =
            invocation[ProspectCommands.campaign].map { "prospects-campaign-\($0)" } ?? "prospects-database"
        var options = try ImportCommands.importOptions(
            invocation, target: target, source: &source, session: session, batchSizeFlag: batchSize, scope: scope)
        options.problemReport = invocation[report]
        options.reportsRows = true
        let client = session.connection.client
        options.describe = { items in describe(items, invocation: invocation, client: client) }
        let progress = ProgressLine(session.settings)
        let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) { items in
            .outcomes(try await ProspectCommands.send(items, invocation: invocation, client: client).map(\.outcome))
        }
        let outcome = try await ImportCommands.run(importer, command: invocation.command)
        if let path = invocation[report] {
            try writeReport(outcome, source: source, target: target, to: path, dryRun: session.settings.dryRun)
        }
        let records = ImportCommands.records(outcome, source: source, idKey: "request", target: target)
        let result = Value.list(records.items.map(summaryRecord))
        let rejected = outcome.settled.reduce(0) { count, part in
            if case .outcome("rejected", _, let rows, _) = part { return count + rows.count }
            return count
        }
        if rejected > 0, invocation[allowRejected] != true {
            let codes = outcome.settled.compactMap { part -> String? in
                guard case .outcome("rejected", let code, let rows, _) = part else { return nil }
                let meaning = code.flatMap { ErrorBody.V1Status.meanings[$0] }.map { " (\($0))" } ?? ""
                return "\(rows.count) \(code ?? "rejected")\(meaning)"
            }
            let seeReport = invocation[report].map { "; each is in \($0)" } ?? "; --report FILE.csv lists each"
            var error = RuntimeError(
                "the API rejected \(rejected) row\(rejected == 1 ? "" : "s") of \(source.name): "
                    + codes.joined(separator: ", ") + seeReport + " (--allow-rejected exits 0)",
                at: invocation.command.range, exitCode: 1)
            error.result = result
            throw error
        }
        return result
    }

    /// The record of one outcome class, `outcome` and `code` first: the batch-shaped record
    /// without the request id (a dry run's rows are `checked`, `--skip-invalid`'s `invalid`).
    static func summaryRecord(_ value: Value) -> Value {
        guard case .record(let fields) = value else { return value }
        var record = Record()
        record["outcome"] =
            fields["outcome"] ?? .string(fields["status"]?.text == "skipped" ? "invalid" : "checked")
        record["code"] = fields["code"] ?? .null
        for (key, field) in fields where !["outcome", "code", "request", "status", "dry_run"].contains(key) {
            record[key] = field
        }
        return .record(record)
    }

    /// The first request of a dry run, with its first three prospects shown (passwords are not
    /// among prospect fields; the key is masked as always).
    static func describe(_ items: [ProspectFields], invocation: Invocation, client: OutreachClient) -> String {
        let shown = Array(items.prefix(3))
        let more =
            items.count > shown.count ? "\n   … and \(items.count - shown.count) more prospects in this request" : ""
        let text: String
        if let id = invocation[ProspectCommands.campaign] {
            text = ImportCommands.describe(
                client,
                Woodpecker.AddProspectsCampaign(ProspectCommands.request(shown, invocation: invocation, campaign: id)))
        } else {
            let update = invocation[ProspectCommands.update] ?? false
            text = ImportCommands.describe(
                client,
                Woodpecker.AddProspectsList(
                    ProspectListRequest(
                        prospects: shown, update: update ? true : nil,
                        file_name: invocation[ProspectCommands.fileName])))
        }
        return text + more
    }

    /// `--report FILE.csv`: `line,email,outcome,code,message`, one row per source row in order (0600).
    static func writeReport(
        _ outcome: MailboxImporter<ProspectTarget>.Outcome, source: ImportSource, target: ProspectTarget,
        to path: String,
        dryRun: Bool
    ) throws {
        var byRow: [Int: (kind: String, code: String?, message: String?)] = [:]
        for part in outcome.settled {
            switch part {
            case .outcome(let kind, let code, let rows, let messages):
                for range in rows.ranges {
                    for row in range {
                        let message = messages[row] ?? code.flatMap { ErrorBody.V1Status.meanings[$0] }
                        byRow[row] = (kind, code, message)
                    }
                }
            case .accepted(_, let rows):
                for range in rows.ranges { for row in range { byRow[row] = (dryRun ? "checked" : "added", nil, nil) } }
            case .existing(let rows, _, _):
                for range in rows.ranges { for row in range { byRow[row] = ("duplicate", nil, nil) } }
            }
        }
        for (row, skipped) in outcome.skipped { byRow[row] = ("invalid", nil, skipped.reason) }
        var text = "line,email,outcome,code,message\n"
        var reader = try source.rows(known: target.knownColumns, columns: target.columnTable)
        var number = 0
        while let row = try reader.next() {
            number += 1
            let email = row.problem == nil ? target.item(from: row, checking: false).item.email : ""
            let found = byRow[number] ?? ("invalid", nil, row.problem)
            let place = outcome.places.place(of: number).map(String.init(describing:)) ?? "\(row.place)"
            let fields = [place, email, found.kind, found.code ?? "", found.message ?? ""]
            text += fields.map(MailboxImporter<ProspectTarget>.csvField).joined(separator: ",") + "\n"
        }
        try MailboxImporter<ProspectTarget>.writePrivately(text, to: path)
    }
}
