import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

struct ExperimentContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    let channel: any Channel
    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
        channel = source.channel
    }
}

struct Boom: Error {}

@Suite struct DropExperimentMiddlewareTests {
    func curl(_ port: Int, _ path: String, post: Bool = false) -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/curl")
        p.arguments = ["-sSv", "--max-time", "5"] + (post ? ["-d", String(repeating: "x", count: 100_000)] : []) + ["http://127.0.0.1:\(port)\(path)"]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = pipe
        try! p.run()
        p.waitUntilExit()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        return "exit \(p.terminationStatus)\n" + out.split(separator: "\n").filter { !$0.hasPrefix("> ") && !$0.contains("Trying") }.joined(separator: "\n")
    }

    @Test func experiment() async throws {
        let router = Router(context: ExperimentContext.self)
        router.get("close") { _, context in
            try await context.channel.close().get()
            return "never"
        }
        router.post("close") { _, context in
            try await context.channel.close().get()
            return "never"
        }
        router.post("drain-close") { request, context in
            var request = request
            _ = try await request.collectBody(upTo: .max)
            try await context.channel.close().get()
            return "never"
        }
        router.get("info") { _, _ in
            Response(status: .init(code: 102, reasonPhrase: "Processing"), body: ResponseBody { _ in throw Boom() })
        }
        router.get("body") { _, _ in
            Response(status: .ok, body: ResponseBody { _ in throw Boom() })
        }
        let app = Application(router: router)
        try await app.test(.live) { client in
            let port = client.port!
            for path in ["/close", "/info", "/body"] {
                let raw = Process(); raw.executableURL = URL(fileURLWithPath: "/usr/bin/python3"); raw.arguments = ["/tmp/raw.py", "\(port)", path]; try raw.run(); raw.waitUntilExit()
            }
            for (path, post) in [("/info", false)] {
                print("=== curl \(post ? "POST" : "GET") \(path)\n" + curl(port, path, post: post))
                do {
                    var request = HTTPClientRequest(url: "http://127.0.0.1:\(port)\(path)")
                    if post { request.method = .POST; request.body = .bytes(ByteBuffer(string: String(repeating: "x", count: 100_000))) }
                    let response = try await HTTPClient.shared.execute(request, timeout: .seconds(5))
                    print("AHC head: \(response.status)")
                    let body = try await response.body.collect(upTo: 1 << 20)
                    print("AHC body: \(body.readableBytes)")
                } catch {
                    print("AHC error: \(type(of: error)) \(error)")
                }
            }
        }
    }
}
