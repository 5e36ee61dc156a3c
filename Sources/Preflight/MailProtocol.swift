/// SMTP or IMAP, as a login check sees it: its ports and the words of its advice.
///
/// ```swift
/// MailProtocol.smtp.defaultPort(.auto)  // 465
/// MailProtocol.imap.defaultPort(.starttls)  // 143
/// ```
public struct MailProtocol: Sendable, Equatable {
    /// `smtp`, `imap`: the prefix of the flags and of the record's fields.
    public let name: String
    /// The port that speaks TLS from the first byte (465, 993).
    public let implicitPort: Int
    /// The port that starts plain and turns to TLS with STARTTLS (587, 143).
    public let starttlsPort: Int

    public static let smtp = MailProtocol(name: "smtp", implicitPort: 465, starttlsPort: 587)
    public static let imap = MailProtocol(name: "imap", implicitPort: 993, starttlsPort: 143)

    /// `SMTP`, `IMAP`.
    public var displayName: String { name.uppercased() }
    /// `--smtp-tls`.
    public var tlsFlag: String { "--\(name)-tls" }

    /// The port to use when none is given: the STARTTLS port when STARTTLS was asked for, else
    /// the TLS one.
    public func defaultPort(_ security: TransportSecurity) -> Int {
        security == .starttls ? starttlsPort : implicitPort
    }

    /// What to do when TLS from the first byte met a server that answered in plain text.
    func mismatchHint(port: Int) -> String {
        port == implicitPort
            ? "port \(implicitPort) expects TLS from the first byte, this server answered in plain \(displayName): "
                + "use \(starttlsPort) with STARTTLS"
            : "\(tlsFlag) implicit expects TLS from the first byte, this server answered in plain \(displayName): "
                + "use STARTTLS (\(tlsFlag) starttls; usually port \(starttlsPort))"
    }

    /// What to do when a plain connection offered no STARTTLS and the password was kept back.
    func plaintextRefusedHint(port: Int) -> String {
        let starttls = port == starttlsPort ? "" : ", or \(starttlsPort) with STARTTLS"
        return "use the server's TLS port (\(implicitPort)\(starttls)), or --allow-plaintext to send it in clear"
    }

    /// What to do when a plain connection got no answer at all.
    func silentHint(port: Int) -> String {
        "a server that expects TLS from the first byte stays silent on a plain connection: "
            + "if \(port) is such a port, say so (\(tlsFlag) implicit)"
    }
}
