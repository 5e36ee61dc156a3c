import OutreachAPI
import WPSLanguage

/// `mailbox import FILE|-`: connects mailboxes from a CSV, JSON or NDJSON file or piped records,
/// every row checked first, sent in batches, journaled so a second run sends only what was never
/// accepted.
enum MailboxImportCommand {
    static let notify = Flag<String>("notify", .choice(["mail"]), "mail me when each batch is processed")

    static let definition = CommandDefinition(
        ["mailbox", "import"],
        "Connect mailboxes from a CSV, JSON or NDJSON file (- for stdin, or piped records): every row is checked "
            + "first, then sent in batches (at most 200), journaled so a second run sends only what was never accepted.",
        category: .api, positionals: [ImportCommands.file],
        flags: [
            ImportCommands.batchSize, ImportCommands.parallel, SharedFlags.skipInvalid, SharedFlags.delimiter,
            SharedFlags.ignoreColumn, SharedFlags.columnMap, SharedFlags.encoding, SharedFlags.problemReport, notify,
            SharedFlags.provider, ImportCommands.journal,
            ImportCommands.resendUnsettled, ImportVerification.flag,
        ],
        examples: ["mailbox import boxes.csv | batch watch", "mailbox import boxes.csv --verify --skip-invalid"],
        sends: [
            "POST mailboxes/manual_connection/bulk", "GET mailboxes (mailboxes already connected: their settings)",
            "POST /v1/email-accounts/connect (--provider saleshandy)",
        ],
        tests: [
            "CommandTests.importChecksEveryRowBeforeSendingAnything",
            "e2e:test_import.py::test_killed_with_sigkill_and_run_again_lands_exactly_once",
        ]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        var source = try ImportCommands.importSource(invocation)
        let provider = invocation[SharedFlags.provider] ?? session.connection.provider
        let notify: [NotificationType]? = invocation[notify] == "mail" ? [.mail] : nil
        let progress = ProgressLine(session.settings)
        let client = session.connection.client
        let command = invocation.command
        if provider == .saleshandy {
            let target = SaleshandyAccountTarget()
            var options = try ImportCommands.importOptions(
                invocation, target: target, source: &source, session: session)
            options.reconcilesByResending = false
            options.describe = { items in ImportCommands.describe(client, Saleshandy.ConnectEmailAccounts(items)) }
            options.verify = try ImportVerification.hook(
                invocation, interpreter, target: target, session: session, progress: progress)
            let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) {
                items in
                .accepted(try await client.send(Saleshandy.ConnectEmailAccounts(items)).payload.requestId)
            }
            let outcome = try await ImportCommands.run(importer, command: command)
            let records = ImportCommands.records(outcome, source: source, idKey: "request_id", target: target)
            try ImportVerification.failIfRowsWereKeptBack(
                outcome.unverified, of: outcome.places, source: source.name, records: records, invocation: invocation)
            return records
        }
        let target = ManualMailboxTarget()
        var options = try ImportCommands.importOptions(invocation, target: target, source: &source, session: session)
        options.describe = { items in
            ImportCommands.describe(
                client,
                Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: items, completion_notification_types: notify))
            )
        }
        options.verify = try ImportVerification.hook(
            invocation, interpreter, target: target, session: session, progress: progress)
        let settings = ConnectedMailboxSettings(client: client)
        let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) { items in
            try await ImportCommands.submitManual(
                client, ManualBulkRequest(mailboxes: items, completion_notification_types: notify), settings: settings)
        }
        let outcome = try await ImportCommands.run(importer, command: command)
        let records = ImportCommands.records(outcome, source: source, idKey: "batch_id", target: target)
        try ImportVerification.failIfRowsWereKeptBack(
            outcome.unverified, of: outcome.places, source: source.name, records: records, invocation: invocation)
        return records
    }
}
