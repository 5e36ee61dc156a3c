/// The seam between ``OutreachClient`` and the network: sends one prepared request, once.
///
/// ``AsyncHTTPTransport`` is the real one; tests plug in a closure. A transport does not retry:
/// it reports *how* a request failed (``TransportFailure``) so the client can decide whether a
/// retry is safe.
public protocol HTTPTransport: Sendable {
    func send(_ request: PreparedRequest, timeout: Duration) async throws -> TransportResponse
}

/// A response as received: status, headers (lower-cased names) and body bytes.
public struct TransportResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: [UInt8]
    public init(status: Int, headers: [String: String] = [:], body: [UInt8] = []) {
        self.status = status
        self.headers = Dictionary(
            headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.body = body
    }
}

/// Why a request got no response, classified by whether the server may have acted on it.
public enum TransportFailure: Error, Sendable, Hashable {
    /// The request certainly never reached the server (connection refused, DNS failure,
    /// connect timeout): always safe to retry.
    case notSent(String)
    /// The request may have reached the server but no complete answer came back (connection
    /// dropped, read timeout): retrying a non-idempotent request could act twice.
    case outcomeUnknown(String)
    /// Anything else (an invalid URL, a TLS configuration problem): retrying will not help.
    case failed(String)
    /// The TLS handshake failed, e.g. the server's certificate is not trusted: nothing was
    /// sent, and retrying will not help.
    case untrusted(String)
}

/// A transport made of a closure, for tests.
public struct ClosureTransport: HTTPTransport {
    let handler: @Sendable (PreparedRequest) async throws -> TransportResponse
    public init(_ handler: @escaping @Sendable (PreparedRequest) async throws -> TransportResponse) {
        self.handler = handler
    }
    public func send(_ request: PreparedRequest, timeout: Duration) async throws -> TransportResponse {
        try await handler(request)
    }
}
