import Hummingbird

/// Builds the sandbox's router: middlewares (request counter, body-size limit, latency, rate limit,
/// faults, server timing, error shapes) in front of the Woodpecker (v2 and v1 prospects) and
/// Saleshandy routes.
public func buildSandboxRouter(
    store: SandboxStore, configuration: SandboxConfiguration, counter: RequestCounter = RequestCounter()
) -> Router<SandboxContext> {
    buildSandboxRouter(store: store, configuration: configuration, counter: counter, pusher: nil)
}

/// The router, with the webhook pusher that a move of the clock wakes.
func buildSandboxRouter(
    store: SandboxStore, configuration: SandboxConfiguration, counter: RequestCounter, pusher: WebhookPusher?
) -> Router<SandboxContext> {
    let router = Router(context: SandboxContext.self)
    router.add(middleware: RequestCounterMiddleware(counter: counter, log: configuration.logRequests))
    router.add(middleware: BodyLimitMiddleware(limit: configuration.maxBodySize))
    if let latency = configuration.latency, latency > .zero {
        router.add(middleware: LatencyMiddleware(latency: latency))
    }
    if configuration.rateLimit {
        router.add(middleware: AccountRateLimitMiddleware(queueLimit: 6, maxWait: configuration.rateLimitMaxWait))
    }
    if !configuration.faults.isEmpty, !configuration.faults.deliveries {
        router.add(middleware: FaultInjectionMiddleware(plan: configuration.faults))
    }
    router.add(middleware: ServerTimingMiddleware())
    router.add(middleware: ErrorShapingMiddleware())
    ReportRoutes(store: store).register(on: router)
    MailboxRoutes(store: store).register(on: router)
    CampaignRoutes(store: store).register(on: router)
    SaleshandyRoutes(store: store).register(on: router)
    ProspectRoutes(store: store).register(on: router)
    WebhookRoutes(store: store).register(on: router)
    ClockRoutes(store: store, pusher: pusher).register(on: router)
    InboxRoutes(store: store).register(on: router)
    return router
}
