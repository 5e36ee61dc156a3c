import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

@Suite struct FaultInjectionMiddlewareTests {
    @Test func parsesEveryRule() throws {
        let plan = try FaultPlan(
            parsing:
                "429:0.1, 429@3:0.05,503:0.05,500:0.01,drop:0.01,drop-after:0.01,stall:0.01,stall@5:0.01,malformed:0.01,first:5:503,first:1:malformed,seed=42,method=post,path=/rest/v2"
        )
        #expect(
            plan.rates.map(\.fault) == [
                .tooManyRequests(retryAfter: 1), .tooManyRequests(retryAfter: 3), .unavailable, .serverError, .drop,
                .dropAfterProcessing,
                .stall(seconds: 120), .stall(seconds: 5), .malformed,
            ])
        #expect(plan.first.map(\.count) == [5, 1])
        #expect(plan.first.map(\.fault) == [.unavailable, .malformed])
        #expect(plan.seed == 42)
        #expect(plan.method == "POST")
        #expect(plan.pathPrefix == "/rest/v2")
        #expect(!plan.deliveries)
        #expect(try FaultPlan(parsing: "first:1:drop-after, deliveries").deliveries)
        #expect(try FaultPlan(parsing: "").isEmpty)
    }

    @Test(arguments: [
        ("teapot:0.1", "unknown fault 'teapot'"), ("429:2", "rate in 0…1"), ("429", "FAULT:RATE"),
        ("first:x:429", "first:COUNT:FAULT"),
        ("stall@x:0.1", "unknown fault 'stall@x'"), ("stall@-1:0.1", "unknown fault 'stall@-1'"),
        ("malformed", "FAULT:RATE"),
        ("429:0.6,503:0.6", "add up to"), ("seed=abc", "whole number"), ("path=rest", "must start with /"),
    ])
    func rejectsMalformedPlans(text: String, message: String) {
        #expect {
            _ = try FaultPlan(parsing: text)
        } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test func seededDecisionsAreReproducibleAndNearTheRates() async throws {
        let plan = try FaultPlan(parsing: "429:0.1,503:0.05,seed=7")
        func run() async -> [FaultPlan.Fault?] {
            let decider = FaultDecider(plan: plan)
            var result: [FaultPlan.Fault?] = []
            for _ in 0..<10_000 { result.append(await decider.decide(method: "GET", path: "/")) }
            return result
        }
        let first = await run()
        let second = await run()
        #expect(first == second)
        let tooMany = first.filter { $0 == .tooManyRequests(retryAfter: 1) }.count
        let unavailable = first.filter { $0 == .unavailable }.count
        #expect((900...1100).contains(tooMany))
        #expect((400...600).contains(unavailable))
    }

    @Test func filtersByMethodAndPath() async throws {
        let decider = FaultDecider(plan: try FaultPlan(parsing: "first:2:503,method=POST,path=/rest/v2/mailboxes"))
        #expect(await decider.decide(method: "GET", path: "/rest/v2/mailboxes") == nil)
        #expect(await decider.decide(method: "POST", path: "/rest/v2/campaigns") == nil)
        #expect(await decider.decide(method: "POST", path: "/rest/v2/mailboxes/manual_connection/bulk") == .unavailable)
        #expect(await decider.decide(method: "POST", path: "/rest/v2/mailboxes/manual_connection/bulk") == .unavailable)
        #expect(await decider.decide(method: "POST", path: "/rest/v2/mailboxes/manual_connection/bulk") == nil)
    }

    @Test func faultsAnswerWithoutProcessing() async throws {
        var configuration = SandboxConfiguration()
        configuration.rateLimit = false
        configuration.faults = try FaultPlan(parsing: "first:1:429@4,first:1:503,first:1:500")
        let store = try await SandboxStore(processingDelay: .zero)
        let app = Application(router: buildSandboxRouter(store: store, configuration: configuration))
        try await app.test(.router) { client in
            let body = bulk(mailboxBody("f@example.com"))
            let tooMany = try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", json: body)
            #expect(tooMany.status == 429)
            #expect(tooMany.headers[.retryAfter] == "4")
            #expect(try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", json: body).status == 503)
            let unknown = try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", json: body)
            #expect(unknown.status == 500)
            #expect((unknown.body as? [String: Any])?["code"] as? String == "UNKNOWN")
            #expect(await store.tenants.isEmpty)
            #expect(try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", json: body).status == 202)
        }
    }

    @Test func malformedAnswers200WithABodyThatIsNotJSONWithoutProcessing() async throws {
        var configuration = SandboxConfiguration()
        configuration.rateLimit = false
        configuration.faults = try FaultPlan(parsing: "first:1:malformed")
        let store = try await SandboxStore(processingDelay: .zero)
        let app = Application(router: buildSandboxRouter(store: store, configuration: configuration))
        try await app.test(.router) { client in
            let body = bulk(mailboxBody("m@example.com"))
            try await client.execute(
                uri: "/rest/v2/mailboxes/manual_connection/bulk", method: .post,
                headers: [.contentType: "application/json", HTTPField.Name("x-api-key")!: "k"],
                body: ByteBuffer(string: body)
            ) { response in
                #expect(response.status == .ok)
                #expect(!response.body.readableBytesView.isEmpty)
                #expect((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) == nil)
            }
            #expect(await store.tenants.isEmpty)
            #expect(
                try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", key: "k", json: body).status
                    == 202)
        }
    }

    @Test func dropsLookLikeAClosedConnection() async throws {
        var configuration = SandboxConfiguration()
        configuration.rateLimit = false
        configuration.faults = try FaultPlan(parsing: "first:1:drop-after")
        let store = try await SandboxStore(processingDelay: .zero)
        let app = Application(router: buildSandboxRouter(store: store, configuration: configuration))
        try await app.test(.live) { client in
            await #expect(throws: (any Error).self) {
                _ = try await client.call(
                    .post, "/rest/v2/mailboxes/manual_connection/bulk", json: bulk(mailboxBody("d@example.com")))
            }
            // drop-after processed the request: the batch exists.
            #expect(await store.tenants.values.first?.batches.count == 1)
        }
    }
}
