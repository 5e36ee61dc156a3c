import Foundation
import Testing

@testable import OutreachAPI

/// Woodpecker's `/rest/v1` endpoints refuse a request over their limit with `400` (`409` on the
/// webhook pages) and the v1 body `E_TOO_MANY_REQUESTS`, not `429`: the client retries it as a
/// rate-limit answer, on every v1 endpoint, with the policy's backoff.
@Suite struct ClientV1RateLimitTests {
    static let tooMany = #"{"status":{"status":"ERROR","code":"E_TOO_MANY_REQUESTS","msg":"Too many requests"}}"#
    static let bulkOK =
        #"{"prospects":[{"email":"ann@acme.com","id":100001}],"status":{"status":"OK","code":"OK","msg":"OK"}}"#

    /// A client whose backoff starts at 100 ms, recording the delays it asks to sleep.
    func client(_ script: TransportScript, _ sleeps: SleepLog) -> OutreachClient {
        OutreachClient(
            configuration: .init(
                baseURLs: [.woodpecker: "http://sandbox.test/rest/v2"], apiKeys: [.woodpecker: "key-123"],
                retry: RetryPolicy(maxAttempts: 4, baseDelay: .milliseconds(100), maxDelay: .seconds(5))),
            transport: ClosureTransport { try await script.next($0) },
            sleep: { await sleeps.record($0) })
    }

    @Test func prospectListIsRetriedAfterA400TooManyRequests() async throws {
        let script = TransportScript([ok(400, Self.tooMany), ok(200, "[]", headers: ["X-Total-Count": "0"])])
        let sleeps = SleepLog()
        let page = try await client(script, sleeps).send(Woodpecker.ListProspects())
        #expect(page.prospects.isEmpty)
        #expect(await script.requests.count == 2)
        // No Retry-After on a v1 answer: the first backoff, 10…100 ms (full jitter, floor a tenth).
        let delays = await sleeps.delays
        #expect(delays.count == 1)
        #expect(delays.allSatisfy { $0 >= .milliseconds(10) && $0 <= .milliseconds(100) }, "\(delays)")
    }

    @Test func aProspectWriteIsRetriedToo() async throws {
        // A POST: the refusal means nothing was done, so it is resent like a 429.
        let script = TransportScript([ok(400, Self.tooMany), ok(400, Self.tooMany), ok(200, Self.bulkOK)])
        let sleeps = SleepLog()
        let body = ProspectCampaignRequest(
            campaign: .init(campaign_id: 7), prospects: [ProspectFields(email: "ann@acme.com")])
        let answer = try await client(script, sleeps).send(Woodpecker.AddProspectsCampaign(body))
        #expect(answer.prospects.first?.id == 100001)
        #expect(await script.requests.count == 3)
        // The backoff grows: the second wait's ceiling is twice the first's.
        let delays = await sleeps.delays
        #expect(delays.count == 2)
        #expect(delays[0] <= .milliseconds(100) && delays[1] >= .milliseconds(20) && delays[1] <= .milliseconds(200))
    }

    @Test func aWebhookStyle409TooManyRequestsIsRetried() async throws {
        let script = TransportScript([ok(409, Self.tooMany), ok(200, Self.bulkOK)])
        let sleeps = SleepLog()
        let body = ProspectListRequest(prospects: [ProspectFields(email: "ann@acme.com")])
        _ = try await client(script, sleeps).send(Woodpecker.AddProspectsList(body))
        #expect(await script.requests.count == 2)
        #expect(await sleeps.delays.count == 1)
    }

    @Test func anyOtherV1ErrorIsNotRetried() async throws {
        let wrong = #"{"status":{"status":"ERROR","code":"E_WRONG_PARAM","msg":"per_page: must be 1…1000"}}"#
        let script = TransportScript([ok(400, wrong)])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await client(script, SleepLog()).send(Woodpecker.ListProspects())
        }
        #expect(error?.apiError?.code == "E_WRONG_PARAM")
        #expect(await script.requests.count == 1)
    }

    @Test func whenRetriesAreSpentTheRefusalIsTheError() async throws {
        let script = TransportScript(Array(repeating: ok(400, Self.tooMany), count: 4))
        let error = await #expect(throws: OutreachError.self) {
            _ = try await client(script, SleepLog()).send(Woodpecker.ListProspects())
        }
        #expect(error?.apiError?.status == 400)
        #expect(error?.apiError?.code == "E_TOO_MANY_REQUESTS")
        #expect(await script.requests.count == 4)
    }

    @Test func anAnswerIsClassifiedByItsBody() {
        func outcome(_ status: Int, _ body: String, headers: [String: String] = [:]) -> AttemptOutcome {
            AttemptOutcome(answer: TransportResponse(status: status, headers: headers, body: Array(body.utf8)))
        }
        #expect(outcome(400, Self.tooMany) == .rateLimited(status: 400, retryAfter: nil))
        #expect(outcome(429, Self.tooMany, headers: ["Retry-After": "2"]) == .rateLimited(status: 429, retryAfter: 2))
        #expect(outcome(400, #"{"status":{"code":"E_SESSION"}}"#) == .answered(status: 400, retryAfter: nil))
        // The code inside a message, or in a success, is no refusal.
        #expect(outcome(400, #"{"message":"E_TOO_MANY_REQUESTS"}"#) == .answered(status: 400, retryAfter: nil))
        #expect(outcome(200, Self.tooMany) == .answered(status: 200, retryAfter: nil))
        #expect(outcome(400, "E_TOO_MANY_REQUESTS") == .answered(status: 400, retryAfter: nil))
    }
}
