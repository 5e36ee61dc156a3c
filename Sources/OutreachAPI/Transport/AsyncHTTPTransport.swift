import AsyncHTTPClient
import NIOCore
import NIOHTTP1
import NIOPosix

/// The real transport: AsyncHTTPClient with keep-alive, TLS and timeouts.
///
/// Connection establishment is not retried inside AsyncHTTPClient, so a refused connection
/// surfaces at once as ``TransportFailure/notSent(_:)`` and the client's own retry policy applies.
public struct AsyncHTTPTransport: HTTPTransport {
    let client: HTTPClient

    /// Creates a transport over a new `HTTPClient`. Call ``shutdown()`` when done.
    public init(connectTimeout: Duration = .seconds(10), readTimeout: Duration = .seconds(60)) {
        var configuration = HTTPClient.Configuration()
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
        } catch is NIOConnectionError {
            throw TransportFailure.notSent("could not connect to \(Self.host(of: request.url))")
        } catch let error as IOError {
            throw TransportFailure.notSent("could not connect to \(Self.host(of: request.url)): \(error.description)")
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
