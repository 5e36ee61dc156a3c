import ArgumentParser
import Foundation
import OutreachAPI
import Sandbox

/// `wps sandbox`: serves the emulated APIs of every provider until interrupted.
struct SandboxCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "wps sandbox",
        abstract: "Serve a local emulation of the \(Provider.displayNames) APIs.",
        discussion: """
            \(Provider.allCases.map { "\($0.displayName) is served under \($0.sandboxPrefix)" }.joined(separator: ", ")). Every API key \
            is its own isolated account, created on first use. See the README for the sandbox's \
            deterministic rules (which mailboxes fail, and why) and its extensions.

            Fault plans (--faults) are comma-separated rules applied to incoming requests:
              429:0.1          10% of requests get 429 with Retry-After
              429@2:0.1        the same with Retry-After: 2
              503:0.05         5% get 503, not processed
              500:0.01         1% get 500, not processed
              drop:0.01        1% closed unanswered, not processed
              drop-after:0.01  1% processed, then closed unanswered
              stall:0.01       1% held 120 s unanswered, then processed
              stall@5:0.01     the same, held 5 s
              malformed:0.01   1% get 200 with a body that is not JSON
              first:5:429      the first 5 requests get 429
              seed=42          the random seed (runs are reproducible)
              method=POST      only requests with this method
              path=/rest/v2/…  only paths with this prefix
              deliveries       the plan is for the webhook deliveries instead

            With deliveries, 429, 503, 500, drop and malformed send nothing (a failure, retried \
            later); drop-after sends and ignores the answer (the retry repeats it); stall@N waits, \
            then sends.
            """
    )

    @Option(help: "The TCP port to listen on (0 picks a free one).")
    var port: Int = 8787

    @Option(help: "The address to bind. Loopback unless you say otherwise.")
    var host: String = "127.0.0.1"

    @Option(
        help: ArgumentHelp(
            "Serve HTTPS with this PEM certificate (or chain, server's first); needs --tls-key.", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("The PEM private key of --tls-cert (unencrypted).", valueName: "file"))
    var tlsKey: String?

    @Option(
        help: ArgumentHelp("Keep state in this SQLite file across restarts (default: in memory).", valueName: "file"))
    var data: String?

    @Flag(help: "Lift the emulated per-account rate limit (one request at a time per account, 6 queued, 15 s).")
    var noRateLimit = false

    @Option(help: ArgumentHelp("Simulated network latency added to every request, in milliseconds.", valueName: "ms"))
    var latency: Int?

    @Option(help: ArgumentHelp("How long a mailbox batch takes to process, in milliseconds.", valueName: "ms"))
    var processingDelay: Int = 300

    @Option(
        help: ArgumentHelp(
            "Start the sandbox clock this far ahead of the wall clock (3d, 36h, 90m, 0): with --data, a restart shows what days of sending did.",
            valueName: "duration"))
    var clockOffset: String = "0"

    @Option(help: ArgumentHelp("Inject faults, e.g. '429:0.1,503:0.05,drop:0.01' (see above).", valueName: "plan"))
    var faults: String?

    @Flag(help: "Log every request (method, path, status, processing time; never the API key) to stderr.")
    var log = false

    @Option(
        help: ArgumentHelp(
            "The largest request body accepted; larger ones get 413 (bytes, or with K or M).", valueName: "size"))
    var maxBody: String = "8M"

    @Option(
        help: ArgumentHelp(
            "Sandbox seconds per real second: 3600 makes an hour of sending, replies and webhooks pass in a second.",
            valueName: "n"))
    var clockSpeed: Double = 1

    @Option(
        help: ArgumentHelp(
            "How often webhooks are delivered, in real milliseconds; 0: only when `sandbox advance` moves the clock.",
            valueName: "ms"))
    var pushInterval: Int = 1000

    /// `3600`, not `3600.0`.
    static func speedText(_ speed: Double) -> String {
        speed == speed.rounded() ? String(Int(speed)) : String(speed)
    }

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be in 0…65535, got \(port)") }
        if let latency, latency < 0 { throw ValidationError("--latency must be 0 or more milliseconds") }
        guard processingDelay >= 0 else { throw ValidationError("--processing-delay must be 0 or more milliseconds") }
        guard pushInterval >= 0 else { throw ValidationError("--push-interval must be 0 or more milliseconds") }
        guard clockSpeed >= 1, clockSpeed <= 1_000_000 else {
            throw ValidationError(
                "--clock-speed must be in 1…1000000 (sandbox seconds per real second), got \(clockSpeed)")
        }
        if let faults {
            do { _ = try FaultPlan(parsing: faults) } catch { throw ValidationError("--faults: \(error)") }
        }
        switch (tlsCert, tlsKey) {
        case (.some, nil): throw ValidationError("--tls-cert needs --tls-key (the certificate's private key)")
        case (nil, .some): throw ValidationError("--tls-key needs --tls-cert (the certificate it belongs to)")
        case (let cert?, let key?):
            do { try SandboxTLS(certificatePath: cert, keyPath: key).check() } catch {
                throw ValidationError("\(error)")
            }
        case (nil, nil): break
        }
        guard Self.seconds(clockOffset) != nil else {
            throw ValidationError(
                "--clock-offset must be 0 or a whole number of days, hours, minutes or seconds (3d, 36h, 90m, 45s), got '\(clockOffset)'"
            )
        }
        guard Self.byteCount(maxBody) != nil else {
            throw ValidationError(
                "--max-body must be a positive size in bytes, or with K or M (e.g. 8M), got '\(maxBody)'")
        }
    }

    /// `3d`, `36h`, `90m`, `45s` or `0` as seconds; nil for anything else.
    static func seconds(_ text: String) -> Int? { SandboxClockTime.seconds(text, upTo: 3_650 * 86_400) }

    /// `1024`, `64K`, `8M` as bytes; nil unless a positive size.
    static func byteCount(_ text: String) -> Int? {
        let units: [Character: Int] = ["K": 1024, "M": 1024 * 1024]
        var digits = Substring(text.uppercased())
        var unit = 1
        if let last = digits.last, let scale = units[last] {
            unit = scale
            digits = digits.dropLast()
        }
        guard let value = Int(digits), value > 0, value <= Int(Int32.max) / unit else { return nil }
        return value * unit
    }

    func run() async throws {
        var configuration = SandboxConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.dataPath = data
        if let tlsCert, let tlsKey { configuration.tls = SandboxTLS(certificatePath: tlsCert, keyPath: tlsKey) }
        configuration.rateLimit = !noRateLimit
        configuration.latency = latency.map { .milliseconds($0) }
        configuration.processingDelay = .milliseconds(processingDelay)
        configuration.logRequests = log
        configuration.clockOffset = .seconds(Self.seconds(clockOffset) ?? 0)
        configuration.maxBodySize = Self.byteCount(maxBody) ?? configuration.maxBodySize
        configuration.clockSpeed = clockSpeed
        configuration.pushIntervalMilliseconds = pushInterval > 0 ? pushInterval : nil
        if let faults { configuration.faults = try FaultPlan(parsing: faults) }
        if !LoopbackHost.matches(host) {
            FileHandle.standardError.write(
                Data(
                    "wps sandbox: warning: listening on \(host), not loopback: the sandbox is reachable from the network\(tlsCert == nil ? " and serves plain HTTP" : "")\n"
                        .utf8))
        }
        let sandbox = try await SandboxServer.start(configuration)
        let root = sandbox.baseURL
        FileHandle.standardError.write(
            Data(
                """
                wps sandbox listening on \(root)
                  \(Provider.allCases.map { "\($0.displayName): \(sandbox.baseURL(for: $0))" }.joined(separator: "   "))
                  rate limit: \(noRateLimit ? "off" : "on (1 at a time per account, 6 queued, 15 s)")\
                \(latency.map { ", latency \($0) ms" } ?? "")\(clockOffset == "0" ? "" : ", clock \(clockOffset) ahead")\(clockSpeed == 1 ? "" : ", clock ×\(Self.speedText(clockSpeed))")\(faults.map { ", faults \($0)" } ?? "")\(data.map { ", data \($0)" } ?? ", in memory")

                """.utf8))
        try await sandbox.waitUntilStopped()
    }
}
