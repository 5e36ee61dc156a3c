import Foundation
import OutreachAPI
import WPSLanguage

/// `mailbox …` and `batch …`, compiled into the typed Woodpecker and Saleshandy requests.
enum MailboxCommands {
    /// Refuses a Woodpecker-only command (`mailbox list`, `mailbox get`) when Saleshandy is the
    /// provider asked for: its API documents only connect and its status, so nothing is sent.
    static func woodpeckerOnly(_ args: CommandArguments, _ verb: String, _ session: Session, _ interpreter: inout Interpreter) async throws {
        guard try await SaleshandyCommands.provider(args, session, &interpreter) == .saleshandy else { return }
        throw RuntimeError(
            "Saleshandy's API cannot \(verb) email accounts (it documents only connect and its status); mailbox \(verb) works with Woodpecker: --provider woodpecker",
            at: args.range(of: "provider"))
    }

    static func register(_ session: Session, into table: inout [String: Interpreter.CommandImplementation]) {
        table["mailbox add"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            if try await SaleshandyCommands.provider(args, session, &interpreter) == .saleshandy {
                return try await SaleshandyCommands.add(args, session, &interpreter)
            }
            let email = try await args.string("email", &interpreter)
            let password = try await args.string("password", &interpreter)
            let mailbox = ManualMailbox(
                smtp_email: email, smtp_login: try await args.string("login", &interpreter), smtp_password: password,
                smtp_server: try await args.string("smtp-server", &interpreter), smtp_port: try await args.int("smtp-port", &interpreter),
                smtp_from_name: try await args.string("from-name", &interpreter),
                imap_email: try await args.string("imap-email", &interpreter) ?? email,
                imap_password: try await args.string("imap-password", &interpreter) ?? password,
                imap_server: try await args.string("imap-server", &interpreter), imap_port: try await args.int("imap-port", &interpreter),
                footer: try await args.string("footer", &interpreter), bcc: try await args.string("bcc", &interpreter),
                open_tracking_domain: try await args.string("open-tracking-domain", &interpreter),
                click_tracking_domain: try await args.string("click-tracking-domain", &interpreter),
                unsubscribe_tracking_domain: try await args.string("unsubscribe-tracking-domain", &interpreter),
                sending_wait_time_from: try await args.int("wait-from", &interpreter), sending_wait_time_to: try await args.int("wait-to", &interpreter),
                daily_sending_limit: try await args.int("daily-limit", &interpreter))
            let notify: [NotificationType]? = try await args.string("notify", &interpreter) == "mail" ? [.mail] : nil
            let accepted = try await session.send(Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox], completion_notification_types: notify)), for: command)
            session.batchIDs.append(String(accepted.batch_id))
            session.idLabels[String(accepted.batch_id)] = "1 mailbox"
            return .record(["batch_id": .int(accepted.batch_id), "size": .int(1)])
        }
        table["mailbox list"] = { _, command, interpreter in
            try await woodpeckerOnly(CommandArguments(command: command), "list", session, &interpreter)
            return try ValueEncoder().encode(try await session.send(Woodpecker.ListMailboxes(), for: command))
        }
        table["mailbox get"] = { _, command, interpreter in
            try await woodpeckerOnly(CommandArguments(command: command), "get", session, &interpreter)
            guard let value = try await CommandArguments(command: command).positional(0, &interpreter) else { throw RuntimeError("mailbox get needs ID", at: command.range) }
            let id = try CommandArguments.int(value, what: "the mailbox ID", range: command.positionals.first?.range)
            return try ValueEncoder().encode(try await session.send(Woodpecker.GetMailbox(id: id), for: command))
        }
        table["mailbox microsoft add"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            var emails: [String] = []
            for index in command.positionals.indices { emails += (try await args.positional(index, &interpreter)?.items.map(\.text)) ?? [] }
            let name = try await args.string("name", &interpreter)
            let request = MicrosoftBulkRequest(credential_id: try await args.int("credential", &interpreter), accounts: emails.map { MicrosoftAccount(mailbox_email: $0, display_name: name) })
            return try ValueEncoder().encode(try await session.send(Woodpecker.ConnectMicrosoftMailboxes(request), for: command))
        }
        table["batch summary"] = { _, command, interpreter in
            guard let value = try await CommandArguments(command: command).positional(0, &interpreter) else { throw RuntimeError("batch summary needs ID", at: command.range) }
            let provider = try await SaleshandyCommands.provider(CommandArguments(command: command), session, &interpreter)
            if let id = saleshandyID(value) ?? (provider == .saleshandy ? value.text : nil) {
                return try SaleshandyCommands.status(id, try await session.send(Saleshandy.GetConnectStatus(requestID: id), for: command))
            }
            let id = try woodpeckerBatchID(batchValue(value), range: command.positionals.first?.range)
            return try summaryValue(id, try await session.send(Woodpecker.GetBatchSummary(batchID: id), for: command))
        }
    }

    /// A Saleshandy request id: from a `{request_id: …}` record.
    static func saleshandyID(_ value: Value) -> String? {
        if case .record(let record) = value, let id = record["request_id"] { return id.text }
        return nil
    }

    /// A Woodpecker batch id, which is a number; anything else is refused, pointing at
    /// Saleshandy's request ids (`129a184`), which only `--provider saleshandy` polls.
    static func woodpeckerBatchID(_ value: Value, range: SourceRange?) throws -> Int {
        // As every id argument: a number, digits, a whole double, or a record's `id`.
        if let id = try? CommandArguments.int(value, what: "the batch ID", range: range) { return id }
        throw RuntimeError(
            "'\(value.text)' is not a Woodpecker batch id (a number); a Saleshandy request id is watched with "
                + "--provider saleshandy (or a Saleshandy profile)",
            at: range, exitCode: 2)
    }

    /// A batch record's id (`{batch_id: 7}`), or the value itself.
    static func batchValue(_ value: Value) -> Value {
        if case .record(let record) = value, let id = record["batch_id"] { return id }
        return value
    }

    /// A summary as a record, led by its batch id and with a derived `failed_mailboxes_count`.
    static func summaryValue(_ id: Int, _ summary: BatchSummary) throws -> Value {
        guard case .record(let fields) = try ValueEncoder().encode(summary) else { return .null }
        var record: Record = ["batch_id": .int(id)]
        for (key, value) in fields { record[key] = value }
        record["failed_mailboxes_count"] = .int(summary.failedCount)
        return .record(record)
    }
}
