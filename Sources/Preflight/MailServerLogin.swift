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
    /// The longest the whole dialogue may take.
    public var timeout: Duration

    public init(
        host: String, port: Int, security: TransportSecurity = .auto, login: String, password: String,
        allowsPlaintext: Bool = false, extraTrustRoots: [NIOSSLCertificate] = [], timeout: Duration = .seconds(15)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.login = login
        self.password = password
        self.allowsPlaintext = allowsPlaintext
        self.extraTrustRoots = extraTrustRoots
        self.timeout = timeout
    }

    /// `text` with the password (and its base64, as AUTH sends it) replaced by `••••`: what a
    /// server echoes back never shows it.
    func redacted(_ text: String) -> String {
        guard !password.isEmpty else { return text }
        var result = text.replacingOccurrences(of: password, with: "••••")
        let encoded = Base64.encode(Array(password.utf8))
        if encoded.count >= 4 { result = result.replacingOccurrences(of: encoded, with: "••••") }
        return result
    }
}
