import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOSSL

/// The real transport: AsyncHTTPClient with keep-alive, TLS and timeouts.
///
/// Server certificates are always verified (full chain and host name), against the system's
/// roots plus any ``TrustedCertificates`` given. A refused certificate surfaces as
/// ``TransportFailure/untrusted(_:)``: never retried, nothing was sent.
///
/// Connection establishment is not retried inside AsyncHTTPClient, so a refused connection
/// surfaces at once as ``TransportFailure/notSent(_:)`` and the client's own retry policy applies.
public struct AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient
    /// Whether a `--ca-file` is trusted too (for the advice when a certificate is refused).
    let trustsExtraCA: Bool

    /// Creates a transport over a new `HTTPClient`. Call ``shutdown()`` when done.
    public init(
        connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60),
        trusting extra: TrustedCertificates? = nil
    ) {
        var configuration = HTTPClient.Configuration()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        if let extra { tls.additionalTrustRoots = [.certificates(extra.certificates)] }
        configuration.tlsConfiguration = tls
        self.trustsExtraCA = extra != nil
        configuration.timeout = .init(connect: .init(connectTimeout), read: .init(readTimeout))
        configuration.connectionPool.retryConnectionEstablishment = false
        configuration.connectionPool.concurrentHTTP1ConnectionsPerHostSoftLimit = 16
        configuration.decompression = .enabled(limit: .ratio(50))
        self.client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    /// Closes the connection pool.
    public func shutdown() async {
        try? await client.shutdown()
    }

    public func send(_ request: PreparedRequest, timeout: Duration) async throws -> TransportResponse {
        var outgoing = HTTPClientRequest(url: request.url)
        outgoing.method = NIOHTTP1.HTTPMethod(rawValue: request.method.rawValue)
        for header in request.headers { outgoing.headers.add(name: header.name, value: header.value) }
        if let body = request.body { outgoing.body = .bytes(ByteBuffer(bytes: body)) }
        do {
            let response = try await client.execute(outgoing, timeout: .init(timeout))
            let bytes = try await response.body.collect(upTo: 64 * 1024 * 1024)
            var headers: [String: String] = [:]
            for (name, value) in response.headers { headers[name.lowercased()] = value }
            return TransportResponse(
                status: Int(response.status.code), headers: headers, body: Array(bytes.readableBytesView))
        } catch let error as HTTPClientError {
            throw Self.classify(error, timeout: timeout)
        } catch let error as NIOSSLError {
            throw Self.classify(error, host: Self.host(of: request.url), extraCA: trustsExtraCA)
        } catch let error as NIOSSLExtraError {
            if error == .failedToValidateHostname || error == .serverHostnameImpossibleToMatch {
                let host = Self.host(of: request.url)
                let name =
                    host.hasPrefix("[")
                    ? String(host.prefix { $0 != "]" }.dropFirst()) : String(host.prefix { $0 != ":" })
                throw TransportFailure.untrusted(
                    "the certificate of \(host) is not issued for \(name); put a name it was issued for in the base URL"
                )
            }
            throw TransportFailure.untrusted("the TLS connection to \(Self.host(of: request.url)) failed (\(error))")
        } catch let error as NIOConnectionError {
            let reason = error.connectionErrors.lazy.compactMap { ($0.error as? IOError).map(Self.reason) }.first
            throw TransportFailure.notSent(
                "cannot connect to \(Self.host(of: request.url))" + (reason.map { " (\($0))" } ?? ""))
        } catch let error as IOError {
            throw TransportFailure.notSent("cannot connect to \(Self.host(of: request.url)) (\(Self.reason(error)))")
        } catch ChannelError.connectTimeout {
            throw TransportFailure.notSent("connection to \(Self.host(of: request.url)) timed out")
        } catch is CancellationError {
            throw CancellationError()
        } catch let error as ChannelError {
            throw TransportFailure.outcomeUnknown("connection failed: \(error)")
        } catch {
            throw TransportFailure.outcomeUnknown("\(error)")
        }
    }

    /// An I/O error as a few words: `connection refused`, `network is unreachable`.
    static func reason(_ error: IOError) -> String {
        guard let text = strerror(error.errnoCode) else { return "error \(error.errnoCode)" }
        return String(cString: text).lowercased()
    }

    static func classify(_ error: HTTPClientError, timeout: Duration) -> any Error {
        if [.connectTimeout, .getConnectionFromPoolTimeout, .tlsHandshakeTimeout].contains(error) {
            return TransportFailure.notSent("connection timed out")
        }
        if error == .remoteConnectionClosed {
            return TransportFailure.outcomeUnknown("the server closed the connection before answering")
        }
        if error == .readTimeout || error == .deadlineExceeded {
            return TransportFailure.outcomeUnknown("no answer within \(describe(timeout)) (timeout)")
        }
        if error == .cancelled { return CancellationError() }
        if [.invalidURL, .emptyHost, .emptyScheme].contains(error) {
            return TransportFailure.failed("invalid URL: \(error)")
        }
        return TransportFailure.outcomeUnknown("\(error)")
    }

    /// A TLS failure in words: a refused certificate says why and what to pass.
    static func classify(_ error: NIOSSLError, host: String, extraCA: Bool) -> TransportFailure {
        guard case .handshakeFailed(let inner) = error else {
            return .untrusted("the TLS connection to \(host) failed (\(error))")
        }
        let text = "\(inner)"
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            let advice =
                extraCA
                ? "neither the system's roots nor the --ca-file trust it; pass --ca-file with the CA that signed it"
                : "pass --ca-file with the CA that signed it"
            return .untrusted("the certificate of \(host) is not trusted (certificate verify failed); \(advice)")
        }
        if text.contains("WRONG_VERSION_NUMBER") || text.contains("PACKET_LENGTH_TOO_LONG")
            || text.contains("HTTP_REQUEST")
        {
            return .untrusted(
                "\(host) does not speak TLS (the handshake failed); is the base URL's scheme https by mistake?")
        }
        let reasons = Self.reasons(in: text)
        return .untrusted("the TLS handshake with \(host) failed (\(reasons.isEmpty ? text : reasons))")
    }

    /// The reason names in BoringSSL's error strings (`…:OPENSSL_internal:REASON`), lower-cased.
    static func reasons(in text: String) -> String {
        var found: [String] = []
        var rest = Substring(text)
        while let range = rest.range(of: "OPENSSL_internal:") {
            let reason = rest[range.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "_" }
            if !reason.isEmpty, !found.contains(String(reason)) { found.append(String(reason)) }
            rest = rest[range.upperBound...]
        }
        return found.map { $0.lowercased().replacingOccurrences(of: "_", with: " ") }.joined(separator: ", ")
    }

    /// `2s`, `1.5s`, `250ms`.
    static func describe(_ duration: Duration) -> String {
        let milliseconds = duration.components.seconds * 1000 + duration.components.attoseconds / 1_000_000_000_000_000
        if milliseconds % 1000 == 0 { return "\(milliseconds / 1000)s" }
        if milliseconds < 1000 { return "\(milliseconds)ms" }
        return "\(Double(milliseconds) / 1000)s"
    }

    static func host(of url: String) -> String {
        guard let schemeEnd = url.range(of: "://") else { return url }
        let rest = url[schemeEnd.upperBound...]
        return String(rest.prefix { $0 != "/" })
    }
}
