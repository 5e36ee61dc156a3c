import Hummingbird
import HummingbirdCore
import HummingbirdTLS
import Logging
import NIOCore
import NIOPosix
import OutreachAPI

/// The sandbox: a local HTTP server that emulates the Woodpecker v2 and Saleshandy APIs.
///
/// ```swift
/// let sandbox = try await SandboxServer.start(SandboxConfiguration())   // in-process, free port
/// let base = sandbox.baseURL(for: .woodpecker)                           // http://127.0.0.1:PORT/rest/v2
/// await sandbox.stop()
/// ```
public enum SandboxServer {
    /// Runs Swift concurrency's tasks on the server's event loop threads (`wps sandbox` calls
    /// this first): a request's handler then runs where its connection's I/O happens, without a
    /// hop to another thread and back. Only for a process that does nothing but serve; returns
    /// false when it is too late (a task already ran).
    @discardableResult
    public static func runTasksOnEventLoops() -> Bool {
        NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()
            || GlobalExecutorTakeover.install()
    }

    /// Starts a sandbox in this process and returns once it accepts connections.
    public static func start(_ configuration: SandboxConfiguration) async throws -> RunningSandbox {
        let server: HTTPServerBuilder =
            try configuration.tls.map { try .tls(.http1(), tlsConfiguration: $0.serverConfiguration()) } ?? .http1()
        let persistence = try configuration.dataPath.map { try SandboxPersistence(path: $0) }
        let store = try await SandboxStore(
            processingDelay: configuration.processingDelay, persistence: persistence,
            acceptsAnyAccountID: configuration.acceptsAnyAccountID, idOffset: configuration.idOffset)
        if configuration.clockSpeed != 1 { await store.setClockSpeed(configuration.clockSpeed) }
        await store.advanceClock(by: configuration.clockOffset)
        let counter = RequestCounter()
        let pusher = configuration.deliversWebhooks ? WebhookPusher(store: store, faults: configuration.faults) : nil
        let router = buildSandboxRouter(store: store, configuration: configuration, counter: counter, pusher: pusher)
        let (portStream, portContinuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "wps.sandbox")
        logger.logLevel = .critical
        let app = Application(
            router: router,
            server: server,
            configuration: .init(
                address: .hostname(configuration.host, port: configuration.port), serverName: "wps-sandbox"),
            onServerRunning: { channel in
                portContinuation.yield(channel.localAddress?.port ?? configuration.port)
                portContinuation.finish()
            },
            logger: logger)
        let task = Task {
            defer { portContinuation.finish() }
            try await app.run()
        }
        var iterator = portStream.makeAsyncIterator()
        guard let port = await iterator.next() else {
            // The server stopped before it ran: say why (e.g. the port is taken).
            let reason: String
            do {
                try await task.value
                reason = "the server stopped before it started listening"
            } catch {
                reason =
                    "\(error)".contains("in use") ? "the address is already in use: choose another --port" : "\(error)"
            }
            throw SandboxStartError(
                description: "cannot listen on \(configuration.host):\(configuration.port): \(reason)")
        }
        await pusher?.start(everyMilliseconds: configuration.pushIntervalMilliseconds)
        return RunningSandbox(
            host: configuration.host, port: port, usesTLS: configuration.tls != nil, store: store, counter: counter,
            task: task, pusher: pusher)
    }
}

/// The sandbox failed to start.
public struct SandboxStartError: Error, CustomStringConvertible {
    public let description: String
}

/// A sandbox running in this process.
public struct RunningSandbox: Sendable {
    /// The address it listens on.
    public let host: String
    /// The port it listens on.
    public let port: Int
    /// Whether it serves HTTPS.
    public let usesTLS: Bool
    /// Its state, e.g. to advance the clock in tests.
    public let store: SandboxStore
    /// Counts the requests it received.
    public let counter: RequestCounter
    let task: Task<Void, any Error>
    let pusher: WebhookPusher?

    /// `http://HOST:PORT`, or `https://HOST:PORT` when it serves TLS.
    public var baseURL: String {
        let shown = host.contains(":") ? "[\(host)]" : host
        return "\(usesTLS ? "https" : "http")://\(shown):\(port)"
    }

    /// The base URL a client uses for `provider`, e.g. `http://127.0.0.1:PORT/rest/v2`.
    public func baseURL(for provider: Provider) -> String { baseURL + provider.sandboxPrefix }

    /// Stops serving.
    public func stop() async {
        await pusher?.stop()
        task.cancel()
        _ = try? await task.value
    }

    /// Waits until the server stops (it runs until the process is interrupted).
    public func waitUntilStopped() async throws {
        try await task.value
    }
}
