import Foundation
import OutreachAPI
import WPSLanguage

/// Saleshandy's mailbox connection: `POST /v1/email-accounts/connect` (up to 1,000 accounts a
/// request), each request watched through `GET /v1/email-accounts/connect/status/{requestId}`.
struct SaleshandyMailboxConnection: MailboxConnection {
    var provider: Provider { .saleshandy }
    var idKey: String { "request_id" }
    var maxBatchSize: Int { SaleshandyAccountTarget().maxBatchSize }
    var family: APIFamily { SaleshandyAccountTarget().family }
    var reconcilesByResending: Bool { false }
    var idDescription: String { "a Saleshandy request id (such as 129a184)" }
    var sends: (add: [String], import: [String], status: [String], watch: [String]) {
        (
            ["POST /v1/email-accounts/connect (--provider saleshandy)"],
            ["POST /v1/email-accounts/connect (--provider saleshandy)"],
            ["GET /v1/email-accounts/connect/status/{requestId}"],
            ["GET /v1/email-accounts/connect/status/{requestId}"]
        )
    }

    static let imapLogin = Flag<String>(
        "imap-login", .string, "Saleshandy: the IMAP login, if not the IMAP email", fields: ["imapUserName"])
    static let esp = Flag<String>(
        "esp", .choice(["gsuite", "microsoft", "smtp"]), "Saleshandy: the email service provider",
        fields: ["emailServiceProvider"])
    static let firstName = Flag<String>(
        "first-name", .string, "Saleshandy: sender first name", fields: ["fromFirstName"])
    static let lastName = Flag<String>("last-name", .string, "Saleshandy: sender last name", fields: ["fromLastName"])
    static let smtpEncryption = Flag<String>(
        "smtp-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: SMTP encryption", fields: ["smtpEncryption"])
    static let imapEncryption = Flag<String>(
        "imap-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: IMAP encryption", fields: ["imapEncryption"])

    var addFlags: [any FlagReading] {
        [Self.imapLogin, Self.esp, Self.firstName, Self.lastName, Self.smtpEncryption, Self.imapEncryption]
    }

    var rowColumns: Set<String> { SaleshandyAccountTarget.known }

    var domainColumns: (email: [String], tracking: [String]) {
        ([SaleshandyAccountTarget.Field.smtpEmailAddress.name], [])
    }

    func domainFields(of row: SourceRow) -> (email: String?, smtpHost: String?, tracking: [(String, String)]) {
        let fields = SaleshandyAccountTarget.map.resolve(row, checking: false)
        return (fields.text(.smtpEmailAddress), fields.text(.smtpHost), [])
    }

    func add(_ invocation: Invocation, _ session: Session) async throws -> Value {
        typealias Add = MailboxAddCommand
        let email = invocation[Add.email]
        let password = invocation[Add.password]
        let account = SaleshandyEmailAccount(
            emailServiceProvider: invocation[Self.esp] ?? "smtp", fromFirstName: invocation[Self.firstName],
            fromLastName: invocation[Self.lastName], smtpEmailAddress: email, smtpUserName: invocation[Add.login],
            smtpPassword: password, smtpHost: invocation[Add.smtpServer], smtpPort: invocation[Add.smtpPort],
            smtpEncryption: invocation[Self.smtpEncryption], imapEmailAddress: invocation[Add.imapEmail] ?? email,
            imapUserName: invocation[Self.imapLogin], imapPassword: invocation[Add.imapPassword] ?? password,
            imapHost: invocation[Add.imapServer], imapPort: invocation[Add.imapPort],
            imapEncryption: invocation[Self.imapEncryption])
        Add.warn(
            MailServerLint.warnings(
                smtpHost: account.smtpHost, smtpPort: account.smtpPort, imapHost: account.imapHost,
                imapPort: account.imapPort), session)
        let accepted = try await session.connection.send(
            Saleshandy.ConnectEmailAccounts([account]), for: invocation.command)
        return .record(["request_id": .string(accepted.payload.requestId), "size": .int(1)])
    }

    func importMailboxes(
        _ invocation: Invocation, _ interpreter: Interpreter, _ session: Session, source: ImportSource
    ) async throws -> Value {
        let client = session.connection.client
        let resends = reconcilesByResending
        return try await ImportCommands.importMailboxes(
            invocation, interpreter, session, source: source, target: SaleshandyAccountTarget(), idKey: idKey,
            describe: { items in ImportCommands.describe(client, Saleshandy.ConnectEmailAccounts(items)) },
            adjust: { $0.reconcilesByResending = resends },
            submit: { items in
                .accepted(try await client.send(Saleshandy.ConnectEmailAccounts(items)).payload.requestId)
            })
    }

