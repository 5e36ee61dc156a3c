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
