import Foundation
import OutreachAPI
import Preflight
import WPSLanguage

/// `mailbox verify FILE|-` or `mailbox verify --email … --password … --smtp-server …`: logs in
/// to each mailbox's SMTP and IMAP servers as the provider will (TLS, AUTH, LOGIN; never MAIL
/// FROM) and says, per mailbox, what failed and what to do. Calls no API: no profile is needed.
enum MailboxVerifyCommand {
    // The one-mailbox flags are `mailbox add`'s (and answer to the same API field names); none is
    // required, as a file can stand in for them.
    static let email = MailboxAddCommand.email.notRequired
    static let password = MailboxAddCommand.password.notRequired
    static let imapLogin = Flag<String>(
        "imap-login", .string, "the IMAP login, if not the IMAP email", fields: ["imap_login", "imapUserName"])
    static let smtpTLS = Flag<String>(
        "smtp-tls", .choice(TransportSecurity.allCases.map(\.rawValue)),
        "how SMTP gets TLS: auto (default: from the first byte on port 465, else STARTTLS), implicit or starttls")
    static let imapTLS = Flag<String>(
        "imap-tls", .choice(TransportSecurity.allCases.map(\.rawValue)),
        "how IMAP gets TLS: auto (default: from the first byte on port 993, else STARTTLS), implicit or starttls")
    static let allowPlaintext = Flag<Bool>(
        "allow-plaintext", "send the password over a connection without TLS when the server offers none")
    static let report = Flag<String>(
        "report", .file, "write one CSV row per mailbox (line, email, smtp, imap, detail, hint)")
    static let allowFailures = Flag<Bool>("allow-failures", "exit 0 even when mailboxes failed")
    static let plan = Flag<Bool>(
        "plan", "list the connections it would make and make none (what wps --dry-run does for the whole run)")
    static let parallel = Flag<Int>("parallel", "mailboxes checked at once (1…64, default 8)")
    static let perHost = Flag<Int>("per-host", "connections at once to one server host (1…16, default 2)")
    static let timeout = Flag<Duration>(
        "timeout", .string, "the longest one connection may take: 5s, 1m (default 15s)", read: .interval)

    static let definition = CommandDefinition(
        ["mailbox", "verify"],
        "Log in to mailboxes' SMTP and IMAP servers (nothing is sent) and say which fail, why, and what to do.",
        category: .api,
        discussion: """
            Takes what mailbox import takes (a CSV, JSON or NDJSON file, - for stdin, or piped records; the same \
            columns, --delimiter, --ignore-column), or one mailbox with mailbox add's flags. For each mailbox: SMTP \
            (TLS from the first byte on 465, else STARTTLS; EHLO; AUTH PLAIN or LOGIN; QUIT — never MAIL FROM) and \
            IMAP (TLS on 993, else STARTTLS; LOGIN; LOGOUT). Certificates are checked against the system's roots \
            and wps --ca-file. Each status is ok, auth_failed, tls_mismatch, plaintext_refused, certificate, \
            unreachable, timeout or protocol, with the server's reply in detail (never the password) and a hint. \
            Exits 1 when a mailbox failed, unless --allow-failures. --plan (or wps --dry-run) lists the connections \
            and makes none: mailbox verify boxes.csv --report verified.csv checks them.
            """,
        positionals: [ImportCommands.file],
        flags: [
            email, password, MailboxAddCommand.login, MailboxAddCommand.smtpServer, MailboxAddCommand.smtpPort,
            MailboxAddCommand.imapEmail, MailboxAddCommand.imapPassword, imapLogin, MailboxAddCommand.imapServer,
            MailboxAddCommand.imapPort, smtpTLS, imapTLS, allowPlaintext,
            SharedFlags.delimiter, SharedFlags.ignoreColumn, SharedFlags.columnMap, SharedFlags.encoding, report,
            allowFailures, parallel, perHost, timeout, plan,
        ],
        examples: ["mailbox verify boxes.csv --plan"],
        sends: [],
        tests: [
            "e2e:test_mailbox_verify.py::test_closed_port_is_unreachable_at_once",
            "e2e:test_mailbox_verify.py::test_a_file_of_rows_gives_one_record_per_row_and_a_report",
        ]
    ) { invocation, interpreter in
        let settings = interpreter.session?.settings
        let progress =
            settings.map { ProgressLine($0) }
            ?? ProgressLine(isTerminal: false) { FileHandle.standardError.write(Data(($0 + "\n").utf8)) }
        let loginSettings = try loginSettings(invocation, interpreter)
        let mailboxes = try mailboxes(invocation, settings: loginSettings, progress: progress)
        if settings?.dryRun == true || invocation[plan] == true {
            let show = settings?.dryRunOutput ?? { print($0) }
            var planned: [Value] = []
            for mailbox in mailboxes {
                for connection in mailbox.plannedConnections {
                    show("── dry run: would connect: \(connection) (line \(mailbox.line))")
                    planned.append(
                        .record([
                            "line": .string(mailbox.line), "email": .string(mailbox.email),
                            "connection": .string(connection), "dry_run": .bool(true),
                        ]))
                }
            }
            return .list(planned)
        }
        let verifier = MailboxVerifier(
            parallel: try bounded(invocation, parallel, 1...64, default: 8),
            perHost: try bounded(invocation, perHost, 1...16, default: 2), progress: progress)
        let reportPath = invocation[report]
        if let reportPath {
            // Made before the first connection: a report that cannot be written stops the run
            // before any login is tried, not after all of them.
            try writeReport([], to: reportPath, at: invocation.range(of: report), exitCode: 2)
        }
        let verdicts = await verifier.run(mailboxes)
        let value = Value.list(verdicts.map(\.value))
        if let reportPath {
            do throws(RuntimeError) {
                try writeReport(verdicts, to: reportPath, at: invocation.range(of: report), exitCode: 1)
            } catch var error {
                error.result = value
                throw error
            }
            progress.note("report: \(verdicts.count) \(mailboxNoun(verdicts.count)) → \(reportPath)")
        }
        let failed = verdicts.filter { !$0.passed }
        progress.note(summary(verdicts, of: mailboxes.count))
        if Task.isCancelled {
            var error = RuntimeError(
                "interrupted: \(mailboxes.count - verdicts.count) not checked", at: invocation.command.range,
                exitCode: 130)
            error.result = value
            throw error
        }
        if !failed.isEmpty, invocation[allowFailures] != true {
            var error = RuntimeError(
                "\(failed.count) of \(verdicts.count) \(mailboxNoun(verdicts.count)) failed verification; "
                    + "--allow-failures carries on",
                at: invocation.command.range, exitCode: 1)
            error.result = value
            throw error
        }
        return value
    }