    func status(of value: Value, _ invocation: Invocation, _ session: Session, range: SourceRange?) async throws
        -> Value
    {
        var requestID = value.text
        if case .record(let record) = value, let id = record[idKey] { requestID = id.text }
        let status = try await session.connection.send(
            Saleshandy.GetConnectStatus(requestID: requestID), for: invocation.command)
        return try Self.statusValue(requestID, status)
    }

    /// A connect request's status as a record, led by its request id.
    static func statusValue(_ id: String, _ status: SaleshandyConnectStatus) throws -> Value {
        guard case .record(let payload) = try ValueEncoder().encode(status.payload) else { return .null }
        var record: Record = ["request_id": .string(id)]
        for (key, value) in payload where key != "requestId" { record[key] = value }
        return .record(record)
    }

    func watch(_ items: [Value], with watcher: BatchWatcher) async throws -> BatchWatcher.Outcome {
        let session = watcher.session
        let (ids, origins, _, dryRun, skipped) = BatchWatcher.parse(
            items.map { item in
                if case .record = item { return item }
                return .record(["request_id": .string(item.text)])
            }, idKey: "request_id")
        if ids.isEmpty, dryRun > 0 {
            session.settings.progress("dry run: \(dryRun) requests were not sent, so there is nothing to watch")
        }
        let client = session.connection.client
        let latest = try await watcher.poll(
            ids, what: "requests", fetch: { id in try await client.send(Saleshandy.GetConnectStatus(requestID: id)) },
            finished: \.payload.isCompleted,
            line: { statuses in
                let payloads = statuses.map(\.payload)
                let totalCount = payloads.reduce(0) { $0 + $1.total }
                let processed = payloads.reduce(0) { $0 + $1.processed }
                let finished = payloads.filter(\.isCompleted).count
                return (
                    "requests \(finished)/\(ids.count) completed · \(payloads.reduce(0) { $0 + $1.connected }) connected · \(payloads.reduce(0) { $0 + $1.failed }) failed · \(totalCount - processed) pending",
                    processed, totalCount
                )
            })
        // One row per account of each request, each placed by the import record it came from;
        // per mailbox, the latest record's (a re-import after a failure) counts.
        var rows: [ImportReport.Row] = []
        var orders: [Int] = []
        var handTotal = 0
        var handFailed = 0
        var givenAt: [String: Int] = [:]
        for (index, item) in items.enumerated() where givenAt[item.text] == nil {
            if case .record = item { continue }
            givenAt[item.text] = index
        }
        for (position, id) in ids.enumerated() {
            guard let status = latest[id] else { continue }
            let list = origins[id] ?? []
            guard let accounts = status.payload.accounts else {
                // A status without its accounts: counted from its totals.
                handTotal += status.payload.total
                handFailed += status.payload.failed
                continue
            }
            // email → where it came from
            var origin: [String: (from: BatchWatcher.Origin, box: BatchWatcher.Mailbox)] = [:]
            for (from, boxes) in zip(list, BatchWatcher.mailboxes(of: list, target: SaleshandyAccountTarget())) {
                for box in boxes where origin[box.email.lowercased()] == nil {
                    origin[box.email.lowercased()] = (from, box)
                }
            }
            // An id given alone is as late as its place among the items.
            let order = list.map(\.order).max() ?? givenAt[id] ?? position
            for account in accounts {
                let from = origin[account.email.lowercased()]
                rows.append(
                    .init(
                        source: from?.from.source ?? list.first?.source ?? "", place: from?.box.place,
                        email: account.email, batch: id,
                        outcome: account.status != "connected" ? "failed" : "connected", error: account.error ?? ""))
                orders.append(from?.from.order ?? order)
            }
        }
        rows = BatchWatcher.latestOutcomes(rows, orders: orders)
        let failedRows = rows.filter { $0.outcome == "failed" }
        let sample = failedRows.prefix(3).map { "\($0.email): \($0.error.isEmpty ? "failed" : $0.error)" }
        let total = rows.count + handTotal
        let failed = failedRows.count + handFailed
        let countsLine = BatchWatcher.countsLine(total: total, connected: total - failed, failed: failed)
        rows += BatchWatcher.skippedRows(skipped)
        let value = Value.list(
            try ids.compactMap { id in try latest[id].map { try Self.statusValue(id, $0) } })
        return BatchWatcher.Outcome(
            value: value, reportRows: rows, total: total, failed: failed,
            failureSample: sample.isEmpty
                ? "" : " (" + sample.joined(separator: "; ") + (failed > sample.count ? "; …" : "") + ")",
            countsLine: countsLine)
    }
}
