import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// Holds requests inside the handler until opened, so tests control what is in flight.
actor Latch {
    private var open = false
    private var waiters: [CheckedContinuation<Void, Never>] = []
    func wait() async {
        if open { return }
        await withCheckedContinuation { waiters.append($0) }
    }
    /// How many requests are held.
    var held: Int { waiters.count }
    func release() {
        open = true
        for waiter in waiters { waiter.resume() }
        waiters = []
    }
}

@Suite struct RateLimitMiddlewareTests {
    /// A router whose only route waits for `latch` (or `work`), behind the rate limit.
    func app(_ middleware: AccountRateLimitMiddleware<SandboxContext>, latch: Latch? = nil, work: Duration = .zero)
        -> some ApplicationProtocol
    {
        let router = Router(context: SandboxContext.self)
        router.add(middleware: middleware)
        router.get("rest/v2/slow") { _, _ in
            if let latch { await latch.wait() }
            if work > .zero { try await Task.sleep(for: work) }
            return "done"
        }
        return Application(router: router)
    }

    /// Waits until `count` requests of account `key` are queued.
    func waitForQueue(_ middleware: AccountRateLimitMiddleware<SandboxContext>, _ count: Int, key: String = "k")
        async throws
    {
        try await waitUntil("the queue to reach \(count)") { await middleware.gate.queued(key) == count }
    }

    /// Sends `count` concurrent requests over separate connections (the test client has one).
    func statuses(_ client: some TestClientProtocol, count: Int, keys: [String] = ["k"]) async throws -> [Int] {
        let port = try #require(client.port)
        var configuration = HTTPClient.Configuration()
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 32
        let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        do {
            let result = try await withThrowingTaskGroup(of: Int.self) { group in
                for index in 0..<count {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/rest/v2/slow")
                    request.headers.add(name: "x-api-key", value: keys[index % keys.count])
                    group.addTask { Int(try await http.execute(request, timeout: .seconds(30)).status.code) }
                    try await Task.sleep(for: .milliseconds(10))  // arrive in order
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            try await http.shutdown()
            return result
        } catch {
            try await http.shutdown()
            throw error
        }
    }

    @Test func oneRunsSixWaitAndTheRestAreRefusedWithRetryAfter() async throws {
        let middleware = AccountRateLimitMiddleware<SandboxContext>(queueLimit: 6, maxWait: .seconds(15))
        let latch = Latch()
        try await app(middleware, latch: latch).test(.live) { client in
            async let admitted = statuses(client, count: 7)
            try await waitForQueue(middleware, 6)  // one in the handler, six waiting
            let refused = try await client.execute(
                uri: "/rest/v2/slow", method: .get, headers: [.init("x-api-key")!: "k"]
            ) { $0 }
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(String(buffer: refused.body).contains("Too Many Requests"))
            await latch.release()
            #expect(try await admitted == Array(repeating: 200, count: 7))
        }
    }

    @Test func queuedRequestsTimeOut() async throws {
        let middleware = AccountRateLimitMiddleware<SandboxContext>(queueLimit: 6, maxWait: .milliseconds(100))
        let latch = Latch()
        try await app(middleware, latch: latch).test(.live) { client in
            async let first = statuses(client, count: 1)
            try await waitUntil("the first request to be held") { await latch.held > 0 }
            #expect(await latch.held == 1)
            // Two more wait behind it for at most 100 ms, then are refused.
            #expect(try await statuses(client, count: 2) == [429, 429])
            await latch.release()
            #expect(try await first == [200])
        }
    }

    @Test func accountsDoNotBlockEachOther() async throws {
        let middleware = AccountRateLimitMiddleware<SandboxContext>(queueLimit: 6, maxWait: .seconds(15))
        try await app(middleware, work: .milliseconds(20)).test(.live) { client in
            let result = try await statuses(client, count: 14, keys: ["a", "b"])
            #expect(result.allSatisfy { $0 == 200 })
        }
    }

    @Test func gateHandsTurnsInOrder() async throws {
        let gate = AccountGate(queueLimit: 6, maxWait: .seconds(5))
        #expect(await gate.enter("x"))
        let waiter = Task { await gate.enter("x") }
        try await waitUntil("the second entrant to queue") { await gate.queued("x") > 0 }
        #expect(await gate.queued("x") == 1)
        await gate.leave("x")
        #expect(await waiter.value)
        await gate.leave("x")
        #expect(await gate.queued("x") == 0)
        #expect(await gate.enter("x"))
    }
}
