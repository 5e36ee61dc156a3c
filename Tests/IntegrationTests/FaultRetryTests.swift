import OutreachAPI
import Sandbox
import TestSupport
import Testing

extension SandboxHarness {
    /// A client whose backoff sleeps at most 20 ms; the sandbox's request counter shows the attempts.
    func fastRetryingClient(attempts: Int = 5) -> OutreachClient {
        OutreachClient(
            configuration: client(attempts: attempts).configuration, transport: transport,
            sleep: { try await Task.sleep(for: min($0, .milliseconds(20))) })
    }
}

@Suite struct FaultRetryTests {
    /// The client keeps 7 requests in flight per Woodpecker account, which the rate-limited
    /// sandbox admits (one handled, 6 queued): with the first request held 1 s inside the gate
    /// and no retries allowed, 20 concurrent requests all succeed, none refused with 429.
    @Test func sevenInFlightAreAllAdmittedByTheRateLimit() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({
            $0.rateLimit = true
            $0.faults = try! FaultPlan(parsing: "first:1:stall@1")
        }) { harness in
            let client = harness.client(attempts: 1)
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 1...20 { group.addTask { _ = try await client.send(Woodpecker.ListCampaigns()) } }
                try await group.waitForAll()
            }
            #expect(await harness.sandbox.counter.count == 20)
        }
    }

    @Test func getIsRetriedToSuccessThrough503s() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:2:503") }) { harness in
            let campaigns = try await harness.fastRetryingClient().send(Woodpecker.ListCampaigns())
            #expect(campaigns.isEmpty)
            #expect(await harness.sandbox.counter.count == 3)  // two 503s, then the answer
        }
    }

    @Test func getIsRetriedAfterADroppedConnection() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:drop") }) { harness in
            _ = try await harness.fastRetryingClient().send(Woodpecker.ListMailboxes())
            #expect(await harness.sandbox.counter.count == 2)
        }
    }

    @Test func postIsRetriedAfter429WithRetryAfterAndActsOnce() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:429") }) { harness in
            let client = harness.fastRetryingClient()
            let accepted = try await client.send(
                Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("once@example.com")])))
            let summary = try await waitForBatch(client, accepted.batch_id)
            #expect(summary.connected_mailboxes_count == 1)
            #expect(try await client.send(Woodpecker.ListMailboxes()).filter { $0.type == "SMTP" }.count == 1)
            #expect(await harness.sandbox.counter.byEndpoint["POST /rest/v2/mailboxes/manual_connection/bulk"] == 2)
        }
    }

    @Test func postIsNotRetriedAfterTheConnectionDropsWithTheOutcomeUnknown() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:drop-after") }) { harness in
            let client = harness.fastRetryingClient()
            do {
                _ = try await client.send(
                    Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("unknown@example.com")])))
                Issue.record("expected the dropped connection to surface")
            } catch let error as OutreachError {
                #expect(error.kind == .outcomeUnknown)
                #expect(error.attempts == 1)
            }
            #expect(await harness.sandbox.counter.count == 1)
            // The server did act: resending now is a conflict, which is how an importer reconciles.
            let conflict = await expectAPIError {
                _ = try await client.send(
                    Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("unknown@example.com")])))
            }
            #expect(conflict?.status == 409)
        }
    }

    @Test func serverErrorsDecodeInTheEndpointsShape() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:500") }) { harness in
            let error = await expectAPIError {
                _ = try await harness.client().send(Woodpecker.CampaignAction(id: 1, action: .run))
            }
            #expect(error?.status == 500)
        }
    }

    @Test func unreachableServerFailsCleanly() async throws {
        let transport = AsyncHTTPTransport(connectTimeout: .seconds(2))
        defer { Task { await transport.shutdown() } }
        let client = OutreachClient(
            configuration: .init(
                baseURLs: [.woodpecker: "http://127.0.0.1:1/rest/v2"], apiKeys: [.woodpecker: "k"],
                retry: RetryPolicy(maxAttempts: 2, baseDelay: .milliseconds(1))),
            transport: transport)
        do {
            _ = try await client.send(
                Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("x@example.com")])))
            Issue.record("expected a failure")
        } catch let error as OutreachError {
            #expect(error.kind == .unreachable)
            #expect(error.attempts == 2)
        }
    }
    /// A client of `harness`'s sandbox whose attempts time out after `timeout`.
    func impatientClient(_ harness: SandboxHarness, timeout: Duration, attempts: Int = 3) -> OutreachClient {
        OutreachClient(
            configuration: .init(
                baseURLs: [.woodpecker: harness.sandbox.baseURL(for: .woodpecker)], apiKeys: [.woodpecker: "k"],
                requestTimeout: timeout, retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(1))),
            transport: harness.transport)
    }

    @Test func aStalledPostTimesOutOnceAndIsNotResent() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "stall@30:1") }) { harness in
            do {
                _ = try await impatientClient(harness, timeout: .milliseconds(300)).send(
                    Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("t@example.com")])))
                Issue.record("expected a timeout")
            } catch let error as OutreachError {
                #expect(error.kind == .outcomeUnknown)
                #expect(error.attempts == 1)
                #expect(
                    error.description.hasPrefix(
                        "POST mailboxes/manual_connection/bulk: no answer within 300ms (timeout);"))
            }
        }
    }

    @Test func aGetThatStallsOnceIsRetriedToSuccess() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:stall@30,method=GET") }) {
            harness in
            let mailboxes = try await impatientClient(harness, timeout: .milliseconds(500)).send(
                Woodpecker.ListMailboxes())
            #expect(mailboxes.isEmpty)
        }
    }

    @Test func aMalformedAnswerNamesTheEndpointAndShowsTheBody() async throws {
        // swift-format-ignore: OnlyOneTrailingClosureArgument
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "malformed:1") }) { harness in
            do {
                _ = try await harness.client().send(Woodpecker.GetCampaign(id: 3))
                Issue.record("expected a malformed answer")
            } catch let error as OutreachError {
                #expect(error.kind == .malformedResponse)
                #expect(
                    error.description.hasPrefix(
                        #"GET campaigns/3: answered 200 with a body that is not valid JSON: "{\"id\": 1"#))
            }
        }
    }
}
