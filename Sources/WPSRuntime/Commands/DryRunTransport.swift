import OutreachAPI

/// The transport of `wps --dry-run`: prints each request exactly as it would be sent to the
/// profile's real base URL (API key and passwords masked), then answers it from a private
/// in-process sandbox so later commands get realistic results. Nothing reaches the real API.
public struct DryRunTransport: HTTPTransport {
    let inner: any HTTPTransport
    /// Real base URL → sandbox base URL, per provider.
    let routes: [(real: String, sandbox: String)]
    let sandboxKey: String
    let show: @Sendable (String) -> Void

    public init(
        inner: any HTTPTransport, routes: [(real: String, sandbox: String)], sandboxKey: String,
        show: @escaping @Sendable (String) -> Void
    ) {
        self.inner = inner
        self.routes = routes
        self.sandboxKey = sandboxKey
        self.show = show
    }

    public func send(_ request: PreparedRequest, timeout: Duration) async throws -> TransportResponse {
        show("── dry run: would send ──\n" + request.redactedDescription)
        var forwarded = request
        if let route = routes.first(where: { request.url.hasPrefix($0.real) }) {
            forwarded.url = route.sandbox + request.url.dropFirst(route.real.count)
        }
        forwarded.headers = request.headers.map { $0.name == "x-api-key" ? ($0.name, sandboxKey) : $0 }
        return try await inner.send(forwarded, timeout: timeout)
    }
}
