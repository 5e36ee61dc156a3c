import Foundation
import OutreachAPI

/// The rows of an import source read on one thread, turned into items and checked against the
/// rules on a second, and handed to the check in order, a batch at a time: the reading, the
/// rules and the check's own bookkeeping (places, duplicates, messages) run side by side.
///
/// Each queue holds a few batches at most, so memory stays bounded whatever the source's size.
final class CheckedRowPipe<Target: ImportTarget>: Sendable {
    /// What the check needs of one row: where it is, what is wrong with it as a whole, the
    /// fields trimming changed, its item's email (nil for a row that is one problem) with the
    /// email's case-folded fingerprint, and the problems of its fields. The item itself stays
    /// on the rules' thread.
    struct CheckedRow: Sendable {
        let place: RowPlace
        let problem: String?
        let asWritten: [String: SourceRow.Written]
        let email: String?
        let fingerprint: UInt64
        let problems: [ValidationProblem]
        /// What the API takes but is likely a slip (``ImportTarget/warnings(of:)``).
        var warnings: [ValidationProblem] = []
    }

    /// Hands the reader over to the thread that reads it: the check does not touch it again.
    private final class HandOver: @unchecked Sendable {
        var reader: any RowReader
        init(_ reader: any RowReader) { self.reader = reader }
    }

    static var batchSize: Int { 512 }
    private let rows = BatchQueue<SourceRow>(limit: 8)
    private let checked = BatchQueue<CheckedRow>(limit: 8)

    /// Starts reading `reader` (given up by the caller) and checking its rows.
    init(reading reader: any RowReader, into target: Target) {
        let handOver = HandOver(reader)
        let rows = self.rows
        let checked = self.checked
        Thread {
            var reader = handOver.reader
            var batch: [SourceRow] = []
            batch.reserveCapacity(Self.batchSize)
            do throws(RuntimeError) {
                while let row = try reader.next() {
                    batch.append(row)
                    if batch.count == Self.batchSize {
                        guard rows.put(batch) else { return }
                        batch = []
                        batch.reserveCapacity(Self.batchSize)
                    }
                }
                if !batch.isEmpty, !rows.put(batch) { return }
                rows.end(nil)
            } catch {
                if !batch.isEmpty, !rows.put(batch) { return }
                rows.end(error)
            }
        }.start()
        Thread {
            do throws(RuntimeError) {
                while let batch = try rows.next() {
                    guard checked.put(batch.map { Self.check($0, target) }) else {
                        rows.stop()
                        return
                    }
                }
                checked.end(nil)
            } catch {
                checked.end(error)
            }
        }.start()
    }

    /// The next batch, in source order; nil after the last. A read that failed throws here, after
    /// the rows before it.
    func next() throws(RuntimeError) -> [CheckedRow]? { try checked.next() }

    /// Stops the threads (when the check ends early).
    func stop() {
        checked.stop()
        rows.stop()
    }

    private static func check(_ row: SourceRow, _ target: Target) -> CheckedRow {
        guard row.problem == nil else {
            return CheckedRow(
                place: row.place, problem: row.problem, asWritten: row.asWritten, email: nil, fingerprint: 0,
                problems: [])
        }
        let (item, problems) = target.item(from: row, checking: true)
        let email = target.email(of: item) ?? ""
        let fingerprint = email.isEmpty ? 0 : MailboxImporter<Target>.caseFoldedFingerprint(email)
        return CheckedRow(
            place: row.place, problem: nil, asWritten: row.asWritten, email: email, fingerprint: fingerprint,
            problems: problems, warnings: problems.isEmpty ? target.warnings(of: item) : [])
    }
}
