/// A DNS query that got no usable answer: what was asked, from which server, and why.
///
/// An opaque struct over a private reason, so reasons can be added.
public struct DNSError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case noAnswer
        case noRecovery
        case badServer
        case internalFailure
        case malformedAnswer
    }

    let reason: Reason
    /// The name and type asked for: `_dmarc.example.com TXT`.
    public let query: String
    /// The server asked, or `the system's resolver`.
    public let server: String
    /// Whether a server was named (`--dns-server`): then the message does not suggest naming one.
    let serverNamed: Bool

    init(_ reason: Reason, query: String, server: String, serverNamed: Bool = true) {
        self.reason = reason
        self.query = query
        self.server = server
        self.serverNamed = serverNamed
    }

    /// Whether the server gave no answer at all (timeout, SERVFAIL, REFUSED), as a dead or
    /// unreachable server does.
    public var isNoAnswer: Bool { reason == .noAnswer }

    public var description: String {
        switch reason {
        case .noAnswer:
            "\(query): no answer from \(server) (timeout, SERVFAIL or REFUSED); check the network"
                + (serverNamed ? " and the server" : " or try --dns-server")
        case .noRecovery:
            "\(query): the query cannot succeed (FORMERR or NOTIMP from \(server), or a name over 255 bytes)"
        case .badServer: "\(query): \(server) is not an IPv4 address"
        case .internalFailure: "\(query): the resolver could not be set up (is /etc/resolv.conf readable?)"
        case .malformedAnswer: "\(query): the answer from \(server) does not parse"
        }
    }
}
