import OutreachAPI

/// The transport of `wps --dry-run` and of MCP `dry_run` calls. Its invariant: **no request
/// other than a GET leaves the process**, whatever its host, path, API version or provider.
///
/// - A request that would change something (any method but GET) is shown as it would be sent to
///   the real API (key and passwords masked), then answered by the ``DryRunOverlay`` — only ever
///   at the overlay's loopback address, whatever URL the request had.
/// - A read goes to the real account, as `terraform plan` reads real state, so `campaign diff`
///   and `campaign apply` plan against the truth — unless it names something the dry run made or
///   changed (the overlay answers it), or its provider has no key (nothing to read: the overlay
///   answers, and says so once).
/// - A request without a ``PreparedRequest/Route`` cannot be placed in the overlay: a write is
///   refused unsent; a read goes out only with a real key.
public struct DryRunTransport: HTTPTransport {
    /// The one network transport; reaches the real API only for reads.
    let network: any HTTPTransport
    let overlay: DryRunOverlay
    /// Where each request that would be sent is shown.
    let show: @Sendable (String) -> Void
    /// Where notes about the dry run itself go (no account behind the answers).
    let notice: @Sendable (String) -> Void

    public init(
        network: any HTTPTransport, overlay: DryRunOverlay, show: @escaping @Sendable (String) -> Void,
        notice: @escaping @Sendable (String) -> Void
    ) {
        self.network = network
        self.overlay = overlay
        self.show = show
        self.notice = notice
    }

    public func send(_ request: PreparedRequest, timeout: Duration) async throws -> TransportResponse {
        let hasAccount = (request.apiKey ?? DryRunOverlay.placeholderKey) != DryRunOverlay.placeholderKey
        guard let route = request.route else {
            guard request.method == .get, hasAccount else {
                throw TransportFailure.failed(
                    "dry run: \(request.endpoint) cannot be answered without sending it; it was not sent")
            }
            return try await network.send(request, timeout: timeout)
        }
        if request.method == .get, hasAccount, !overlay.owns(route) {
            let account = try await network.send(request, timeout: timeout)
            guard overlay.hasWritten, account.status == 200 else { return account }
            // A listing shows what the dry run made too, so a script that lists what it made runs.
            let made = try await network.send(inOverlay(request, route), timeout: timeout)
            return DryRunOverlay.merged(account, made)
        }
        show("── dry run: would send ──\n" + request.redactedDescription)
        if hasAccount {
            if request.method != .get {
                try await overlay.seedBeforeWriting(request, reading: network, timeout: timeout)
            }
        } else {
            overlay.noteNoAccount(route.provider, notice)
        }
        let answer = try await network.send(inOverlay(request, route), timeout: timeout)
        if request.method != .get { overlay.remember(answerTo: request, answer) }
        return answer
    }

    /// The request as the overlay answers it: at the overlay's loopback address, whatever URL it
    /// had, with the overlay account's key.
    func inOverlay(_ request: PreparedRequest, _ route: PreparedRequest.Route) -> PreparedRequest {
        var answered = request
        answered.url = overlay.url(for: route)
        answered.headers = request.headers.map {
            $0.name.lowercased() == "x-api-key" ? ($0.name, overlay.accountKey) : $0
        }
        return answered
    }
}
