import Foundation
import WPSLanguage

/// Between the HTTP receiver and the pipeline of `webhook listen`: events the sender POSTs are
/// written to the journal, queued, handed down the pipeline a page at a time, and the sender is
/// answered only once every event of its request was delivered (its page went through the
/// pipeline's stages and was written out). A retry of an event already received is not yielded
/// again; it is answered once that event is delivered.
///
/// The stream ends at `--max` events, when ``close()`` is called (`--for`, Ctrl-C), or never.
/// Events still queued then are not acknowledged: the sender retries them (to the next run with
/// the same journal, which yields them first).
actor EventInbox {
    /// One event: its key and the record.
    typealias Entry = (key: String, event: Value)

    private let journal: EventJournal?
    private let events: Set<String>?
    private let max: Int?
    private var seen: Set<String>
    private var delivered: Set<String> = []
    private var queue: [Entry]
    private var yielded = 0
    private var closed = false
    private var pageKeys: [Int: [String]] = [:]
    private var pageEvents: [Int: [Value]] = [:]
    private var fetchWaiter: CheckedContinuation<Void, Never>?
    private var deliveryWaiters: [String: [CheckedContinuation<Bool, Never>]] = [:]
    /// Events received (new ones, journaled), for the summary.
    private(set) var receivedCount = 0
    /// Duplicates dropped.
    private(set) var duplicateCount = 0

    /// `pending`: events an earlier run received and never delivered, yielded first.
    init(journal: EventJournal?, events: Set<String>?, max: Int?, seen: Set<String>, pending: [Entry]) {
        self.journal = journal
        self.events = events
        self.max = max
        self.seen = seen
        self.queue = pending
        delivered = seen.subtracting(pending.map(\.key))
    }

    /// The events of one POST: returns true once every one of them is delivered (the sender may
    /// be answered 2xx), false if the stream ended first (answer so that the sender retries).
    func receive(_ batch: [Value]) async throws -> Bool {
        var keys: [String] = []
        for event in batch {
            if let events, case .record(let record) = event, let method = record["method"]?.text,
                !events.contains(method.lowercased())
            {
                continue
            }
            let key = EventJournal.key(of: event)
            keys.append(key)
            if seen.contains(key) {
                duplicateCount += 1
                continue
            }
            guard !closed else { return false }
            try journal?.received(key, event)
            seen.insert(key)
            receivedCount += 1
            queue.append((key, event))
        }
        wakeFetch()
        for key in keys where !delivered.contains(key) {
            // Ended while this request waited on an earlier event: the rest will not come.
            if closed, !pageKeys.values.contains(where: { $0.contains(key) }) { return false }
            let done = await withCheckedContinuation { continuation in
                deliveryWaiters[key, default: []].append(continuation)
            }
            if !done { return false }
        }
        return true
    }

    /// Page `number` of the stream: what is queued (up to `--max`), waiting for an event when
    /// none is; empty and last once the stream has ended.
    func page(_ number: Int) async -> ValueStream.Page {
        while queue.isEmpty, !closed, !reachedMax {
            await withCheckedContinuation { fetchWaiter = $0 }
        }
        let room = max.map { Swift.max(0, $0 - yielded) } ?? queue.count
        let taken = Array(queue.prefix(room))
        queue.removeFirst(taken.count)
        yielded += taken.count
        pageKeys[number] = taken.map(\.key)
        pageEvents[number] = taken.map(\.event)
        let isLast = reachedMax || (closed && queue.isEmpty)
        return ValueStream.Page(items: taken.map(\.event), isLast: isLast)
    }

    private var reachedMax: Bool { max.map { yielded >= $0 } ?? false }

    /// Page `number` went through the pipeline: its events are delivered and their senders may be
    /// answered.
    @discardableResult
    func pageDelivered(_ number: Int) throws -> [Value] {
        guard let keys = pageKeys.removeValue(forKey: number), !keys.isEmpty else { return [] }
        let events = pageEvents.removeValue(forKey: number) ?? []
        try journal?.delivered(keys)
        for key in keys {
            delivered.insert(key)
            for waiter in deliveryWaiters.removeValue(forKey: key) ?? [] { waiter.resume(returning: true) }
        }
        return events
    }

    /// Ends the stream: a waiting page returns as the last; senders of events not delivered are
    /// answered so that they retry.
    func close() {
        closed = true
        wakeFetch()
        for (key, waiters) in deliveryWaiters where !delivered.contains(key) {
            // Handed down the pipeline but not delivered yet: its page may still finish.
            if pageKeys.values.contains(where: { $0.contains(key) }) { continue }
            for waiter in waiters { waiter.resume(returning: false) }
            deliveryWaiters[key] = nil
        }
    }

    /// After the pipeline is done: every sender still waiting is answered so that it retries.
    func finish() {
        closed = true
        for (_, waiters) in deliveryWaiters { for waiter in waiters { waiter.resume(returning: false) } }
        deliveryWaiters = [:]
        wakeFetch()
    }

    var counts: (yielded: Int, received: Int, duplicates: Int) { (yielded, receivedCount, duplicateCount) }

    private func wakeFetch() {
        fetchWaiter?.resume()
        fetchWaiter = nil
    }
}
