import Foundation
import Logging
import MCP

/// MCP over stdio, one JSON-RPC message per line, without polling: a thread blocks on `read(2)`
/// and hands each complete line on as soon as it arrives. (The SDK's `StdioTransport` reads
/// non-blocking and sleeps 10 ms whenever no byte is waiting, which put up to 10 ms on every call.)
actor LineTransport: Transport {
    nonisolated let logger = Logger(label: "wps.mcp.stdio", factory: { _ in SwiftLogNoOpLogHandler() })
    private let input: Int32
    private let output: FileHandle
    private let messages: AsyncThrowingStream<Data, any Error>
    private let continuation: AsyncThrowingStream<Data, any Error>.Continuation
    private var reading = false

    init(input: Int32 = STDIN_FILENO, output: FileHandle = .standardOutput) {
        self.input = input
        self.output = output
        (messages, continuation) = AsyncThrowingStream.makeStream()
    }

    func connect() async throws {
        guard !reading else { return }
        reading = true
        let input = input
        let continuation = continuation
        let thread = Thread {
            var pending = Data()
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while true {
                let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
                if count < 0, errno == EINTR { continue }
                guard count > 0 else { break }  // end of input (or an error): the client is gone
                pending.append(contentsOf: buffer[..<count])
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    let line = pending[pending.startIndex..<newline]
                    if !line.isEmpty { continuation.yield(Data(line)) }
                    pending = Data(pending[pending.index(after: newline)...])
                }
            }
            continuation.finish()
        }
        thread.name = "wps-mcp-stdin"
        thread.start()
    }

    func disconnect() async {
        continuation.finish()
    }

    /// Writes one message and its newline in one write: messages of concurrent calls never mix.
    func send(_ data: Data) async throws {
        var line = data
        line.append(UInt8(ascii: "\n"))
        try output.write(contentsOf: line)
    }

    nonisolated func receive() -> AsyncThrowingStream<Data, any Error> { messages }
}
