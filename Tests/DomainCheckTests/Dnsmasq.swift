import DomainCheck
import Foundation
import Glibc
import TestSupport
import Testing

/// A dnsmasq process on 127.0.0.1 at a free port, answering only from the records given
/// (`--mx-host=…`, `--txt-record=…`, `--cname=…`, `--host-record=…`) for names under `zones`;
/// scripts/test installs it (Debian `dnsmasq-base`).
struct Dnsmasq {
    let process: Process
    let server: DNSServer

    /// Starts it and waits until it answers a query.
    static func start(_ records: [String], zones: [String] = ["test"]) async throws -> Dnsmasq {
        // A port free when chosen may be taken (for TCP, which dnsmasq also binds) before dnsmasq
        // binds it: then it exits at once, and another port is tried, a few times.
        for _ in 0..<5 {
            let port = try freeUDPPort()
            let process = Process()
            let candidates = ["/usr/sbin/dnsmasq", "/usr/bin/dnsmasq", "/usr/local/sbin/dnsmasq"]
            process.executableURL = URL(
                fileURLWithPath: candidates.first(where: FileManager.default.fileExists) ?? "dnsmasq")
            process.arguments =
                [
                    "--keep-in-foreground", "--no-resolv", "--no-hosts", "--conf-file=/dev/null", "--pid-file",
                    "--port=\(port)", "--listen-address=127.0.0.1", "--bind-interfaces",
                    "--user=\(ProcessInfo.processInfo.userName)",
                ] + zones.map { "--local=/\($0)/" } + records
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            let server = try #require(DNSServer("127.0.0.1:\(port)"))
            var resolver = DNSResolver(server: server)
            resolver.timeoutSeconds = 1
            resolver.attempts = 1
            let probe = resolver
            try await waitUntil("dnsmasq to answer on port \(port)") {
                guard process.isRunning else { return true }
                return (try? await probe.lookup("wps-ready.test", .a)) != nil
            }
            if process.isRunning { return Dnsmasq(process: process, server: server) }
            process.waitUntilExit()
        }
        Issue.record("dnsmasq exited at start on five ports")
        throw CancellationError()
    }

    /// Kills it: a child started by Foundation's `Process` may have SIGTERM blocked, and dnsmasq
    /// keeps nothing worth a clean exit.
    func stop() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    /// A UDP port on 127.0.0.1 that was free a moment ago.
    static func freeUDPPort() throws -> Int {
        let descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(descriptor >= 0)
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        try #require(bound)
        return Int(UInt16(bigEndian: address.sin_port))
    }
}
