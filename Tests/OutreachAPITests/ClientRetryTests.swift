import Foundation
import Testing

@testable import OutreachAPI

/// Records what a scripted transport was asked and answers from a script.
actor TransportScript {
    var answers: [Result<TransportResponse, TransportFailure>]
    private(set) var requests: [PreparedRequest] = []
    private(set) var inFlight = 0
    private(set) var maxInFlight = 0
    let holdFor: Duration

    init(_ answers: [Result<TransportResponse, TransportFailure>], holdFor: Duration = .zero) {
        self.answers = answers
        self.holdFor = holdFor
    }

    func next(_ request: PreparedRequest) async throws -> TransportResponse {
        requests.append(request)
        inFlight += 1
        maxInFlight = max(maxInFlight, inFlight)
        if holdFor > .zero { try? await Task.sleep(for: holdFor) }
        inFlight -= 1
        let answer =
            answers.isEmpty ? .success(TransportResponse(status: 200, body: Array("{}".utf8))) : answers.removeFirst()
        return try answer.get()
    }
}

/// Collects the delays a client asked to sleep.
actor SleepLog {
    private(set) var delays: [Duration] = []
    func record(_ delay: Duration) { delays.append(delay) }
}

func makeClient(_ script: TransportScript, sleeps: SleepLog = SleepLog(), attempts: Int = 4) -> OutreachClient {
    OutreachClient(
        configuration: .init(
            baseURLs: [.woodpecker: "http://sandbox.test/rest/v2", .saleshandy: "http://sandbox.test/v1"],
            apiKeys: [.woodpecker: "key-123", .saleshandy: "sh-key"],
            retry: RetryPolicy(maxAttempts: attempts)),
        transport: ClosureTransport { try await script.next($0) },
        sleep: { await sleeps.record($0) })
}

let campaignJSON = """
    {"id":7,"name":"Q4","status":"DRAFT","email_account_ids":[1],
     "settings":{"timezone":"Europe/Berlin","prospect_timezone":false,"daily_enroll":5,"gdpr_unsubscribe":false,"list_unsubscribe":false},
     "steps":{"id":"s","type":"START","followup":null}}
    """

func ok(_ status: Int = 200, _ body: String = "{}", headers: [String: String] = [:]) -> Result<
    TransportResponse, TransportFailure
> {
    .success(TransportResponse(status: status, headers: headers, body: Array(body.utf8)))
}

@Suite struct ClientRetryTests {
    @Test func getIsRetriedToSuccessAfter503And502() async throws {
        let script = TransportScript([ok(503, ""), ok(502, ""), ok(200, campaignJSON)])
        let sleeps = SleepLog()
        let campaign = try await makeClient(script, sleeps: sleeps).send(Woodpecker.GetCampaign(id: 7))
        #expect(campaign.id == 7)
        #expect(await script.requests.count == 3)
        #expect(await sleeps.delays.count == 2)
    }

    @Test func retryAfterIsHonoured() async throws {
        let script = TransportScript([ok(429, "", headers: ["Retry-After": "3"]), ok(200, campaignJSON)])
        let sleeps = SleepLog()
        _ = try await makeClient(script, sleeps: sleeps).send(Woodpecker.GetCampaign(id: 7))
        #expect(await sleeps.delays == [.seconds(3)])
    }

