import Foundation
import OutreachAPI

/// The rows of an import source read and turned into items (with their problems) on a thread
/// of their own, and handed to the check in order, a batch at a time: the reading and the rules
/// run beside the check's own bookkeeping (places, duplicates, messages), on a second core.
///
/// The queue holds a few batches at most, so memory stays bounded whatever the source's size.
final class CheckedRowPipe<Target: ImportTarget>: @unchecked Sendable {
    /// What the check needs of one row: where it is, what is wrong with it as a whole, the
    /// fields trimming changed, its item's email (nil for a row that is one problem) with the
    /// email's case-folded fingerprint, and the problems of its fields. The item itself stays
    /// on the reading thread.
    struct CheckedRow: Sendable {
        let place: RowPlace
        let problem: String?
        let asWritten: [String: SourceRow.Written]
        let email: String?
        let fingerprint: UInt64
        let problems: [ValidationProblem]
    }

    /// Hands the reader over to the thread that reads it: the check does not touch it again.
    private final class HandOver: @unchecked Sendable {
        var reader: any RowReader
        init(_ reader: any RowReader) { self.reader = reader }
    }

    static var batchSize: Int { 512 }
    private static var queueLimit: Int { 8 }

    // Everything below is read and written under `condition` only.
    private let condition = NSCondition()
    private var queue: [[CheckedRow]] = []
    private var finished = false
    private var failure: RuntimeError?
    private var stopped = false

    /// Starts reading `reader` (given up by the caller) on a thread of its own.
    init(reading reader: any RowReader, into target: Target) {
        let handOver = HandOver(reader)
        let thread = Thread { [self] in
            var reader = handOver.reader
            var batch: [CheckedRow] = []
            batch.reserveCapacity(Self.batchSize)
            do throws(RuntimeError) {
                while let row = try reader.next() {
                    if row.problem != nil {
                        batch.append(
                            CheckedRow(
                                place: row.place, problem: row.problem, asWritten: row.asWritten, email: nil,
                                fingerprint: 0, problems: []))
                    } else {
                        let (item, problems) = target.item(from: row, checking: true)
                        let email = target.email(of: item) ?? ""
                        let fingerprint = email.isEmpty ? 0 : MailboxImporter<Target>.caseFoldedFingerprint(email)
                        batch.append(
                            CheckedRow(
                                place: row.place, problem: nil, asWritten: row.asWritten, email: email,
                                fingerprint: fingerprint, problems: problems))
                    }
                    if batch.count == Self.batchSize {
                        guard put(batch) else { return }
                        batch = []
                        batch.reserveCapacity(Self.batchSize)
                    }
                }
                if !batch.isEmpty, !put(batch) { return }
                end(nil)
            } catch {
                if !batch.isEmpty, !put(batch) { return }
                end(error)
            }
        }
        thread.name = "wps import check"
        thread.start()
    }

    /// The next batch, in source order; nil after the last. A read that failed throws here, after
    /// the rows before it.
    func next() throws(RuntimeError) -> [CheckedRow]? {
        condition.lock()
        defer { condition.unlock() }
        while queue.isEmpty, !finished { condition.wait() }
        if !queue.isEmpty {
            let batch = queue.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// Stops the reading thread (when the check ends early).
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }

    /// Queues a batch, waiting while the queue is full; false once the check has stopped.
    private func put(_ batch: [CheckedRow]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while queue.count >= Self.queueLimit, !stopped { condition.wait() }
        guard !stopped else { return false }
        queue.append(batch)
        condition.broadcast()
        return true
    }

    private func end(_ error: RuntimeError?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }
}
