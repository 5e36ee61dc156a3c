import Foundation
import Hummingbird
import Logging
import NIOCore

/// The HTTP receiver of `webhook listen`: `POST /TOKEN` with a JSON array of events (or one
/// event) is handed to the ``EventInbox`` and answered `200` once every event of it was
/// delivered, `503` when the listener stopped first (the sender retries), `400` for a body that
/// is not JSON. Any other path is `404`: the API signs nothing, so the unguessable token in the
/// path is what keeps others out.
struct WebhookReceiver: Sendable {
    let port: Int
    private let task: Task<Void, any Error>

    /// Listens on `host:port` (0: a free port) for `/token`.
    static func start(host: String, port: Int, token: String, inbox: EventInbox) async throws -> WebhookReceiver {
        let router = Router()
        router.post(RouterPath(token)) { request, context -> Response in
            var request = request
            let buffer = try await request.collectBody(upTo: 16 * 1024 * 1024)
            let events: [Value]
            do {
                let value = try ValueReader.json(Data(buffer.readableBytesView))
                switch value {
                case .list(let items): events = items
                case .record: events = [value]
                default: return Response(status: .badRequest)
                }
            } catch {
                return Response(status: .badRequest)
            }
            let done = try await inbox.receive(events)
            return Response(status: done ? .ok : .serviceUnavailable)
        }
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "wps.webhook")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "wps-webhook"),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? port)
                continuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { continuation.finish() }
            try await app.run()
        }
        var iterator = ports.makeAsyncIterator()
        guard let bound = await iterator.next() else {
            var reason = "the server stopped before it listened"
            do { try await task.value } catch {
                reason = "\(error)".contains("in use") ? "the address is already in use" : "\(error)"
            }
            throw RuntimeError("cannot listen on \(host):\(port): \(reason)", exitCode: 1)
        }
        return WebhookReceiver(port: bound, task: task)
    }

    /// Stops listening.
    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}