    @Test func postIsRetriedAfter429And503() async throws {
        let script = TransportScript([
            ok(429, "", headers: ["retry-after": "1"]), ok(503, ""), ok(202, #"{"batch_id": 42}"#),
        ])
        let accepted = try await makeClient(script).send(Woodpecker.SubmitManualBatch(.sample))
        #expect(accepted.batch_id == 42)
        #expect(await script.requests.count == 3)
    }

    @Test func postIsNotRetriedAfterADroppedConnection() async throws {
        let script = TransportScript([.failure(.outcomeUnknown("the server closed the connection before answering"))])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script).send(Woodpecker.SubmitManualBatch(.sample))
        }
        #expect(error?.kind == .outcomeUnknown)
        #expect(error?.description.contains("may or may not have acted") == true)
        #expect(await script.requests.count == 1)
    }

    @Test func getIsRetriedAfterADroppedConnection() async throws {
        let script = TransportScript([.failure(.outcomeUnknown("dropped")), ok(200, campaignJSON)])
        _ = try await makeClient(script).send(Woodpecker.GetCampaign(id: 7))
        #expect(await script.requests.count == 2)
    }

    @Test func postIsRetriedWhenTheRequestNeverLeft() async throws {
        let script = TransportScript([.failure(.notSent("connection refused")), ok(202, #"{"batch_id": 1}"#)])
        _ = try await makeClient(script).send(Woodpecker.SubmitManualBatch(.sample))
        #expect(await script.requests.count == 2)
    }

    @Test func postIsNotRetriedAfter502() async throws {
        let script = TransportScript([ok(502, "")])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script).send(Woodpecker.CampaignAction(id: 7, action: .run))
        }
        #expect(error?.apiError?.status == 502)
        #expect(await script.requests.count == 1)
    }

    @Test func givesUpAfterMaxAttemptsWithTheLastAnswer() async throws {
        let script = TransportScript(
            Array(
                repeating: ok(
                    503, #"{"title":"Service Unavailable","status":503,"detail":"try later","timestamp":"x"}"#),
                count: 5))
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script, attempts: 3).send(Woodpecker.GetCampaign(id: 7))
        }
        #expect(error?.kind == .api)
        #expect(error?.apiError?.status == 503)
        #expect(error?.apiError?.message == "try later")
        #expect(await script.requests.count == 3)
    }

    @Test func unreachableAfterMaxAttempts() async throws {
        let script = TransportScript(Array(repeating: .failure(.notSent("could not connect to x")), count: 3))
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script, attempts: 3).send(Woodpecker.GetCampaign(id: 7))
        }
        #expect(error?.kind == .unreachable)
        #expect(error?.attempts == 3)
    }

    @Test func invalidRequestsAreNeverSent() async throws {
        let script = TransportScript([])
        let bad = ManualBulkRequest(mailboxes: [])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script).send(Woodpecker.SubmitManualBatch(bad))
        }
        #expect(error?.kind == .validation)
        #expect(error?.problems.isEmpty == false)
        #expect(await script.requests.isEmpty)
    }

    @Test func apiErrorsDecodeWithTheirEndpoint() async throws {
        let body =
            #"{"type":"NOT_EDITABLE_STATUS","message":"The campaign must be in DRAFT or EDITED status to be updated","details":null}"#
        let script = TransportScript([ok(409, body)])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script).send(Woodpecker.UpdateCampaign(id: 7, CampaignPatch(name: "x")))
        }
        #expect(error?.apiError?.code == "NOT_EDITABLE_STATUS")
        #expect(error?.apiError?.endpoint == "PATCH campaigns/7")
        #expect(error?.apiError?.shape == .typeMessage)
    }

    @Test func malformedSuccessBodyNamesTheEndpoint() async throws {
        let script = TransportScript([ok(200, "{not json")])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script).send(Woodpecker.GetCampaign(id: 7))
        }
        #expect(error?.kind == .malformedResponse)
        #expect(error?.description == #"GET campaigns/7: answered 200 with a body that is not valid JSON: "{not json""#)
    }

    @Test func wellFormedButUndocumentedSuccessBodySaysWhatIsMissing() async throws {
        let script = TransportScript([ok(200, #"{"id": 7}"#)])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script).send(Woodpecker.GetCampaign(id: 7))
        }
        #expect(error?.kind == .malformedResponse)
        #expect(
            error?.description.hasPrefix(
                "GET campaigns/7: the server's answer is not the documented JSON: missing field") == true)
    }

    @Test func emptySuccessBodiesDecodeAsNoContent() async throws {
        let script = TransportScript([ok(200, "")])
        _ = try await makeClient(script).send(Woodpecker.CampaignAction(id: 7, action: .pause))
        #expect(await script.requests.first?.url == "http://sandbox.test/rest/v2/campaigns/7/pause")
    }

    /// The limit follows from the endpoint's family: Woodpecker's v2 (7), its v1 (2, the
    /// "2 concurrent connections" of the v1 error-code page), Saleshandy (6).
    @Test(arguments: [(APIFamily.woodpeckerV2, 7), (APIFamily.woodpeckerV1, 2), (APIFamily.saleshandy, 6)])
    func atMostTheAdmittedRequestsInFlightPerAccount(family: APIFamily, limit: Int) async throws {
        let script = TransportScript([], holdFor: .milliseconds(100))
        let client = makeClient(script)
        @Sendable func request(_ id: Int) throws -> PreparedRequest {
            switch family {
            case .woodpeckerV2: try client.prepare(Woodpecker.CampaignAction(id: id, action: .pause))
            case .woodpeckerV1: try client.prepare(Woodpecker.ListProspects(ProspectQuery(page: id)))
            case .saleshandy: try client.prepare(Saleshandy.GetConnectStatus(requestID: "r\(id)"))
            default: throw CancellationError()
            }
        }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...20 {
                group.addTask { _ = try await client.execute(request(id), idempotent: false) }
            }
            try await group.waitForAll()
        }
        #expect(await script.maxInFlight == limit)
        #expect(await script.requests.count == 20)
        #expect(await script.requests.allSatisfy { $0.family == family })
    }

    @Test func v1AndV2AreLimitedApart() async throws {
        // Two v1 requests held do not hold up v2 requests of the same account.
        let script = TransportScript([], holdFor: .milliseconds(100))
        let client = makeClient(script)
        try await withThrowingTaskGroup(of: Void.self) { group in
            for id in 1...9 {
                group.addTask {
                    let request =
                        id <= 2
                        ? try client.prepare(Woodpecker.ListProspects(ProspectQuery(page: id)))
                        : try client.prepare(Woodpecker.CampaignAction(id: id, action: .pause))
                    _ = try await client.execute(request, idempotent: false)
                }
            }
            try await group.waitForAll()
        }
        #expect(await script.maxInFlight == 9)
    }

    @Test func backoffGrowsAndIsCapped() {
        let policy = RetryPolicy(maxAttempts: 10, baseDelay: .milliseconds(100), maxDelay: .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 1) == .milliseconds(100))
        #expect(policy.delay(afterAttempt: 3, retryAfter: nil, random: 1) == .milliseconds(400))
        #expect(policy.delay(afterAttempt: 9, retryAfter: nil, random: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 9, retryAfter: 120, random: 1) == .seconds(1))
        #expect(policy.delay(afterAttempt: 1, retryAfter: nil, random: 0) == .milliseconds(10))
    }

    @Test func retryAfterParsesSecondsAndDates() {
        #expect(RetryPolicy.parseRetryAfter("7") == 7)
        #expect(RetryPolicy.parseRetryAfter(nil) == nil)
        #expect(RetryPolicy.parseRetryAfter("soon") == nil)
        let date = RetryPolicy.parseRetryAfter("Sun, 06 Nov 1994 08:49:37 GMT", now: 784_111_770)
        #expect(date == 7)
    }
}

extension ManualBulkRequest {
    static let sample = ManualBulkRequest(mailboxes: [
        ManualMailbox(
            smtp_email: "ann@example.com", smtp_password: "s3cret-smtp", smtp_server: "smtp.example.com",
            smtp_port: 465,
            imap_email: "ann@example.com", imap_password: "s3cret-imap", imap_server: "imap.example.com", imap_port: 993
        )
    ])
}
