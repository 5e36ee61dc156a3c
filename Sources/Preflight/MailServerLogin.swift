import Foundation
import NIOSSL

/// One login to check: where the server is, how to reach it, and the credentials.
///
/// The password is only ever written to the server, after TLS unless ``allowsPlaintext``.
public struct MailServerLogin: Sendable {
    public var host: String
    public var port: Int
    public var security: TransportSecurity
    public var login: String
    public var password: String
    /// Send the password over a connection without TLS when the server offers none.
    public var allowsPlaintext: Bool
    /// Certificate authorities trusted besides the system's roots (`--ca-file`).
    public var extraTrustRoots: [NIOSSLCertificate]
    /// The TLS setup, made once per run; nil: made for this login from ``extraTrustRoots``.
    public var tls: MailTLS?
    /// The longest the whole dialogue may take.
    public var timeout: Duration

    public init(
        host: String, port: Int, security: TransportSecurity = .auto, login: String, password: String,
        allowsPlaintext: Bool = false, extraTrustRoots: [NIOSSLCertificate] = [], tls: MailTLS? = nil,
        timeout: Duration = .seconds(15)
    ) {
        self.tls = tls
        self.host = host
        self.port = port
        self.security = security
        self.login = login
        self.password = password
        self.allowsPlaintext = allowsPlaintext
        self.extraTrustRoots = extraTrustRoots
        self.timeout = timeout
    }

    /// `text` with the password (and its base64, as AUTH LOGIN sends it) replaced by `••••`.
    func redacted(_ text: String) -> String {
        var redaction = Redaction()
        redaction.add(passwordForms)
        return redaction.apply(text)
    }

    /// The password and its base64: what a server could echo of any command that carries it.
    var passwordForms: [String] {
        let encoded = Base64.encode(Array(password.utf8))
        return [password] + (encoded.count >= 4 ? [encoded] : [])
    }

    /// SASL PLAIN's credentials (`\0login\0password`, base64), sent by SMTP's and IMAP's AUTH.
    var plainCredentials: String {
        Base64.encode([0] + Array(login.utf8) + [0] + Array(password.utf8))
    }
}
