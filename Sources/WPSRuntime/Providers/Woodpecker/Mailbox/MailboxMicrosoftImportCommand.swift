import OutreachAPI
import WPSLanguage

/// `mailbox microsoft import FILE`: connects the Microsoft mailboxes a file lists
/// (`mailbox_email`, `display_name`), checked first; each request connects synchronously.
enum MailboxMicrosoftImportCommand {
    static let batchSize = Flag<Int>("batch-size", "mailboxes per request (1…100)")

    static let definition = CommandDefinition(
        ["mailbox", "microsoft", "import"],
        "Connect Microsoft mailboxes listed in a file (mailbox_email, display_name).",
        category: .api, positionals: [ImportCommands.file],
        flags: [
            MailboxMicrosoftAddCommand.credential, batchSize, SharedFlags.skipInvalid, SharedFlags.delimiter,
            SharedFlags.ignoreColumn, SharedFlags.columnMap, SharedFlags.encoding, SharedFlags.problemReport,
        ],
        examples: ["mailbox microsoft import microsoft.csv --skip-invalid"], sends: ["POST mailboxes/microsoft/bulk"],
        tests: ["e2e:test_import.py::test_microsoft_rows_of_a_one_line_array_are_rows"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        var source = try ImportCommands.importSource(invocation)
        let credential = invocation[MailboxMicrosoftAddCommand.credential]
        let target = MicrosoftAccountTarget()
        var options = try ImportCommands.importOptions(invocation, target: target, source: &source, session: session)
        options.journalPath = nil  // each request connects synchronously; its answer is the record
        options.parallel = 1
        let client = session.connection.client
        options.describe = { items in
            ImportCommands.describe(
                client,
                Woodpecker.ConnectMicrosoftMailboxes(MicrosoftBulkRequest(credential_id: credential, accounts: items)))
        }
        let collected = ResultBox()
        let progress = ProgressLine(session.settings)
        let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) { items in
            let results = try await client.send(
                Woodpecker.ConnectMicrosoftMailboxes(MicrosoftBulkRequest(credential_id: credential, accounts: items)))
            await collected.append(try results.map { try ValueEncoder().encode($0) })
            return .accepted("")
        }
        let outcome = try await ImportCommands.run(importer, command: invocation.command)
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
}
