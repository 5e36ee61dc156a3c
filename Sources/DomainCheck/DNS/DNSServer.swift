import Glibc

/// A name server to ask instead of the system's: `--dns-server HOST[:PORT]`.
///
/// The host is an IPv4 address (`localhost` is read as 127.0.0.1); the port defaults to 53.
///
/// ```swift
/// DNSServer("127.0.0.1:5353")  // host 127.0.0.1, port 5353
/// ```
public struct DNSServer: Sendable, Equatable, CustomStringConvertible {
    public let host: String
    public let port: Int

    /// Reads `HOST[:PORT]`; nil when the host is not an IPv4 address as `inet_pton` reads it
    /// (the query does: `01.0.0.127` is not one) or the port not in 1…65535.
    public init?(_ text: String) {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 1 || parts.count == 2 else { return nil }
        let host = parts[0] == "localhost" ? "127.0.0.1" : String(parts[0])
        var address = in_addr()
        guard inet_pton(AF_INET, host, &address) == 1 else { return nil }
        var port = 53
        if parts.count == 2 {
            guard let given = Int(parts[1]), (1...65535).contains(given) else { return nil }
            port = given
        }
        self.host = host
        self.port = port
    }

    /// `127.0.0.1:5353`
    public var description: String { "\(host):\(port)" }
}
