import Hummingbird

/// Builds the sandbox's router: middlewares (request counter, body-size limit, latency, rate limit,
/// faults, server timing, error shapes) in front of every registered provider's routes
/// (``SandboxProviders``) and the clock's.
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
    for provider in SandboxProviders.all { provider.register(on: router, store: store) }
    ClockRoutes(store: store, pusher: pusher).register(on: router)
    return router
}
