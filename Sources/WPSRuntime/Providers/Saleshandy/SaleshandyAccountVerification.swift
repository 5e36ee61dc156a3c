import Foundation
import OutreachAPI
import Preflight

extension SaleshandyAccountTarget: VerifiableTarget {
    func logins(of item: SaleshandyEmailAccount, line: String, settings: MailboxLogins.Settings) -> MailboxLogins {
        MailboxLogins(line: line, account: item, settings: settings)
    }
}

extension MailboxLogins {
    /// A Saleshandy account (`mailbox import --verify` of a Saleshandy profile): the SMTP login
    /// defaults to the email, the IMAP login to the IMAP email; `smtpEncryption`/`imapEncryption`
    /// say how TLS is had (`ssl` from the first byte, `tls` by STARTTLS, `none` a login in clear,
    /// as the account will be connected).
    init(line: String, account: SaleshandyEmailAccount, settings: Settings) {
        self.line = line
        let email = account.smtpEmailAddress ?? ""
        self.email = email
        let roots = settings.trusted?.certificates ?? []
        func security(_ encryption: String?, _ given: TransportSecurity) -> (TransportSecurity, plaintext: Bool) {
            switch encryption?.lowercased() {
            case "ssl": (.implicit, settings.allowsPlaintext)
            case "tls": (.starttls, settings.allowsPlaintext)
            case "none": (.auto, true)
            default: (given, settings.allowsPlaintext)
            }
        }
        if let host = account.smtpHost, !host.isEmpty {
            let (tls, plaintext) = security(account.smtpEncryption, settings.smtpSecurity)
            smtp = MailServerLogin(
                host: host, port: account.smtpPort ?? MailProtocol.smtp.defaultPort(tls),
                security: tls, login: account.smtpUserName ?? email, password: account.smtpPassword ?? "",
                allowsPlaintext: plaintext, extraTrustRoots: roots, tls: settings.tls, timeout: settings.timeout)
        }
        if let host = account.imapHost, !host.isEmpty {
            let (tls, plaintext) = security(account.imapEncryption, settings.imapSecurity)
            imap = MailServerLogin(
                host: host, port: account.imapPort ?? MailProtocol.imap.defaultPort(tls), security: tls,
                login: account.imapUserName ?? account.imapEmailAddress ?? email,
                password: account.imapPassword ?? account.smtpPassword ?? "", allowsPlaintext: plaintext,
                extraTrustRoots: roots, tls: settings.tls, timeout: settings.timeout)
        }
    }
}
