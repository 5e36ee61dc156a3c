import Foundation
import OutreachAPI
import Testing
import WPSLanguage

@testable import WPSRuntime

/// Counts that are true: `batch watch` counts each mailbox once, by its latest outcome.
@Suite struct ImportCountTests {
    func temporary(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("wps-\(UUID().uuidString)-\(name)").path
    }

    func outcomes(_ printed: [Value]) -> [String] {
        (printed.first?.items ?? []).map { "\($0.field("outcome")?.text ?? "") \($0.field("size")?.text ?? "")" }
            .sorted()
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
}
