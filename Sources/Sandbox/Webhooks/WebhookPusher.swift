import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import OutreachAPI

/// Delivers the sandbox's webhook events to the subscribed loopback URLs as their time comes on
/// the sandbox clock: a pass every second of real time and right after the clock is moved, each
/// subscription's events since its last delivery in arrays of at most 100, retried after 1, 2,
/// 4, 8 and 16 minutes when the receiver fails, dropped with the subscription after the sixth
/// failure, and the subscription ended at once by a 310 or 410 (docs/contract/webhooks.md,
/// proposals 6–9).
actor WebhookPusher {
    private let store: SandboxStore
    /// Made at the first delivery (a sandbox that never delivers, or fails to start, has none to
    /// shut down).
    private var client: HTTPClient?
    private var loop: Task<Void, Never>?
    private var passing = false
    private var again = false
    /// Faults injected into the deliveries (`wps sandbox --faults 'drop-after:0.3,deliveries'`).
    private let faults: FaultDecider?

    init(store: SandboxStore, faults: FaultPlan? = nil) {
        self.store = store
        self.faults = faults.flatMap { $0.deliveries && !$0.isEmpty ? FaultDecider(plan: $0) : nil }
    }

    private func httpClient() -> HTTPClient {
        if let client { return client }
        var configuration = HTTPClient.Configuration()
        configuration.redirectConfiguration = .disallow
        configuration.timeout = .init(connect: .seconds(5), read: .seconds(10))
        let made = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        client = made
        return made
    }

    /// Starts a pass every `milliseconds` of real time (none without: passes run when the clock
    /// is moved).
    func start(everyMilliseconds milliseconds: Int?) {
        guard let milliseconds, milliseconds > 0 else { return }
        let nanoseconds = UInt64(milliseconds) * 1_000_000
        loop = Task { [weak self] in
            while !Task.isCancelled {
                await self?.pass()
                try? await Task.sleep(nanoseconds: nanoseconds)
            }
        }
    }

    /// One delivery pass now (after the clock moved); one already running runs again after.
    func pass() async {
        if passing {
            again = true
            return
        }
        passing = true
        repeat {
            again = false
            for posts in await store.dueDeliveries() {
                guard let first = posts.first else { continue }
                var outcome = DeliveryOutcome.delivered
                for post in posts {
                    let status = await send(post)
                    if let status, (200..<300).contains(status) { continue }
                    outcome = status == 310 || status == 410 ? .gone : .failed
                    break
                }
                await store.recordDelivery(
                    tenantID: first.tenantID, url: first.url, event: first.event, upTo: first.upTo, outcome)
            }
        } while again
        passing = false
    }

    /// The receiver's status, or nil when it did not answer (or a fault of the plan stood in
    /// for its answer).
    private func send(_ post: WebhookDelivery) async -> Int? {
        let path = URL(string: post.url)?.path ?? "/"
        switch await faults?.decide(method: "POST", path: path) {
        case nil:
            return await deliver(post)
        case .tooManyRequests?: return 429
        case .unavailable?: return 503
        case .serverError?: return 500
        case .drop?, .malformed?: return nil
        case .dropAfterProcessing?:
            _ = await deliver(post)
            return nil
        case .stall(let seconds)?:
            try? await Task.sleep(for: .seconds(seconds))
            return await deliver(post)
        }
    }

    /// POSTs one delivery: the receiver's status, or nil when it did not answer.
    private func deliver(_ post: WebhookDelivery) async -> Int? {
        var request = HTTPClientRequest(url: post.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json")
        request.headers.add(name: "User-Agent", value: "wps-sandbox/\(OutreachAPIVersion.string)")
        request.body = .bytes(ByteBuffer(bytes: post.body))
        do {
            let response = try await httpClient().execute(request, timeout: .seconds(10))
            _ = try? await response.body.collect(upTo: 1 << 20)
            return Int(response.status.code)
        } catch {
            return nil
        }
    }

    /// Stops the passes and the client.
    func stop() async {
        loop?.cancel()
        try? await client?.shutdown()
        client = nil
    }
}
