import OutreachAPI
import Sandbox
import Testing

/// A sandbox on a free loopback port and a real client (AsyncHTTPClient) pointed at it.
struct SandboxHarness {
    let sandbox: RunningSandbox
    let transport: AsyncHTTPTransport

    static func start(_ configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws -> SandboxHarness {
        var configuration = SandboxConfiguration()
        configuration.port = 0
        configuration.rateLimit = false
        configuration.processingDelay = .milliseconds(50)
        configure(&configuration)
        let sandbox = try await SandboxServer.start(configuration)
        return SandboxHarness(sandbox: sandbox, transport: AsyncHTTPTransport(readTimeout: .seconds(5)))
    }

    /// A client for the given account key, retrying quickly.
    func client(key: String = "integration-key", attempts: Int = 4) -> OutreachClient {
        OutreachClient(
            configuration: .init(
                baseURLs: [.woodpecker: sandbox.baseURL(for: .woodpecker), .saleshandy: sandbox.baseURL(for: .saleshandy)],
                apiKeys: [.woodpecker: key, .saleshandy: key], requestTimeout: .seconds(5),
                retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50))),
            transport: transport)
    }

    func stop() async {
        await transport.shutdown()
        await sandbox.stop()
    }

    /// Runs `body` with a started harness and always stops it.
    static func with<T>(
        _ configure: (inout SandboxConfiguration) -> Void = { _ in }, _ body: (SandboxHarness) async throws -> T
    ) async throws -> T {
        let harness = try await start(configure)
        do {
            let result = try await body(harness)
            await harness.stop()
            return result
        } catch {
            await harness.stop()
            throw error
        }
    }
}

/// Calls `condition` until it holds; returns false, recording an issue that names `what`, if it
/// still does not after `timeout`. The timeout is a safety net only: every wait ends as soon as the
/// condition holds, so a loaded machine makes a test slower, never wrong.
@discardableResult
func waitUntil(
    _ what: String, timeout: Duration = .seconds(120), sourceLocation: SourceLocation = #_sourceLocation,
    _ condition: () async throws -> Bool
) async throws -> Bool {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("timed out after \(timeout) waiting for \(what)", sourceLocation: sourceLocation)
            return false
        }
        try await Task.sleep(for: .milliseconds(20))
    }
    return true
}

/// Polls a batch until the sandbox has processed it.
func waitForBatch(_ client: OutreachClient, _ id: Int) async throws -> BatchSummary {
    var summary = try await client.send(Woodpecker.GetBatchSummary(batchID: id))
    try await waitUntil("batch \(id) to finish") {
        if summary.processing_finished { return true }
        summary = try await client.send(Woodpecker.GetBatchSummary(batchID: id))
        return summary.processing_finished
    }
    return summary
}

/// Expects `body` to fail with an API error and returns it.
func expectAPIError(
    _ body: () async throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) async -> APIError? {
    do {
        try await body()
        Issue.record("expected an API error", sourceLocation: sourceLocation)
        return nil
    } catch let error as OutreachError {
        #expect(error.kind == .api, "\(error)", sourceLocation: sourceLocation)
        return error.apiError
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}

func mailbox(_ email: String, smtp: String = "smtp.example.com", imap: String = "imap.example.com", password: String = "pw")
    -> ManualMailbox
{
    ManualMailbox(
        smtp_email: email, smtp_password: password, smtp_server: smtp, smtp_port: 465, imap_email: email,
        imap_password: password, imap_server: imap, imap_port: 993)
}

/// Connects mailboxes and returns their SMTP ids (the email account ids campaigns use).
func connectMailboxes(_ client: OutreachClient, _ emails: [String]) async throws -> [Int] {
    let accepted = try await client.send(Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: emails.map { mailbox($0) })))
    _ = try await waitForBatch(client, accepted.batch_id)
    let all = try await client.send(Woodpecker.ListMailboxes())
    return all.filter { $0.type == "SMTP" && emails.contains($0.details.email) }.map(\.id)
}

func emailStep(subject: String?, message: String = "<p>Hi {{FIRST_NAME}}</p>", versions: Int = 1, followup: Step? = nil) -> Step {
    Step.email(
        versions: (0..<versions).map { index in
            EmailVersion(subject: subject.map { versions > 1 ? "\($0) \(index)" : $0 }, message: message, signature: .sender, track_opens: true)
        },
        deliveryTime: DeliveryTime([.monday: [TimeWindow(from: "08:00", to: "18:00")]]),
        followupAfter: FollowupAfter(range: .day, value: 3), followup: followup)
}

func draft(accounts: [Int], name: String? = "Q4 outreach") -> CampaignDraft {
    CampaignDraft(
        name: name, email_account_ids: accounts,
        settings: CampaignSettings(timezone: "Europe/Berlin", daily_enroll: 50),
        steps: .start(emailStep(subject: "Hello", versions: 2, followup: emailStep(subject: nil))))
}
