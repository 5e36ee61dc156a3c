/// At most `limit` connections at once to any one server host: a task waits for a slot of its
/// host, in the order it asked.
actor HostSlots {
    private let limit: Int
    private var inUse: [String: Int] = [:]
    private var waiting: [String: [CheckedContinuation<Void, Never>]] = [:]

    init(limit: Int) { self.limit = max(1, limit) }

    /// Runs `body` holding one slot of `host` (compared without case).
    func withSlot<T: Sendable>(_ host: String, _ body: @Sendable () async -> T) async -> T {
        let key = host.lowercased()
        await acquire(key)
        let result = await body()
        release(key)
        return result
    }

    private func acquire(_ key: String) async {
        if inUse[key, default: 0] < limit {
            inUse[key, default: 0] += 1
            return
        }
        await withCheckedContinuation { waiting[key, default: []].append($0) }
    }

    private func release(_ key: String) {
        if var queue = waiting[key], !queue.isEmpty {
            // The slot passes straight to the next waiter: the count stays.
            let next = queue.removeFirst()
            waiting[key] = queue
            next.resume()
        } else {
            inUse[key, default: 1] -= 1
        }
    }
}
