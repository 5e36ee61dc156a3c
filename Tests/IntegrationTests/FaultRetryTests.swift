import OutreachAPI
import Sandbox
import Testing

/// Counts the client's retry events.
actor RetryLog {
    private(set) var reasons: [String] = []
    func add(_ reason: String) { reasons.append(reason) }
}

extension SandboxHarness {
    func client(faultLog log: RetryLog, attempts: Int = 5) -> OutreachClient {
        let base = client(attempts: attempts)
        return OutreachClient(
            configuration: base.configuration, transport: transport,
            sleep: { try await Task.sleep(for: min($0, .milliseconds(20))) },
            onEvent: { event in
                if case .retrying(_, _, let reason, _) = event { Task { await log.add(reason) } }
            })
    }
}

@Suite struct FaultRetryTests {
    @Test func getIsRetriedToSuccessThrough503s() async throws {
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:2:503") }) { harness in
            let log = RetryLog()
            let campaigns = try await harness.client(faultLog: log).send(Woodpecker.ListCampaigns())
            #expect(campaigns.isEmpty)
            try await Task.sleep(for: .milliseconds(50))
            #expect(await log.reasons == ["HTTP 503", "HTTP 503"])
        }
    }

    @Test func getIsRetriedAfterADroppedConnection() async throws {
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:drop") }) { harness in
            let log = RetryLog()
            _ = try await harness.client(faultLog: log).send(Woodpecker.ListMailboxes())
            try await Task.sleep(for: .milliseconds(50))
            #expect(await log.reasons.count == 1)
        }
    }

    @Test func postIsRetriedAfter429WithRetryAfterAndActsOnce() async throws {
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:429") }) { harness in
            let log = RetryLog()
            let client = harness.client(faultLog: log)
            let accepted = try await client.send(Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("once@example.com")])))
            let summary = try await waitForBatch(client, accepted.batch_id)
            #expect(summary.connected_mailboxes_count == 1)
            #expect(try await client.send(Woodpecker.ListMailboxes()).filter { $0.type == "SMTP" }.count == 1)
            try await Task.sleep(for: .milliseconds(50))
            #expect(await log.reasons == ["HTTP 429"])
        }
    }

    @Test func postIsNotRetriedAfterTheConnectionDropsWithTheOutcomeUnknown() async throws {
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:drop-after") }) { harness in
            let log = RetryLog()
            let client = harness.client(faultLog: log)
            do {
                _ = try await client.send(Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("unknown@example.com")])))
                Issue.record("expected the dropped connection to surface")
            } catch let error as OutreachError {
                #expect(error.kind == .outcomeUnknown)
                #expect(error.attempts == 1)
            }
            #expect(await log.reasons.isEmpty)
            // The server did act: resending now is a conflict, which is how an importer reconciles.
            let conflict = await expectAPIError {
                _ = try await client.send(Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("unknown@example.com")])))
            }
            #expect(conflict?.status == 409)
        }
    }

    @Test func serverErrorsDecodeInTheEndpointsShape() async throws {
        try await SandboxHarness.with({ $0.faults = try! FaultPlan(parsing: "first:1:500") }) { harness in
            let error = await expectAPIError { _ = try await harness.client().send(Woodpecker.CampaignAction(id: 1, action: .run)) }
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
            _ = try await client.send(Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: [mailbox("x@example.com")])))
            Issue.record("expected a failure")
        } catch let error as OutreachError {
            #expect(error.kind == .unreachable)
            #expect(error.attempts == 2)
        }
    }
}
