import CSV
import Foundation
import OutreachAPI
import WPSLanguage

/// `mailbox …` and `batch …`, compiled into the typed Woodpecker and Saleshandy requests.
enum MailboxCommands {
    /// CSV column aliases for the API's field names.
    static let aliases: [String: String] = [
        "email": "smtp_email", "password": "smtp_password", "host": "smtp_server", "smtp_host": "smtp_server",
        "port": "smtp_port", "login": "smtp_login", "from_name": "smtp_from_name", "imap_host": "imap_server",
    ]

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
        table["mailbox import"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            guard let path = try await args.positional(0, &interpreter)?.text else { throw RuntimeError("mailbox import needs FILE", at: command.range) }
            if try await SaleshandyCommands.provider(args, session, &interpreter) == .saleshandy {
                return try await importSaleshandy(path, args, session, &interpreter)
            }
            let rows = try readRows(path, at: command.positionals.first?.range)
            var problems: [String] = []
            for row in rows {
                for problem in Validation.manualMailbox(row.mailbox, path: "") { problems.append("\(path):\(row.line): \(problem)") }
            }
            guard problems.isEmpty else {
                throw RuntimeError("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(path); nothing was sent:\n  " + problems.joined(separator: "\n  "), at: command.range)
            }
            let size = try await args.int("batch-size", &interpreter) ?? ManualBulkRequest.maxBatchSize
            guard (1...ManualBulkRequest.maxBatchSize).contains(size) else {
                throw RuntimeError("--batch-size must be in 1…200, got \(size)", at: args.range(of: "batch-size"))
            }
            let notify: [NotificationType]? = try await args.string("notify", &interpreter) == "mail" ? [.mail] : nil
            var batches: [Value] = []
            for start in stride(from: 0, to: rows.count, by: size) {
                let chunk = Array(rows[start..<min(start + size, rows.count)])
                let accepted = try await session.send(
                    Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: chunk.map(\.mailbox), completion_notification_types: notify)), at: command.range)
                session.batchIDs.append(String(accepted.batch_id))
                session.idLabels[String(accepted.batch_id)] = "\(chunk.count) mailboxes from \(path)"
                batches.append(.record([
                    "batch_id": .int(accepted.batch_id), "size": .int(chunk.count), "first_line": .int(chunk.first?.line ?? 0),
                    "last_line": .int(chunk.last?.line ?? 0),
                ]))
                session.progress("batch \(accepted.batch_id): \(chunk.count) mailbox\(chunk.count == 1 ? "" : "es") accepted")
            }
            return .list(batches)
        }
        table["mailbox list"] = { _, command, _ in
            try ValueEncoder().encode(try await session.send(Woodpecker.ListMailboxes(), for: command))
        }
        table["mailbox get"] = { _, command, interpreter in
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
        table["mailbox microsoft import"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            guard let path = try await args.positional(0, &interpreter)?.text else {
                throw RuntimeError("mailbox microsoft import needs FILE", at: command.range)
            }
            let accounts: [MicrosoftAccount]
            do {
                accounts = try ValueReader.read(path).items.map { row in
                    guard case .record(let record) = row else { throw RuntimeError("\(path): each row needs mailbox_email") }
                    return MicrosoftAccount(
                        mailbox_email: (record["mailbox_email"] ?? record["email"])?.text,
                        display_name: (record["display_name"] ?? record["name"]).map(\.text).flatMap { $0.isEmpty ? nil : $0 })
                }
            } catch let error as RuntimeError {
                throw RuntimeError(error.message, at: command.positionals.first?.range)
            }
            let request = MicrosoftBulkRequest(credential_id: try await args.int("credential", &interpreter), accounts: accounts)
            return try ValueEncoder().encode(try await session.send(Woodpecker.ConnectMicrosoftMailboxes(request), for: command))
        }
        table["batch summary"] = { _, command, interpreter in
            guard let value = try await CommandArguments(command: command).positional(0, &interpreter) else { throw RuntimeError("batch summary needs ID", at: command.range) }
            let provider = try await SaleshandyCommands.provider(CommandArguments(command: command), session, &interpreter)
            if let id = saleshandyID(value) ?? (provider == .saleshandy ? value.text : nil) {
                return try SaleshandyCommands.status(id, try await session.send(Saleshandy.GetConnectStatus(requestID: id), for: command))
            }
            let id = try CommandArguments.int(batchValue(value), what: "the batch ID", range: command.positionals.first?.range)
            return try summaryValue(id, try await session.send(Woodpecker.GetBatchSummary(batchID: id), for: command))
        }
        table["batch watch"] = { input, command, interpreter in
            var given: [Value] = []
            for index in command.positionals.indices {
                if let value = try await CommandArguments(command: command).positional(index, &interpreter) { given += value.items }
            }
            let provider = try await SaleshandyCommands.provider(CommandArguments(command: command), session, &interpreter)
            let requests = (given.isEmpty ? input.items : given).compactMap(saleshandyID)
            if !requests.isEmpty || provider == .saleshandy {
                return try await SaleshandyCommands.watch(requests.isEmpty ? given.map(\.text) : requests, session, at: command.range)
            }
            var ids = try given.map { try CommandArguments.int(batchValue($0), what: "a batch ID", range: command.range) }
            if ids.isEmpty { ids = try input.items.map { try CommandArguments.int(batchValue($0), what: "a batch ID", range: command.range) } }
            var summaries: [Int: BatchSummary] = [:]
            var delay = Duration.milliseconds(100)
            while summaries.count < ids.count {
                for id in ids where summaries[id] == nil {
                    let summary = try await session.send(Woodpecker.GetBatchSummary(batchID: id), for: command)
                    if summary.processing_finished { summaries[id] = summary }
                }
                if summaries.count < ids.count {
                    try await Task.sleep(for: delay)
                    delay = min(delay * 2, .seconds(5))
                }
            }
            return .list(try ids.compactMap { id in try summaries[id].map { try summaryValue(id, $0) } })
        }
    }

    /// A Saleshandy request id: from a `{request_id: …}` record.
    static func saleshandyID(_ value: Value) -> String? {
        if case .record(let record) = value, let id = record["request_id"] { return id.text }
        return nil
    }

    static func importSaleshandy(_ path: String, _ args: CommandArguments, _ session: Session, _ interpreter: inout Interpreter) async throws -> Value {
        let rows = try SaleshandyCommands.rows(path, at: args.command.positionals.first?.range)
        var problems: [String] = []
        for row in rows {
            for problem in Validation.saleshandyAccounts([row.account]) {
                problems.append("\(path):\(row.line): \(problem.path.replacingOccurrences(of: "[0].", with: "")): \(problem.message)")
            }
        }
        guard problems.isEmpty else {
            throw RuntimeError("\(problems.count) problem\(problems.count == 1 ? "" : "s") in \(path); nothing was sent:\n  " + problems.joined(separator: "\n  "), at: args.command.range)
        }
        let size = try await args.int("batch-size", &interpreter) ?? ManualBulkRequest.maxBatchSize
        var requests: [Value] = []
        for start in stride(from: 0, to: rows.count, by: max(1, size)) {
            let chunk = Array(rows[start..<min(start + size, rows.count)])
            let accepted = try await session.send(Saleshandy.ConnectEmailAccounts(chunk.map(\.account)), for: args.command)
            requests.append(.record([
                "request_id": .string(accepted.payload.requestId), "size": .int(chunk.count), "first_line": .int(chunk.first?.line ?? 0),
                "last_line": .int(chunk.last?.line ?? 0),
            ]))
        }
        return .list(requests)
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

    struct Row {
        var line: Int
        var mailbox: ManualMailbox
    }

    /// Rows of a CSV (header with the API's field names or aliases) or a JSON array.
    static func readRows(_ path: String, at range: SourceRange?) throws -> [Row] {
        if path.hasSuffix(".json") {
            guard let data = FileManager.default.contents(atPath: path) else { throw RuntimeError("cannot read \(path)", at: range) }
            do {
                return try JSONCoding.decode([ManualMailbox].self, from: data).enumerated().map { Row(line: $0.offset + 1, mailbox: $0.element) }
            } catch {
                throw RuntimeError("\(path): not a JSON array of mailboxes: \(error)", at: range)
            }
        }
        guard let stream = InputStream(fileAtPath: path), FileManager.default.fileExists(atPath: path) else {
            throw RuntimeError("cannot read \(path): no such file", at: range)
        }
        let reader: CSVReader
        do {
            reader = try CSVReader(stream: stream, hasHeaderRow: true, trimFields: true)
        } catch {
            throw RuntimeError("\(path): not a CSV file: \(error)", at: range)
        }
        let header = (reader.headerRow ?? []).map { name -> String in
            let key = name.lowercased().trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "\u{FEFF}", with: "")
            return aliases[key] ?? key
        }
        var rows: [Row] = []
        var line = 1
        while let fields = reader.next() {
            line += 1
            var object: [String: Any] = [:]
            for (name, field) in zip(header, fields) where !field.isEmpty {
                object[name] = name.hasSuffix("_port") || name.hasPrefix("sending_wait") || name == "daily_sending_limit" ? (Int(field) as Any? ?? field) : field
            }
            do {
                let data = try JSONSerialization.data(withJSONObject: object)
                rows.append(Row(line: line, mailbox: try JSONCoding.decode(ManualMailbox.self, from: data)))
            } catch {
                throw RuntimeError("\(path):\(line): a number field holds text: \(object.filter { $0.value is String && ($0.key.hasSuffix("_port")) }.map(\.key).sorted().joined(separator: ", "))", at: range)
            }
        }
        // CSV.swift reports reaching the end of the stream as `cannotReadFile`; anything else is real.
        if let error = reader.error, "\(error)" != "cannotReadFile" {
            throw RuntimeError("\(path):\(line + 1): \(error)", at: range)
        }
        return rows
    }
}
