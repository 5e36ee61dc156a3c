import OutreachAPI
import WPSLanguage

/// `mailbox import FILE|-`: connects mailboxes from a CSV, JSON or NDJSON file or piped records,
/// every row checked first, sent in batches, journaled so a second run sends only what was never
/// accepted — by the provider's ``MailboxConnection``.
enum MailboxImportCommand {
    static let definition = CommandDefinition(
        ["mailbox", "import"],
        "Connect mailboxes from a CSV, JSON or NDJSON file (- for stdin, or piped records): every row is checked "
            + "first, then sent in batches (at most 200), journaled so a second run sends only what was never accepted.",
        category: .api, positionals: [ImportCommands.file],
        flags: [
            ImportCommands.batchSize, ImportCommands.parallel, SharedFlags.skipInvalid, SharedFlags.delimiter,
            SharedFlags.ignoreColumn, SharedFlags.columnMap, SharedFlags.encoding, SharedFlags.problemReport,
        ] + ProviderKits.mailboxConnections.flatMap(\.importFlags) + [
            SharedFlags.provider, ImportCommands.journal, ImportCommands.resendUnsettled, ImportVerification.flag,
        ],
        examples: ["mailbox import boxes.csv | batch watch", "mailbox import boxes.csv --verify --skip-invalid"],
        sends: ProviderKits.mailboxConnections.flatMap(\.sends.import),
        tests: [
            "CommandTests.importChecksEveryRowBeforeSendingAnything",
            "e2e:test_import.py::test_killed_with_sigkill_and_run_again_lands_exactly_once",
        ]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let source = try ImportCommands.importSource(invocation)
        return try await ProviderKits.mailboxes(for: invocation, session).importMailboxes(
            invocation, interpreter, session, source: source)
    }
}
