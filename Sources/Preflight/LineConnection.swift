import NIOCore
import NIOPosix
import NIOSSL

/// One TCP connection to a mail server, read a line at a time, that can turn to TLS half-way
/// (STARTTLS). TLS and sockets are SwiftNIO's; the line protocol is the caller's.
///
/// Used from one task at a time; ``close()`` ends it. A write or read that waits on a silent
/// server returns once ``channel`` is closed: ``LoginCheck`` closes it on cancellation.
///
/// Lines read after a secret was sent come back with it hidden (``Redaction``): a server that
/// echoes a command never shows the password.
final class LineConnection {
    let channel: any Channel
    private var inbound: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
    private var pending: [UInt8] = []
    /// Every secret sent so far, hidden in what the server says.
    private var redaction = Redaction()
    /// Whether the server sent any byte: a silent server may be one that expects TLS first.
    private(set) var receivedAny = false
    /// The last step that got no answer yet: the command sent (secrets hidden) or the TLS handshake.
    private(set) var lastStep: String?
    /// The longest line a server may send: beyond, it is not speaking SMTP or IMAP.
    private static let maxLineLength = 65_536

    private init(channel: any Channel, inbound: AsyncThrowingStream<ByteBuffer, any Error>) {
        self.channel = channel
        self.inbound = inbound.makeAsyncIterator()
    }

    /// Connects to `host:port`, with TLS from the first byte when `implicitTLS` is given.
    static func open(
        host: String, port: Int, implicitTLS: NIOSSLContext?, connectTimeout: Duration
    ) async throws -> LineConnection {
        let (stream, continuation) = AsyncThrowingStream.makeStream(of: ByteBuffer.self)
        let serverName = Self.serverName(host)
        let channel = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .connectTimeout(TimeAmount.nanoseconds(connectTimeout.nanoseconds))
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let implicitTLS {
                        try channel.pipeline.syncOperations.addHandler(PlaintextSniffer())
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: implicitTLS, serverHostname: serverName))
                    }
                    try channel.pipeline.syncOperations.addHandler(InboundForwarder(continuation))
                }
            }
            .connect(host: host, port: port).get()
        return LineConnection(channel: channel, inbound: stream)
    }

    /// The host name to present and check the certificate against: none for an IP address
    /// (SNI takes no address; the certificate is then checked against the address).
    static func serverName(_ host: String) -> String? {
        if host.contains(":") { return nil }
        if host.allSatisfy({ $0.isNumber || $0 == "." }) { return nil }
        return host
    }

    /// The next line, without its CR LF.
    func readLine() async throws -> String {
        while true {
            if let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                var line = Array(pending[..<newline])
                pending.removeFirst(newline + 1)
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                return redaction.apply(String(decoding: line, as: UTF8.self))
            }
            guard pending.count <= Self.maxLineLength else {
                throw DialogueFailure(.protocol, "the server sent a line longer than \(Self.maxLineLength) bytes")
            }
            guard var buffer = try await inbound.next() else {
                try Task.checkCancellation()
                throw DialogueFailure(.protocol, "the server closed the connection")
            }
            if buffer.readableBytes > 0 { receivedAny = true }
            pending += buffer.readBytes(length: buffer.readableBytes) ?? []
        }
    }

    /// Sends one line, adding CR LF; `secrets` are the credentials in it (and the forms a
    /// server could echo them in), hidden from then on in every line read. A write that fails
    /// because the connection closed throws what closed it (a refused certificate, say) when
    /// the connection said.
    func send(_ line: String, secrets: [String] = []) async throws {
        redaction.add(secrets)
        do {
            try await channel.writeAndFlush(ByteBuffer(string: line + "\r\n"))
        } catch {
            while try await inbound.next() != nil {}
            throw error
        }
        // Set once written: a write TLS holds back waits on the handshake, still the last step.
        lastStep = String(redaction.apply(line).prefix(80))
    }

    /// Starts TLS on the open connection (after the server agreed to STARTTLS).
    func startTLS(_ context: NIOSSLContext, host: String) async throws {
        pending.removeAll()
        lastStep = "the TLS handshake"
        let serverName = Self.serverName(host)
        try await channel.eventLoop.submit { [channel] in
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: context, serverHostname: serverName), position: .first)
        }.get()
    }

    /// Closes the connection without waiting: a silent server may never finish a TLS goodbye.
    func close() {
        channel.close(promise: nil)
    }
}

extension Duration {
    /// The duration in whole nanoseconds, for NIO's `TimeAmount`.
    var nanoseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000_000_000 + attoseconds / 1_000_000_000
    }
}

/// Hands what the server sends to the dialogue's stream; an error or the end of the
/// connection ends it.
private final class InboundForwarder: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    private let continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation

    init(_ continuation: AsyncThrowingStream<ByteBuffer, any Error>.Continuation) { self.continuation = continuation }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        continuation.yield(unwrapInboundIn(data))
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        continuation.finish(throwing: error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        continuation.finish()
        context.fireChannelInactive()
    }
}

/// Sits before the TLS handler of a connection that starts with TLS: a server that answers in
/// plain text (`220 …`, `* OK …`) instead of a TLS record is a TLS mismatch, told with its words.
private final class PlaintextSniffer: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    private var decided = false

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        if !decided {
            decided = true
            let buffer = unwrapInboundIn(data)
            // TLS records start with a content type of 20…23 (change cipher spec … application data).
            if let first = buffer.getInteger(at: buffer.readerIndex, as: UInt8.self), !(20...23).contains(first) {
                let bytes = buffer.getBytes(at: buffer.readerIndex, length: min(buffer.readableBytes, 200)) ?? []
                let line = String(
                    decoding: bytes.prefix { $0 != UInt8(ascii: "\r") && $0 != UInt8(ascii: "\n") }, as: UTF8.self)
                context.fireErrorCaught(PlaintextAnswer(text: line))
                context.close(promise: nil)
                return
            }
        }
        context.fireChannelRead(data)
    }
}

/// A server answered in plain text where TLS was expected from the first byte.
struct PlaintextAnswer: Error {
    let text: String
}
