/// How a sandbox server runs: where it listens, where it keeps state, and how it behaves.
public struct SandboxConfiguration: Sendable {
    /// The address to bind; loopback unless told otherwise.
    public var host = "127.0.0.1"
    /// Serve HTTPS with this certificate and key; nil serves plain HTTP.
    public var tls: SandboxTLS?
    /// The port; 0 picks a free one.
    public var port = 8787
    /// A SQLite file to keep state in across restarts; nil keeps it in memory.
    public var dataPath: String?
    /// Emulate Woodpecker's rate limit (one request at a time per account, 6 queued, 15 s).
    public var rateLimit = true
    /// How long a queued request may wait before it is refused with 429.
    public var rateLimitMaxWait: Duration = .seconds(15)
    /// Simulated network latency added to every request.
    public var latency: Duration?
    /// How long a mailbox batch (or Saleshandy request) takes to process.
    public var processingDelay: Duration = .milliseconds(300)
    /// How far ahead of the wall clock the sandbox clock starts (campaigns' sending, reports and
    /// batches follow the sandbox clock): a restart over the same `dataPath` with a larger offset
    /// shows what days of sending did, without waiting for them.
    public var clockOffset: Duration = .zero
    /// Faults to inject.
    public var faults = FaultPlan()
    /// Accept any email account id in campaigns (used by `wps --dry-run`).
    public var acceptsAnyAccountID = false
    /// Raises every id the sandbox gives out (campaigns, mailboxes, batches, prospects, requests)
    /// by this much: a dry run's overlay gives ids that cannot be mistaken for the real account's.
    public var idOffset = 0
    /// Log each request's method, path and status to stderr.
    public var logRequests = false
    /// The largest request body accepted; larger ones are answered with 413.
    public var maxBodySize = 8 * 1024 * 1024

    /// Sandbox seconds per real second (`--clock-speed`): replies and webhooks arrive sooner.
    public var clockSpeed: Double = 1
    /// Deliver webhooks to subscribed loopback URLs as their events happen.
    public var deliversWebhooks = true
    /// How often (real time) a webhook delivery pass runs; nil: only when `sandbox advance`
    /// moves the clock (deterministic demos and tests).
    public var pushIntervalMilliseconds: Int? = 1_000

    public init() {}
}
