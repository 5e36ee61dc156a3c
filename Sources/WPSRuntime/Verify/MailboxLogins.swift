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
        /// Made once from ``trusted`` for every login of the run.
        var tls: MailTLS?
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
            let port = mailbox.smtp_port ?? MailProtocol.smtp.defaultPort(settings.smtpSecurity)
            smtp = MailServerLogin(
                host: host, port: port, security: settings.smtpSecurity, login: mailbox.smtp_login ?? email,
                password: mailbox.smtp_password ?? "", allowsPlaintext: settings.allowsPlaintext,
                extraTrustRoots: roots, tls: settings.tls, timeout: settings.timeout)
        }
        if let host = mailbox.imap_server, !host.isEmpty {
            let port = mailbox.imap_port ?? MailProtocol.imap.defaultPort(settings.imapSecurity)
            imap = MailServerLogin(
                host: host, port: port, security: settings.imapSecurity,
                login: imapLogin ?? mailbox.imap_email ?? email,
                password: mailbox.imap_password ?? mailbox.smtp_password ?? "",
                allowsPlaintext: settings.allowsPlaintext, extraTrustRoots: roots, tls: settings.tls,
                timeout: settings.timeout)
        }
    }

    /// The connections a dry run lists: `smtp smtp.example.com:465 (TLS from the first byte), login ann@example.com`.
    var plannedConnections: [String] {
        var result: [String] = []
        if let smtp { result.append(Self.describe(.smtp, smtp)) }
        if let imap { result.append(Self.describe(.imap, imap)) }
        return result
    }

    private static func describe(_ mailProtocol: MailProtocol, _ login: MailServerLogin) -> String {
        let tls =
            switch login.security.resolved(port: login.port, for: mailProtocol) {
            case .implicit, .auto: "TLS from the first byte"
            case .starttls: "STARTTLS"
            }
        return "\(mailProtocol.name) \(login.host):\(login.port) (\(tls)), login \(login.login)"
    }
}