    static func mailboxNoun(_ count: Int) -> String { count == 1 ? "mailbox" : "mailboxes" }

    /// What every login of the run shares, from the flags and `--ca-file`.
    static func loginSettings(_ invocation: Invocation, _ interpreter: Interpreter) throws -> MailboxLogins.Settings {
        var settings = MailboxLogins.Settings()
        settings.smtpSecurity = invocation[smtpTLS].flatMap(TransportSecurity.init(rawValue:)) ?? .auto
        settings.imapSecurity = invocation[imapTLS].flatMap(TransportSecurity.init(rawValue:)) ?? .auto
        settings.allowsPlaintext = invocation[allowPlaintext] ?? false
        // The reader takes 1ms…1d only.
        if let given = invocation[timeout] { settings.timeout = given }
        if let path = interpreter.session?.connection.activeCAFile {
            do {
                settings.trusted = try TrustedCertificates(pemFile: path)
            } catch {
                throw RuntimeError("\(error)", at: invocation.command.range, exitCode: 2)
            }
        }
        do {
            settings.tls = try MailTLS(trusting: settings.trusted?.certificates ?? [])
        } catch {
            throw RuntimeError("cannot set up TLS: \(error)", at: invocation.command.range, exitCode: 2)
        }
        return settings
    }

    static func bounded(_ invocation: Invocation, _ flag: Flag<Int>, _ range: ClosedRange<Int>, default value: Int)
        throws -> Int
    {
        let given = invocation[flag] ?? value
        guard range.contains(given) else {
            throw RuntimeError(
                "--\(flag.name) must be in \(range.lowerBound)…\(range.upperBound), got \(given)",
                at: invocation.range(of: flag), exitCode: 2)
        }
        return given
    }

    /// The mailboxes: the one the flags describe, or every row of the file, stdin or pipeline,
    /// checked first as `mailbox import` checks them (a row's problem stops the run, located).
    static func mailboxes(
        _ invocation: Invocation, settings: MailboxLogins.Settings, progress: ProgressLine
    ) throws -> [MailboxLogins] {
        guard invocation[ImportCommands.file] != nil || invocation.input != .null else {
            return [try flagMailbox(invocation, settings: settings)]
        }
        if let given = mailboxFlags.first(where: { invocation.isGiven($0) }) {
            throw RuntimeError(
                "--\(given.flagDescriptor.name) describes one mailbox, and the rows of "
                    + (invocation[ImportCommands.file] == nil ? "the records piped in" : "FILE")
                    + " describe the mailboxes: give one or the other",
                at: invocation.givenRange(of: given), exitCode: 2)
        }
        let target = ManualMailboxTarget()
        var source = try ImportCommands.importSource(invocation)
        source.renamedColumns = try ImportCommands.columnRenames(invocation, known: target.knownColumns)
        var options = MailboxImporter<ManualMailboxTarget>.Options(batchSize: target.maxBatchSize, parallel: 1)
        options.invalidRowsOutcome = "nothing was checked"
        let importer = MailboxImporter(target: target, source: source, options: options, progress: progress) { _ in
            .accepted("")
        }
        let checked = try importer.checkReportingProblems()
        var reader = try importer.reading.rows(known: target.knownColumns, columns: target.columnTable)
        var result: [MailboxLogins] = []
        var number = 0
        while let row = try reader.next() {
            number += 1
            let place = checked.places.place(of: number).map(String.init(describing:)) ?? "\(row.line)"
            let mailbox = target.item(from: row, checking: false).item
            result.append(MailboxLogins(line: place, mailbox: mailbox, settings: settings))
        }
        return result
    }

