import Foundation
import OutreachAPI
import Sandbox
import Testing

/// A sandbox on a free loopback port and a real client (AsyncHTTPClient) pointed at it, for the
/// tests that go through HTTP; with the waits, expectations and fixtures every test target shares.
public struct SandboxHarness: Sendable {
    public let sandbox: RunningSandbox
    public let transport: AsyncHTTPTransport

    public static func start(_ configure: (inout SandboxConfiguration) -> Void = { _ in }) async throws
        -> SandboxHarness
    {
        var configuration = SandboxConfiguration()
        configuration.port = 0
        configuration.rateLimit = false
        configuration.processingDelay = .milliseconds(50)
        configure(&configuration)
        let sandbox = try await SandboxServer.start(configuration)
        return SandboxHarness(sandbox: sandbox, transport: AsyncHTTPTransport(readTimeout: .seconds(60)))
    }

    /// A client for the given account key, retrying quickly. The 60 s timeouts are a safety net,
    /// not a wait: on a loaded machine an in-process sandbox may take seconds to answer.
    public func client(key: String = "integration-key", attempts: Int = 4) -> OutreachClient {
        OutreachClient(
            configuration: .init(
                baseURLs: [
                    .woodpecker: sandbox.baseURL(for: .woodpecker), .saleshandy: sandbox.baseURL(for: .saleshandy),
                ],
                apiKeys: [.woodpecker: key, .saleshandy: key], requestTimeout: .seconds(60),
                retry: RetryPolicy(maxAttempts: attempts, baseDelay: .milliseconds(5), maxDelay: .milliseconds(50))),
            transport: transport)
    }

    public func stop() async {
        await transport.shutdown()
        await sandbox.stop()
    }

    /// Runs `body` with a started harness and always stops it.
    public static func with<T>(
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
public func waitUntil(
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
public func waitForBatch(_ client: OutreachClient, _ id: Int) async throws -> BatchSummary {
    var summary = try await client.send(Woodpecker.GetBatchSummary(batchID: id))
    try await waitUntil("batch \(id) to finish") {
        if summary.processing_finished { return true }
        summary = try await client.send(Woodpecker.GetBatchSummary(batchID: id))
        return summary.processing_finished
    }
    return summary
}

/// Expects `body` to fail with an API error and returns it.
public func expectAPIError(
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

public func mailbox(
    _ email: String, smtp: String = "smtp.example.com", imap: String = "imap.example.com", password: String = "pw"
)
    -> ManualMailbox
{
    ManualMailbox(
        smtp_email: email, smtp_password: password, smtp_server: smtp, smtp_port: 465, imap_email: email,
        imap_password: password, imap_server: imap, imap_port: 993)
}

/// Connects mailboxes and returns their SMTP ids (the email account ids campaigns use).
public func connectMailboxes(_ client: OutreachClient, _ emails: [String]) async throws -> [Int] {
    let accepted = try await client.send(
        Woodpecker.SubmitManualBatch(ManualBulkRequest(mailboxes: emails.map { mailbox($0) })))
    _ = try await waitForBatch(client, accepted.batch_id)
    let all = try await client.send(Woodpecker.ListMailboxes())
    return all.filter { $0.type == "SMTP" && emails.contains($0.details.email) }.map(\.id)
}

public func emailStep(
    subject: String?, message: String = "<p>Hi {{FIRST_NAME}}</p>", versions: Int = 1, followup: Step? = nil
) -> Step {
    Step.email(
        versions: (0..<versions).map { index in
            EmailVersion(
                subject: subject.map { versions > 1 ? "\($0) \(index)" : $0 }, message: message, signature: .sender,
                track_opens: true)
        },
        deliveryTime: DeliveryTime([.monday: [TimeWindow(from: "08:00", to: "18:00")]]),
        followupAfter: FollowupAfter(range: .day, value: 3), followup: followup)
}

public func draft(accounts: [Int], name: String? = "Q4 outreach") -> CampaignDraft {
    CampaignDraft(
        name: name, email_account_ids: accounts,
        settings: CampaignSettings(timezone: "Europe/Berlin", daily_enroll: 50),
        steps: .start(emailStep(subject: "Hello", versions: 2, followup: emailStep(subject: nil))))
}

// MARK: Request bodies as JSON text, for the tests that call the router directly

public let mailboxJSON =
    #"{"smtp_email":"%@","smtp_password":"%@","smtp_server":"%@","smtp_port":465,"imap_email":"%@","imap_password":"pw","imap_server":"%@","imap_port":993}"#

public func mailboxBody(
    _ email: String, smtp: String = "smtp.example.com", imap: String = "imap.example.com", password: String = "pw"
) -> String {
    String(format: mailboxJSON, email, password, smtp, email, imap)
}

public func bulk(_ mailboxes: String...) -> String { #"{"mailboxes":["# + mailboxes.joined(separator: ",") + "]}" }

public let campaignBody = """
    {"name":"Q4","email_account_ids":[%@],"settings":{"timezone":"Europe/Berlin","daily_enroll":10},
     "steps":{"type":"START","followup":{"type":"EMAIL","delivery_time":{"MONDAY":[{"from":"00:00","to":"24:00"}]},
       "body":{"versions":[{"subject":"Hi","message":"<p>Hi</p>","signature":"SENDER","track_opens":true}]},
       "followup":{"type":"EMAIL","delivery_time":{"FRIDAY":[{"from":"08:00","to":"18:00"}]},
         "body":{"versions":[{"subject":null,"message":"<p>Again</p>","signature":"NO_SIGNATURE","track_opens":false}]}}}}}
    """
