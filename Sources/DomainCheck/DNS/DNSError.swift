/// A DNS query that got no usable answer: what was asked, from which server, and why.
///
/// An opaque struct over a private reason, so reasons can be added.
public struct DNSError: Error, Sendable, Equatable, CustomStringConvertible {
    enum Reason: Sendable, Equatable {
        case noAnswer
        case refused
        case badServer
        case internalFailure
        case malformedAnswer
    }

    let reason: Reason
    /// The name and type asked for: `_dmarc.example.com TXT`.
    public let query: String
    /// The server asked, or `the system's resolver`.
    public let server: String

    init(_ reason: Reason, query: String, server: String) {
        self.reason = reason
        self.query = query
        self.server = server
    }

    public var description: String {
        switch reason {
        case .noAnswer:
            "\(query): no answer from \(server) (timeout, SERVFAIL or REFUSED); check the network or try --dns-server"
        case .refused: "\(query): \(server) could not answer the query (FORMERR or NOTIMP)"
        case .badServer: "\(query): \(server) is not an IPv4 address"
        case .internalFailure: "\(query): the resolver could not be set up (is /etc/resolv.conf readable?)"
        case .malformedAnswer: "\(query): the answer from \(server) does not parse"
        }
    }
}
