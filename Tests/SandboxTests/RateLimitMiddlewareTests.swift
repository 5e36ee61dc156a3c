import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import Sandbox

@Suite struct RateLimitMiddlewareTests {
    /// A router whose only route takes `work` to answer, behind the rate limit.
    func app(maxWait: Duration = .seconds(15), work: Duration = .milliseconds(150)) -> some ApplicationProtocol {
        let router = Router(context: SandboxContext.self)
        router.add(middleware: AccountRateLimitMiddleware(queueLimit: 6, maxWait: maxWait))
        router.get("rest/v2/slow") { _, _ in
            try await Task.sleep(for: work)
            return "done"
        }
        return Application(router: router)
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

    @Test func oneRunsSixWaitAndTheRestAreRefused() async throws {
        try await app().test(.live) { client in
            let result = try await statuses(client, count: 9)
            #expect(result.filter { $0 == 200 }.count == 7)
            #expect(result.filter { $0 == 429 }.count == 2)
        }
    }

    @Test func refusalCarriesRetryAfter() async throws {
        try await app(work: .milliseconds(500)).test(.live) { client in
            async let slow: [Int] = statuses(client, count: 7)
            try await Task.sleep(for: .milliseconds(150))
            let refused = try await client.execute(uri: "/rest/v2/slow", method: .get, headers: [.init("x-api-key")!: "k"]) { $0 }
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers[.retryAfter] == "1")
            #expect(String(buffer: refused.body).contains("Too Many Requests"))
            #expect(try await slow.allSatisfy { $0 == 200 })
        }
    }

    @Test func queuedRequestsTimeOut() async throws {
        try await app(maxWait: .milliseconds(100), work: .milliseconds(300)).test(.live) { client in
            let result = try await statuses(client, count: 3)
            #expect(result.sorted() == [200, 429, 429])
        }
    }

    @Test func accountsDoNotBlockEachOther() async throws {
        try await app().test(.live) { client in
            let result = try await statuses(client, count: 14, keys: ["a", "b"])
            #expect(result.allSatisfy { $0 == 200 })
        }
    }

    @Test func gateHandsTurnsInOrder() async throws {
        let gate = AccountGate(queueLimit: 6, maxWait: .seconds(5))
        #expect(await gate.enter("x"))
        let waiter = Task { await gate.enter("x") }
        try await Task.sleep(for: .milliseconds(50))
        #expect(await gate.queued("x") == 1)
        await gate.leave("x")
        #expect(await waiter.value)
        await gate.leave("x")
        #expect(await gate.queued("x") == 0)
        #expect(await gate.enter("x"))
    }
}
