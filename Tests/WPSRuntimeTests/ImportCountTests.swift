import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Counts that are true: an import counts rows by the API's answer, a resumed import's own rows
/// are not its duplicates, and `batch watch` counts each mailbox once, by its latest outcome.
@Suite struct ImportCountTests {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString)-\(name)").path
    }

    func outcomes(_ printed: [Value]) -> [String] {
        (printed.first?.items ?? []).map { "\($0.field("outcome")?.text ?? "") \($0.field("size")?.text ?? "")" }
            .sorted()
    }

    @Test func theSummaryLineCountsTheRowsTheAPIAcceptedNotTheRowsSent() async throws {
        let file = temporary("leads.csv")
        defer { try? FileManager.default.removeItem(atPath: file) }
        try "email\na@acme.com\nx@bounced.test\nb@acme.com\ny@bounced.test\nc@acme.com\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        let api = FakeWoodpecker()
        let log = ProgressLog()
        var session = api.session
        session.settings.progress = { log.add($0) }
        let (printed, failure) = await runCapturing("prospect import \(file) --campaign 777001", session: session)
        #expect(failure?.exitCode == 1)
        #expect(outcomes(printed) == ["added 3", "rejected 2"])
        let summary = try #require(log.lines.last { $0.hasPrefix("leads.csv") || $0.contains("-leads.csv:") })
        #expect(summary.contains("3 of 5 rows accepted, 2 rejected (E_INV_STATUS), 1 request sent"), "\(summary)")
        #expect(!log.lines.contains { $0.contains("5 of 5 rows accepted") })
    }

    @Test func aResumedImportReportsTheRowsItsKilledRunAddedAsAdded() async throws {
        let file = temporary("leads.csv")
        let journal = file + ".journal"
        let report = temporary("outcome.csv")
        defer {
            for path in [file, journal, report] { try? FileManager.default.removeItem(atPath: path) }
        }
        // Rows 1-2 were answered and journaled; rows 3-5 were sent when the run was killed, and
        // the API stored 3 and 4 before it died; row 6's prospect was in the database before.
        try "email\nr1@acme.com\nr2@acme.com\nr3@acme.com\nr4@acme.com\nr5@acme.com\nold@acme.com\n".write(
            toFile: file, atomically: true, encoding: .utf8)
        try "# wps import journal v2 leads.csv\nsending 1-2\noutcome added - 1-2\nsending 3-5\n".write(
            toFile: journal, atomically: true, encoding: .utf8)
        let api = FakeWoodpecker()
        api.stored = ["r1@acme.com", "r2@acme.com", "r3@acme.com", "r4@acme.com", "old@acme.com"]
        let log = ProgressLog()
        var session = api.session
        session.settings.progress = { log.add($0) }
        let (printed, failure) = await runCapturing(
            "prospect import \(file) --journal \(journal) --report \(report)", session: session)
        #expect(failure == nil, "\(String(describing: failure))")
        #expect(outcomes(printed) == ["added 5", "duplicate 1"])
        let lines = try String(contentsOfFile: report, encoding: .utf8).split(separator: "\n")
        #expect(lines[3].hasPrefix("4,r3@acme.com,added,,\"added by an earlier run of this import"), "\(lines[3])")
        #expect(lines[6].hasPrefix("7,old@acme.com,duplicate,E_DUPLICATE,"), "\(lines[6])")
        #expect(log.lines.contains { $0.contains("5 of 6 rows accepted, 1 duplicate (E_DUPLICATE)") })
        // The journal says so too: a third run reports the same.
        let text = try String(contentsOfFile: journal, encoding: .utf8)
        #expect(text.contains("outcome added - 3-4\n"), "\(text)")
        let (again, _) = await runCapturing("prospect import \(file) --journal \(journal)", session: session)
        #expect(outcomes(again) == ["added 5", "duplicate 1"])
    }

    @Test func aTallyNamesEachRefusalWithItsCodes() {
        var tally = RowTally()
        tally.add(kind: "added", code: nil, count: 3)
        tally.add(kind: "updated", code: nil, count: 1)
        tally.add(kind: "rejected", code: "E_INV_STATUS", count: 2)
        tally.add(kind: "duplicate", code: "E_DUPLICATE", count: 1)
        tally.add(kind: "rejected", code: "E_EMAIL_NOT_EXISTS", count: 1)
        #expect(
            tally.describe(of: 8)
                == "4 of 8 rows accepted, 3 rejected (2 E_INV_STATUS, 1 E_EMAIL_NOT_EXISTS), 1 duplicate (E_DUPLICATE)")
        #expect(tally.answered == 8 && tally.refusedCount == 4)
    }

    @Test func aMailboxInSeveralRecordsCountsOnceByItsLatestOutcome() {
        func row(_ email: String, _ batch: String, _ outcome: String) -> ImportReport.Row {
            .init(source: "boxes.csv", place: nil, email: email, batch: batch, outcome: outcome, error: "")
        }
        let rows = [
            row("a@x.com", "1", "connected"), row("B@x.com", "1", "failed"), row("c@x.com", "2", "failed"),
            row("b@x.com", "3", "connected"),
        ]
        let latest = BatchWatcher.latestOutcomes(rows, orders: [0, 0, 0, 1])
        #expect(
            latest.map { "\($0.email) \($0.outcome)" } == ["a@x.com connected", "c@x.com failed", "b@x.com connected"])
    }

    @Test func aFailureOfABatchGivenByIdIsSupersededByALaterOutcome() {
        // b failed in the first batch and again in the second; c failed and is connected now
        // (a re-import after a fix); a failed and is not connected.
        let fates = BatchWatcher.supersededFailures(
            ["a@x.com", "b@x.com", "C@x.com", "b@x.com"], connectedNow: ["c@x.com"])
        #expect(fates == [.latest, .failedAgainLater, .connectedSince, .latest])
    }

    @Test func theCountsLineSaysWhatBecameOfEachMailbox() {
        #expect(
            BatchWatcher.countsLine(total: 300, connected: 300, failed: 0, connectedSince: 3)
                == "300 of 300 mailboxes connected (3 earlier failures connected since)")
        #expect(
            BatchWatcher.countsLine(total: 1, connected: 1, failed: 0, connectedSince: 1)
                == "1 of 1 mailbox connected (1 earlier failure connected since)")
        #expect(
            BatchWatcher.countsLine(total: 4, connected: 3, already: 1, failed: 0)
                == "4 of 4 mailboxes connected (1 already connected)")
        #expect(BatchWatcher.countsLine(total: 10, connected: 8, failed: 2) == "8 of 10 mailboxes connected (2 failed)")
        #expect(BatchWatcher.countsLine(total: 0, connected: 0, failed: 0) == "")
    }

    @Test func onlyTheSettingsARowGivesAndTheConnectedMailboxLacksAreNotApplied() {
        let connected = Mailbox.Details(
            email: "ann@acme.com", login: "ANN@acme.com", server: "smtp.acme.com", port: 465, from_name: "Ann",
            daily_limit: 40, frequency_from: 60, frequency_to: 120)
        var row = ManualMailbox(
            smtp_email: "ann@acme.com", smtp_login: "ann@acme.com", smtp_password: "changed",
            smtp_server: "SMTP.acme.com",
            smtp_port: 465, smtp_from_name: "Ann")
        // Case of the login and host is no difference; a password cannot be compared.
        #expect(ConnectedMailboxSettings.differences(row, connected) == [])
        row.smtp_from_name = "Ann B."
        row.daily_sending_limit = 75
        row.sending_wait_time_to = 120
        #expect(ConnectedMailboxSettings.differences(row, connected) == ["smtp_from_name", "daily_sending_limit"])
        let warning = UnappliedSettings(email: "ann@acme.com", fields: ["smtp_from_name"]).warning
        #expect(
            warning
                == "ann@acme.com is already connected; the file's smtp_from_name was not applied (a connected mailbox keeps its settings)"
        )
        #expect(!warning.contains("changed"))
    }
}

