/// Woodpecker's per-account request discipline: one request processed at a time, at most
/// `queueLimit` more waiting, each for at most `maxWait`; anything beyond is refused at once.
actor AccountGate {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Bool, Never>
    }
    private struct Lane {
        var busy = false
        var waiters: [Waiter] = []
    }

    private var lanes: [String: Lane] = [:]
    private var nextID = 0
    let queueLimit: Int
    let maxWait: Duration

    init(queueLimit: Int, maxWait: Duration) {
        self.queueLimit = queueLimit
        self.maxWait = maxWait
    }

    /// Waits for the account's turn. Returns false when the queue is full, or the wait
    /// timed out or was cancelled: the request must then be refused.
    func enter(_ account: String) async -> Bool {
        var lane = lanes[account, default: Lane()]
        if !lane.busy {
            lane.busy = true
            lanes[account] = lane
            return true
        }
        guard lane.waiters.count < queueLimit else { return false }
        nextID += 1
        let id = nextID
        let wait = maxWait
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                lanes[account, default: Lane()].waiters.append(Waiter(id: id, continuation: continuation))
                Task { [weak self] in
                    try? await Task.sleep(for: wait)
                    await self?.abandon(account, id)
                }
            }
        } onCancel: {
            Task { await self.abandon(account, id) }
        }
    }

    /// Ends the current request's turn and hands it to the next waiter.
    func leave(_ account: String) {
        guard var lane = lanes[account] else { return }
        if lane.waiters.isEmpty {
            lanes[account] = nil
            return
        }
        let next = lane.waiters.removeFirst()
        lanes[account] = lane
        next.continuation.resume(returning: true)
    }

    /// The number of requests waiting for `account`.
    func queued(_ account: String) -> Int { lanes[account]?.waiters.count ?? 0 }

    private func abandon(_ account: String, _ id: Int) {
        guard var lane = lanes[account], let index = lane.waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = lane.waiters.remove(at: index)
        lanes[account] = lane
        waiter.continuation.resume(returning: false)
    }
}