    /// The flags that describe the one mailbox of a run without FILE.
    static let mailboxFlags: [any FlagReading] = [
        email, password, MailboxAddCommand.login, MailboxAddCommand.smtpServer, MailboxAddCommand.smtpPort,
        MailboxAddCommand.imapEmail, MailboxAddCommand.imapPassword, imapLogin, MailboxAddCommand.imapServer,
        MailboxAddCommand.imapPort,
    ]

    /// The mailbox of `--email … --password … --smtp-server …`, checked by the rules of the
    /// API's manual connection (as `mailbox add` sends it).
    static func flagMailbox(_ invocation: Invocation, settings: MailboxLogins.Settings) throws -> MailboxLogins {
        guard let address = invocation[email], let secret = invocation[password] else {
            throw RuntimeError(
                "mailbox verify needs FILE, - (stdin), records piped in, or one mailbox: --email, --password, "
                    + "--smtp-server, --smtp-port, --imap-server, --imap-port",
                at: invocation.command.range, exitCode: 2)
        }
        let smtpPort = invocation[MailboxAddCommand.smtpPort] ?? MailProtocol.smtp.defaultPort(settings.smtpSecurity)
        let imapPort = invocation[MailboxAddCommand.imapPort] ?? MailProtocol.imap.defaultPort(settings.imapSecurity)
        let mailbox = ManualMailbox(
            smtp_email: address, smtp_login: invocation[MailboxAddCommand.login], smtp_password: secret,
            smtp_server: invocation[MailboxAddCommand.smtpServer], smtp_port: smtpPort,
            imap_email: invocation[MailboxAddCommand.imapEmail] ?? address,
            imap_password: invocation[MailboxAddCommand.imapPassword] ?? secret,
            imap_server: invocation[MailboxAddCommand.imapServer], imap_port: imapPort)
        let problems = Validation.manualMailbox(mailbox, path: "").filter {
            // One protocol at a time is fine here: a server not given is not checked.
            !["smtp_server", "imap_server"].contains($0.path)
        }
        if let problem = problems.first {
            throw RuntimeError("\(problem)", at: invocation.command.range, exitCode: 2)
        }
        guard mailbox.smtp_server != nil || mailbox.imap_server != nil else {
            throw RuntimeError(
                "mailbox verify needs --smtp-server or --imap-server (or both)", at: invocation.command.range,
                exitCode: 2)
        }
        return MailboxLogins(
            line: "flags", mailbox: mailbox, imapLogin: invocation[imapLogin], settings: settings)
    }

    /// `verify: 3 mailboxes: 2 ok, 1 failed (smtp auth_failed: 1)`.
    static func summary(_ verdicts: [MailboxVerdict], of total: Int) -> String {
        let failed = verdicts.filter { !$0.passed }
        var counts: [String: Int] = [:]
        for verdict in failed {
            if verdict.smtp.status != .ok, verdict.smtp.status != .skipped {
                counts["smtp \(verdict.smtp.status.rawValue)", default: 0] += 1
            }
            if verdict.imap.status != .ok, verdict.imap.status != .skipped {
                counts["imap \(verdict.imap.status.rawValue)", default: 0] += 1
            }
        }
        let breakdown = counts.sorted { $0.key < $1.key }.map { "\($0.key): \($0.value)" }.joined(separator: ", ")
        let stopped = verdicts.count < total ? " (stopped: \(total - verdicts.count) not checked)" : ""
        return "verify: \(verdicts.count) mailbox\(verdicts.count == 1 ? "" : "es"): "
            + "\(verdicts.count - failed.count) ok, \(failed.count) failed"
            + (breakdown.isEmpty ? "" : " (\(breakdown))") + stopped
    }

    /// Writes the report (0600), a header and one row per verdict; `exitCode` when it cannot.
    static func writeReport(_ verdicts: [MailboxVerdict], to path: String, at range: SourceRange, exitCode: Int32)
        throws(RuntimeError)
    {
        var text = MailboxVerdict.reportHeader.joined(separator: ",") + "\n"
        for verdict in verdicts {
            text += verdict.reportRow.map(MailboxImporter<ManualMailboxTarget>.csvField).joined(separator: ",") + "\n"
        }
        do {
            try MailboxImporter<ManualMailboxTarget>.writePrivately(text, to: path)
        } catch {
            throw RuntimeError(error.message, at: range, exitCode: exitCode)
        }
    }
}