/// Rows of mailboxes connected before are not accepted rows, and `GET mailboxes` is read once.
@Suite struct AlreadyConnectedCountTests {
    typealias Importer = MailboxImporter<ManualMailboxTarget>

    @Test func alreadyConnectedRowsAreCountedApartFromAcceptedOnes() {
        var tally = RowTally()
        let limit = UnappliedSettings(email: "a@x.com", fields: ["daily_sending_limit"], unseen: ["smtp_password"])
        let unseenOnly = UnappliedSettings(email: "b@x.com", fields: [], unseen: ["smtp_password"])
        var notApplied = Dictionary(uniqueKeysWithValues: (1...40).map { ($0, limit) })
        tally.add(Importer.Settlement.existing(LineSet(1...40), notApplied: notApplied))
        #expect(tally.describe(of: 40) == "0 of 40 rows accepted, 40 already connected (40 with settings not applied)")
        #expect(tally.accepted == 0 && tally.answered == 40)
        #expect(Importer.sent(requests: 8, created: 0, unit: "batch") == "8 requests sent, 0 batches created")
        #expect(Importer.sent(requests: 2, created: 2, unit: "batch") == "2 batches sent")
        #expect(Importer.sent(requests: 1, created: 1, unit: "batch") == "1 batch sent")
        #expect(Importer.sent(requests: 1, created: 0, unit: "request") == "1 request sent")
        // Settings the API does not show are no settings known not to be applied.
        notApplied = [41: unseenOnly]
        tally = RowTally()
        tally.add(Importer.Settlement.accepted(id: "7", rows: LineSet(42...43)))
        tally.add(Importer.Settlement.existing(LineSet([41]), batch: "3", notApplied: notApplied))
        #expect(tally.describe(of: 3) == "2 of 3 rows accepted, 1 already connected")
        #expect(tally.answers == "2 accepted, 1 already connected")
    }

