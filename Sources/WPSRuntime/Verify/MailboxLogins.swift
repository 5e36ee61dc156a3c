import OutreachAPI
import Preflight

/// One mailbox to verify: where it came from, its email, and the SMTP and IMAP logins to try
/// (nil: the mailbox names no server for it).
struct MailboxLogins: Sendable {
    /// `3` (a file's line), `1[2]` (a JSON array's object), or `flags`.
    var line: String
    var email: String
    var smtp: MailServerLogin?
    var imap: MailServerLogin?

    /// What the logins share: how TLS is chosen, plain text, trust and the time limit.
    struct Settings: Sendable {
        var smtpSecurity: TransportSecurity = .auto
        var imapSecurity: TransportSecurity = .auto
        var allowsPlaintext = false
        var trusted: TrustedCertificates?
        var timeout: Duration = .seconds(15)
    }

    /// A mailbox as `mailbox add` and `mailbox import` describe it (the API's fields); the SMTP
    /// login defaults to the email, the IMAP login to `imapLogin`, the IMAP email, the email.
    init(line: String, mailbox: ManualMailbox, imapLogin: String? = nil, settings: Settings) {
        self.line = line
        let email = mailbox.smtp_email ?? ""
        self.email = email
        let roots = settings.trusted?.certificates ?? []
        if let host = mailbox.smtp_server, !host.isEmpty {
            let port = mailbox.smtp_port ?? (settings.smtpSecurity == .implicit ? 465 : 587)
            smtp = MailServerLogin(
                host: host, port: port, security: settings.smtpSecurity, login: mailbox.smtp_login ?? email,
                password: mailbox.smtp_password ?? "", allowsPlaintext: settings.allowsPlaintext,
                extraTrustRoots: roots, timeout: settings.timeout)
        }
        if let host = mailbox.imap_server, !host.isEmpty {
            let port = mailbox.imap_port ?? (settings.imapSecurity == .starttls ? 143 : 993)
            imap = MailServerLogin(
                host: host, port: port, security: settings.imapSecurity,
                login: imapLogin ?? mailbox.imap_email ?? email,
                password: mailbox.imap_password ?? mailbox.smtp_password ?? "",
                allowsPlaintext: settings.allowsPlaintext, extraTrustRoots: roots, timeout: settings.timeout)
        }
    }

    /// The connections a dry run lists: `smtp ann@example.com → smtp.example.com:465 (TLS from the first byte)`.
    var plannedConnections: [String] {
        var result: [String] = []
        if let smtp { result.append(Self.describe("smtp", smtp, implicitPort: 465)) }
        if let imap { result.append(Self.describe("imap", imap, implicitPort: 993)) }
        return result
    }

    private static func describe(_ name: String, _ login: MailServerLogin, implicitPort: Int) -> String {
        let tls =
            switch login.security {
            case .implicit: "TLS from the first byte"
            case .starttls: "STARTTLS"
            case .auto: login.port == implicitPort ? "TLS from the first byte" : "STARTTLS"
            }
        return "\(name) \(login.host):\(login.port) (\(tls)), login \(login.login)"
    }
}
