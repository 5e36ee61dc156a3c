import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// The v1 error family: body shape, status per code, keys, unknown paths, body limit, rate limit
/// and faults on `/rest/v1` (gaps 4, 21–24).
@Suite struct ProspectErrorTests {
    @Test func missingOrBlankKeysAnswerESession() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            for key in [nil, "  "] as [String?] {
                let listing = try await client.v1(.get, "/rest/v1/prospects", key: key)
                #expect(listing.status == 400)
                #expect(listing.code == "E_SESSION")
                let body = try #require(listing.body as? [String: Any])
                #expect(Set(body.keys) == ["status"])
                #expect((body["status"] as? [String: Any])?["status"] as? String == "ERROR")
                let write = try await client.v1(
                    .post, "/rest/v1/add_prospects_list", key: key, json: prospectsBody([prospectJSON("a@example.com")])
                )
                #expect(write.code == "E_SESSION")
                #expect(
                    try await client.v1(.post, "/rest/v1/add_prospects_campaign", key: key, json: "{}").code
                        == "E_SESSION")
            }
            // The /rest/v1/me extension keeps its 401 problem body.
            let me = try await client.call(.get, "/rest/v1/me", key: nil)
            #expect(me.status == 401)
            #expect((me.body as? [String: Any])?["detail"] as? String == "Invalid api key")
        }
    }

    @Test func unknownV1PathsAnswerEURLNotFound() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            for (method, path) in [
                (HTTPRequest.Method.get, "/rest/v1/prospect"), (.get, "/rest/v1/add_prospects_list"),
                (.delete, "/rest/v1/prospects"), (.post, "/rest/v1"),
            ] {
                let answer = try await client.v1(method, path)
                #expect(answer.status == 400, "\(method) \(path)")
                #expect(answer.code == "E_URL_NOT_FOUND")
            }
            // v2 keeps the 404 problem body.
            let v2 = try await client.call(.get, "/rest/v2/nothing")
            #expect(v2.status == 404)
            #expect((v2.body as? [String: Any])?["title"] as? String == "Not Found")
        }
    }

    @Test func theWritePathsAccept32MEvenWhenTheGeneralLimitIs8M() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            // 9 MiB: over the general limit, under the prospect limit.
            let snippet = String(repeating: "x", count: 9 * 1024 * 1024)
            let nine = prospectsBody([prospectJSON("big@example.com", ["snippet1": snippet])])
            let accepted = try await client.v1(.post, "/rest/v1/add_prospects_list", json: nine)
            #expect(accepted.status == 200)
            #expect(accepted.entries.first?["id"] as? Int == 100001)
            // The v2 paths keep the general limit.
            #expect(try await client.call(.post, "/rest/v2/campaigns", json: nine).status == 413)
            // Over 32 MiB: 413 in the v1 shape, E_WRONG_PARAM.
            let huge = prospectsBody([
                prospectJSON("huge@example.com", ["snippet1": String(repeating: "y", count: 33 * 1024 * 1024)])
            ])
            let refused = try await client.v1(.post, "/rest/v1/add_prospects_campaign", json: huge)
            #expect(refused.status == 413)
            #expect(refused.code == "E_WRONG_PARAM")
            #expect(refused.msg?.contains("\(32 * 1024 * 1024) bytes") == true)
        }
    }

    @Test func aLargerGeneralLimitAppliesToTheWritePathsToo() async throws {
        let sandbox = try await TestSandbox { $0.maxBodySize = 40 * 1024 * 1024 }
        try await sandbox.app.test(.router) { client in
            let body = prospectsBody([
                prospectJSON("huge@example.com", ["snippet1": String(repeating: "y", count: 33 * 1024 * 1024)])
            ])
            let answer = try await client.v1(.post, "/rest/v1/add_prospects_list", json: body)
            #expect(answer.status == 200)
        }
    }

    @Test func injectedFaultsTakeTheV1Shape() async throws {
        let sandbox = try await TestSandbox {
            $0.faults = (try? FaultPlan(parsing: "first:1:429@3,first:1:503,first:1:500,path=/rest/v1")) ?? FaultPlan()
        }
        try await sandbox.app.test(.router) { client in
            let body = prospectsBody([prospectJSON("a@example.com")])
            // An injected rate-limit refusal is v1's: 400 E_TOO_MANY_REQUESTS, no Retry-After.
            let tooMany = try await client.v1(.post, "/rest/v1/add_prospects_list", json: body)
            #expect(tooMany.status == 400)
            #expect(tooMany.code == "E_TOO_MANY_REQUESTS")
            #expect(tooMany.headers[.retryAfter] == nil)
            let unavailable = try await client.v1(.post, "/rest/v1/add_prospects_list", json: body)
            #expect(unavailable.status == 503)
            #expect(unavailable.body == nil)
            #expect(try await client.v1(.post, "/rest/v1/add_prospects_list", json: body).status == 500)
            // None of them was processed.
            #expect(try await client.prospects().status == 204)
            #expect(try await client.addToList([prospectJSON("a@example.com")]).entries.first?["id"] as? Int == 100001)
        }
    }

    @Test func dropAfterStoresTheProspectsSoTheResendIsADuplicate() async throws {
        let sandbox = try await TestSandbox {
            $0.faults = (try? FaultPlan(parsing: "first:1:drop-after,path=/rest/v1/add_prospects")) ?? FaultPlan()
        }
        try await sandbox.app.test(.live) { client in
            let port = try #require(client.port)
            // A client of its own: the dropped connection is not reused for the resend.
            let http = HTTPClient(eventLoopGroupProvider: .singleton)
            func send() async throws -> (status: Int, body: Any?) {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)/rest/v1/add_prospects_list")
                request.method = .POST
                request.headers.add(name: "x-api-key", value: "k")
                request.headers.add(name: "content-type", value: "application/json")
                request.body = .bytes(ByteBuffer(string: prospectsBody([prospectJSON("once@example.com")])))
                let response = try await http.execute(request, timeout: .seconds(30))
                let data = Data(try await response.body.collect(upTo: 1 << 20).readableBytesView)
                return (Int(response.status.code), try? JSONSerialization.jsonObject(with: data))
            }
            do {
                await #expect(throws: (any Error).self) { _ = try await send() }
                let resent = try await send()
                #expect(resent.status == 200)
                let entry = ((resent.body as? [String: Any])?["prospects"] as? [[String: Any]])?.first
                #expect(entry?["code"] as? String == "E_DUPLICATE")
                #expect(entry?["id"] as? Int == 100001)
                try await http.shutdown()
            } catch {
                try await http.shutdown()
                throw error
            }
        }
    }

    /// `/rest/v1` as its pages describe it: 2 concurrent connections per account, a third refused
    /// at once with `400` `E_TOO_MANY_REQUESTS` (no queue); v2's queue is apart and not held up.
    @Test func v1AllowsTwoConcurrentConnectionsAndRefusesAThirdWith400() async throws {
        let latch = Latch()
        let middleware = AccountRateLimitMiddleware<SandboxContext>(queueLimit: 6, maxWait: .seconds(15))
        let router = Router(context: SandboxContext.self)
        router.add(middleware: middleware)
        router.get("rest/v1/prospects") { _, _ in
            await latch.wait()
            return "listed"
        }
        router.get("rest/v2/campaigns") { _, _ in "campaigns" }
        try await Application(router: router).test(.live) { client in
            let port = try #require(client.port)
            var configuration = HTTPClient.Configuration()
            configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
            let http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            func send(_ path: String, key: String = "k") async throws -> HTTPClientResponse {
                var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
                request.headers.add(name: "x-api-key", value: key)
                return try await http.execute(request, timeout: .seconds(30))
            }
            do {
                let held = (0..<2).map { _ in Task { try await send("/rest/v1/prospects").status.code } }
                try await waitUntil("two v1 requests to be held") { await latch.held == 2 }
                #expect(await middleware.v1Connections.active("k") == 2)
                let refused = try await send("/rest/v1/prospects")
                #expect(refused.status == .badRequest)
                #expect(refused.headers.first(name: "retry-after") == nil)
                let text = String(buffer: try await refused.body.collect(upTo: 1 << 16))
                #expect(text.contains(#""code":"E_TOO_MANY_REQUESTS""#))
                #expect(text.contains(#""status":"ERROR""#))
                // v2 is limited apart, and another key is not held up.
                #expect(try await send("/rest/v2/campaigns").status == .ok)
                #expect(await middleware.gate.queued("k") == 0)
                await latch.release()
                #expect(try await send("/rest/v1/prospects", key: "other").status == .ok)
                for task in held { #expect(try await task.value == 200) }
                // Both connections are given back.
                #expect(await middleware.v1Connections.active("k") == 0)
                #expect(try await send("/rest/v1/prospects").status == .ok)
                try await http.shutdown()
            } catch {
                await latch.release()
                try await http.shutdown()
                throw error
            }
        }
    }

    @Test func everyV1CodeIsRenderedWithItsStatus() throws {
        for code in V1Code.allCases {
            let error = SandboxError.v1(code, "m")
            #expect(error.status.code == 400)
            #expect(error.headers[.retryAfter] == nil)
        }
    }
}