    @Test func aConnectedRowIsExistingAndAPendingOneIsInItsBatch() async throws {
        let parts = try await Importer.settle(
            [
                ManualMailbox(smtp_email: "a@x.com"), ManualMailbox(smtp_email: "b@x.com"),
                ManualMailbox(smtp_email: "c@x.com"),
            ],
            rows: LineSet(1...3),
            submit: { items in
                if items.count == 1 { return .accepted("12") }
                return .conflicts(
                    [0: Conflict(batch: "9", isConnected: true), 1: Conflict(batch: "11", isConnected: false)])
            }, reconciles: true, note: { _ in }
        )
        var tally = RowTally()
        for part in parts { tally.add(part) }
        #expect(tally.describe(of: 3) == "2 of 3 rows accepted, 1 already connected")
        let described = parts.map { part -> String in
            switch part {
            case .accepted(let id, let rows): "\(id):\(rows)"
            case .existing(let rows, let batch, _): "existing \(batch ?? "-"):\(rows)"
            case .outcome(let kind, _, let rows, _): "\(kind):\(rows)"
            }
        }
        #expect(described == ["11:2", "12:3", "existing 9:1"])
    }

    @Test func theWarningNamesSettingsTheAPIDoesNotShowWithoutTheirValues() {
        let row = ManualMailbox(
            smtp_email: "ann@acme.com", smtp_password: "Secret-Pw-1", imap_password: "Secret-Pw-2",
            imap_server: "imap.acme.com", imap_port: 993, footer: "—", bcc: "log@acme.com")
        let unseen = ConnectedMailboxSettings.unseen(row)
        #expect(unseen == ["smtp_password", "imap_password", "imap_server", "imap_port", "footer", "bcc"])
        let warning = UnappliedSettings(email: "ann@acme.com", fields: [], unseen: ["smtp_password", "imap_server"])
            .warning
        #expect(
            warning
                == "ann@acme.com is already connected; the file's smtp_password, imap_server may not have been applied (the API does not show them; a connected mailbox keeps its settings)"
        )
        #expect(!warning.contains("Secret"))
    }

    /// A `GET mailboxes` answered with `emails` connected, counting the reads.
    final class MailboxList: @unchecked Sendable {
        let lock = NSLock()
        var reads = 0
        var emails: [String]
        init(_ emails: [String]) { self.emails = emails }

        var client: OutreachClient {
            OutreachClient(
                configuration: .init(baseURLs: [.woodpecker: "http://api.test/rest/v2"], apiKeys: [.woodpecker: "k"]),
                transport: ClosureTransport { request in
                    let listed = self.lock.withLock { () -> [Mailbox] in
                        self.reads += 1
                        return self.emails.enumerated().map { index, email in
                            Mailbox(id: index + 1, type: "SMTP", details: .init(email: email, daily_limit: 40))
                        } + [Mailbox(id: 99, type: "IMAP", details: .init(email: "imap-only@x.com"))]
                    }
                    return TransportResponse(status: 200, body: Array(try JSONEncoder().encode(listed)))
                })
        }
    }

    @Test func batchesAnsweredAtOnceShareOneReadOfTheConnectedMailboxes() async throws {
        let list = MailboxList((0..<35).map { "m\($0)@x.com" })
        let settings = ConnectedMailboxSettings(client: list.client)
        // Seven batches of five, all already connected with another daily limit, answered at once.
        let answers = try await withThrowingTaskGroup(of: [Int: UnappliedSettings].self) { group in
            for batch in 0..<7 {
                group.addTask {
                    let rows = Dictionary(
                        uniqueKeysWithValues: (0..<5).map {
                            ($0, ManualMailbox(smtp_email: "m\(batch * 5 + $0)@x.com", daily_sending_limit: 75))
                        })
                    return try await settings.unapplied(rows)
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(list.reads == 1)
        #expect(answers.count == 7 && answers.allSatisfy { $0.count == 5 })
        #expect(answers.allSatisfy { $0.values.allSatisfy { $0.fields == ["daily_sending_limit"] } })
        // An email the list lacks (not SMTP) is looked up once, not on every call.
        for _ in 0..<3 { _ = try await settings.unapplied([0: ManualMailbox(smtp_email: "imap-only@x.com")]) }
        #expect(list.reads == 1)
        // After a batch was created, an email not looked up before is read again, once.
        await settings.batchCreated()
        list.lock.withLock { list.emails.append("new@x.com") }
        let new = try await settings.unapplied([0: ManualMailbox(smtp_email: "new@x.com", daily_sending_limit: 75)])
        _ = try await settings.unapplied([0: ManualMailbox(smtp_email: "imap-only@x.com")])
        #expect(list.reads == 2 && new[0]?.fields == ["daily_sending_limit"])
    }

    @Test func theJournalKeepsTheBatchAndTheFieldsNotAppliedOfRowsAlreadyThere() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("wps-journal-\(UUID().uuidString)/j.journal").path
        defer { try? FileManager.default.removeItem(atPath: (path as NSString).deletingLastPathComponent) }
        let journal = try ImportJournal(path: path, header: "boxes.csv sha256:abc")
        try journal.append(.existing(LineSet([2, 3])))
        try journal.append(.existing(LineSet([4]), batch: "9"))
        try journal.append(.existing(LineSet([5]), notApplied: ["smtp_from_name", "daily_sending_limit"]))
        journal.close()
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(
            text.contains(
                "existing 2-3\nexisting 4 batch:9\nexisting 5 not_applied:smtp_from_name,daily_sending_limit\n"))
        let state = try ImportJournal.load(path)
        #expect(state.covered.description == "2-5")
        #expect(
            state.existing.map { "\($0.rows) \($0.batch ?? "-") \($0.notApplied)" } == [
                "2-3 - []", "4 9 []", #"5 - ["smtp_from_name", "daily_sending_limit"]"#,
            ])
    }
}
