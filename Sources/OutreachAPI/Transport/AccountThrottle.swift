/// Keeps at most a fixed number of requests in flight per account.
///
/// Woodpecker's `/rest/v2` processes one request at a time per account and queues at most 6
/// more, dropping anything beyond, and its `/rest/v1` allows 2 concurrent connections; the
/// client therefore never has more outstanding per account and family than
/// ``APIFamily/maxInFlightPerAccount`` (7 and 2), and the rest wait here, in order, without being
/// sent. Waiting is cancellable.
public actor AccountThrottle {
    private struct Waiter {
        let id: Int
        let continuation: CheckedContinuation<Void, any Error>
    }
    private struct Gate {
        var inFlight = 0
        var waiters: [Waiter] = []
    }

    private var gates: [String: Gate] = [:]
    private var nextWaiterID = 0

    public init() {}

    /// The number of requests currently holding a permit for `account`.
    public func inFlight(for account: String) -> Int { gates[account]?.inFlight ?? 0 }

    /// Waits for a permit for `account`, allowing at most `limit` at a time.
    public func acquire(_ account: String, limit: Int) async throws {
        var gate = gates[account, default: Gate()]
        if gate.inFlight < limit, gate.waiters.isEmpty {
            gate.inFlight += 1
            gates[account] = gate
            return
        }
        nextWaiterID += 1
        let id = nextWaiterID
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                if Task.isCancelled {
                    continuation.resume(throwing: CancellationError())
                    return
                }
                gates[account, default: Gate()].waiters.append(Waiter(id: id, continuation: continuation))
            }
        } onCancel: {
            Task { await self.cancelWaiter(id, account: account) }
        }
    }

    /// Returns a permit taken by ``acquire(_:limit:)``; hands it to the next waiter if any.
    public func release(_ account: String) {
        guard var gate = gates[account] else { return }
        if gate.waiters.isEmpty {
            gate.inFlight -= 1
        } else {
            let next = gate.waiters.removeFirst()
            next.continuation.resume()  // the permit passes on; inFlight is unchanged
        }
        gates[account] = gate.inFlight == 0 && gate.waiters.isEmpty ? nil : gate
    }

    private func cancelWaiter(_ id: Int, account: String) {
        guard var gate = gates[account], let index = gate.waiters.firstIndex(where: { $0.id == id }) else { return }
        let waiter = gate.waiters.remove(at: index)
        gates[account] = gate
        waiter.continuation.resume(throwing: CancellationError())
    }
}
