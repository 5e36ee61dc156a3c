/// How a connection gets its TLS.
public enum TransportSecurity: String, Sendable, CaseIterable {
    /// TLS from the first byte (SMTP 465, IMAP 993).
    case implicit
    /// Plain text first, then STARTTLS; a server that does not offer it is refused unless plain
    /// text is allowed.
    case starttls
    /// Implicit on the protocol's TLS port (465, 993), STARTTLS elsewhere.
    case auto

    /// The mode for `port`: `auto` resolved against the protocol's implicit-TLS port.
    func resolved(port: Int, implicitPort: Int) -> TransportSecurity {
        guard self == .auto else { return self }
        return port == implicitPort ? .implicit : .starttls
    }

    /// The mode for `port` of `mailProtocol`: `auto` resolved (465 and 993 are TLS from the first
    /// byte, other ports STARTTLS).
    public func resolved(port: Int, for mailProtocol: MailProtocol) -> TransportSecurity {
        resolved(port: port, implicitPort: mailProtocol.implicitPort)
    }
}
