import Foundation

/// A bounded queue of batches between two threads: `put` waits while it is full, `next` while
/// it is empty; the producer ends it (with the error that stopped it, if any), and the consumer
/// can stop it early, which makes `put` return false.
final class BatchQueue<Element: Sendable>: @unchecked Sendable {
    private let limit: Int
    // Everything below is read and written under `condition` only.
    private let condition = NSCondition()
    private var batches: [[Element]] = []
    private var finished = false
    private var failure: RuntimeError?
    private var stopped = false

    init(limit: Int) { self.limit = limit }

    /// Queues a batch, waiting while the queue is full; false once the consumer has stopped.
    func put(_ batch: [Element]) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        while batches.count >= limit, !stopped { condition.wait() }
        guard !stopped else { return false }
        batches.append(batch)
        condition.broadcast()
        return true
    }

    /// No batch follows; `error` is thrown to the consumer after the batches queued.
    func end(_ error: RuntimeError?) {
        condition.lock()
        finished = true
        failure = error
        condition.broadcast()
        condition.unlock()
    }

    /// The next batch, in order; nil after the last. The producer's error is thrown here.
    func next() throws(RuntimeError) -> [Element]? {
        condition.lock()
        defer { condition.unlock() }
        while batches.isEmpty, !finished, !stopped { condition.wait() }
        if !batches.isEmpty {
            let batch = batches.removeFirst()
            condition.broadcast()
            return batch
        }
        if let failure { throw failure }
        return nil
    }

    /// The consumer wants no more: a waiting or later `put` returns false.
    func stop() {
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
    }
}
