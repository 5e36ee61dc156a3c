import OutreachAPI
import WPSLanguage

/// `mailbox add --email … --password …`: connects one SMTP/IMAP mailbox (Woodpecker's manual
/// bulk connection, or Saleshandy's connect).
enum MailboxAddCommand {
    static let email = Flag<String>(
        "email", .email, "the SMTP email", required: true, fields: ["smtp_email", "smtpEmailAddress"])
    static let login = Flag<String>(
        "login", .string, "the SMTP login, if not the email", fields: ["smtp_login", "smtpUserName"])
    static let password = Flag<String>(
        "password", .string, "the SMTP password: - (asked for), $env.NAME or @FILE", secret: true, required: true,
        fields: ["smtp_password", "smtpPassword"])
    static let smtpServer = Flag<String>("smtp-server", .string, "the SMTP host", fields: ["smtp_server", "smtpHost"])
    static let smtpPort = Flag<Int>("smtp-port", "1…65535", fields: ["smtp_port", "smtpPort"])
    static let fromName = Flag<String>("from-name", .string, "the sender name", fields: ["smtp_from_name"])
    static let imapEmail = Flag<String>(
        "imap-email", .email, "the IMAP email (default: --email)", fields: ["imap_email", "imapEmailAddress"])
    static let imapPassword = Flag<String>(
        "imap-password", .string, "the IMAP password (default: --password): -, $env.NAME or @FILE", secret: true,
        fields: ["imap_password", "imapPassword"])
    static let imapLogin = Flag<String>(
        "imap-login", .string, "Saleshandy: the IMAP login, if not the IMAP email", fields: ["imapUserName"])
    static let imapServer = Flag<String>("imap-server", .string, "the IMAP host", fields: ["imap_server", "imapHost"])
    static let imapPort = Flag<Int>("imap-port", "1…65535", fields: ["imap_port", "imapPort"])
    static let footer = Flag<String>("footer", .string, "an email footer", fields: ["footer"])
    static let bcc = Flag<String>("bcc", .email, "a BCC address", fields: ["bcc"])
    static let openTrackingDomain = Flag<String>(
        "open-tracking-domain", .string, "a domain for open tracking", fields: ["open_tracking_domain"])
    static let clickTrackingDomain = Flag<String>(
        "click-tracking-domain", .string, "a domain for click tracking", fields: ["click_tracking_domain"])
    static let unsubscribeTrackingDomain = Flag<String>(
        "unsubscribe-tracking-domain", .string, "a domain for unsubscribe links",
        fields: ["unsubscribe_tracking_domain"])
    static let waitFrom = Flag<Int>(
        "wait-from", "seconds between sends, from (10…9999)", fields: ["sending_wait_time_from"])
    static let waitTo = Flag<Int>("wait-to", "seconds between sends, to (20…9999)", fields: ["sending_wait_time_to"])
    static let dailyLimit = Flag<Int>("daily-limit", "emails per day (1…5500)", fields: ["daily_sending_limit"])
    static let notify = Flag<String>(
        "notify", .choice(["mail"]), "mail me when the batch is processed", fields: ["completion_notification_types"])
    static let esp = Flag<String>(
        "esp", .choice(["gsuite", "microsoft", "smtp"]), "Saleshandy: the email service provider",
        fields: ["emailServiceProvider"])
    static let firstName = Flag<String>(
        "first-name", .string, "Saleshandy: sender first name", fields: ["fromFirstName"])
    static let lastName = Flag<String>("last-name", .string, "Saleshandy: sender last name", fields: ["fromLastName"])
    static let smtpEncryption = Flag<String>(
        "smtp-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: SMTP encryption", fields: ["smtpEncryption"])
    static let imapEncryption = Flag<String>(
        "imap-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: IMAP encryption", fields: ["imapEncryption"])

    static let definition = CommandDefinition(
        ["mailbox", "add"], "Connect one SMTP/IMAP mailbox.", category: .api,
        discussion: """
            Each flag also answers to the API's own field name (--smtp-email for --email, Saleshandy's \
            --smtp-host for --smtp-server, …). Never type the password on the line: --password - asks for it \
            with echo off (or reads one line of standard input), --password $env.NAME takes it from the \
            environment, --password @FILE reads it from FILE less one final newline (as $(cat FILE) would); \
            a password that starts with '@' is quoted: '@…'. Secrets are never shown: the history keeps ••••, \
            a recalled line with •••• is refused, and a failing line that takes a password is not kept.
            """,
        // Both providers' rules need the servers and ports (`RequiredFlagTests` keeps it so);
        // `mailbox verify` shares these flags with defaults of its own, so they are required here.
        flags: [
            email, login, password, smtpServer.required(), smtpPort.required(), fromName, imapEmail, imapPassword,
            imapLogin, imapServer.required(), imapPort.required(), footer, bcc, openTrackingDomain, clickTrackingDomain,
            unsubscribeTrackingDomain, waitFrom,
            waitTo, dailyLimit, notify, SharedFlags.provider, esp, firstName, lastName, smtpEncryption,
            imapEncryption,
        ],
        examples: [
            "mailbox add --email ann@example.com --password @pw.txt --smtp-server smtp.example.com --smtp-port 465 "
                + "--imap-server imap.example.com --imap-port 993"
        ],
        sends: ["POST mailboxes/manual_connection/bulk", "POST /v1/email-accounts/connect (--provider saleshandy)"],
        tests: ["SecretFileTests.aPasswordFileLosesExactlyOneFinalNewline", "transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        if (invocation[SharedFlags.provider] ?? session.connection.provider) == .saleshandy {
            return try await saleshandy(invocation, session)
        }
        let email = invocation[email]
        let password = invocation[password]
        let mailbox = ManualMailbox(
            smtp_email: email, smtp_login: invocation[login], smtp_password: password,
            smtp_server: invocation[smtpServer], smtp_port: invocation[smtpPort], smtp_from_name: invocation[fromName],
            imap_email: invocation[imapEmail] ?? email, imap_password: invocation[imapPassword] ?? password,
            imap_server: invocation[imapServer], imap_port: invocation[imapPort], footer: invocation[footer],
            bcc: invocation[bcc], open_tracking_domain: invocation[openTrackingDomain],
            click_tracking_domain: invocation[clickTrackingDomain],
            unsubscribe_tracking_domain: invocation[unsubscribeTrackingDomain],
            sending_wait_time_from: invocation[waitFrom], sending_wait_time_to: invocation[waitTo],
            daily_sending_limit: invocation[dailyLimit])
        warn(
            MailServerLint.warnings(
                smtpHost: mailbox.smtp_server, smtpPort: mailbox.smtp_port, imapHost: mailbox.imap_server,
                imapPort: mailbox.imap_port), session)
        let notify: [NotificationType]? = invocation[notify] == "mail" ? [.mail] : nil
        let request = ManualBulkRequest(mailboxes: [mailbox], completion_notification_types: notify)
        let accepted = try await session.connection.send(Woodpecker.SubmitManualBatch(request), for: invocation.command)
        return .record(["batch_id": .int(accepted.batch_id), "size": .int(1)])
    }

    /// The same mailbox through Saleshandy's connect (`--provider saleshandy`).
    static func saleshandy(_ invocation: Invocation, _ session: Session) async throws -> Value {
        let email = invocation[email]
        let password = invocation[password]
        let account = SaleshandyEmailAccount(
            emailServiceProvider: invocation[esp] ?? "smtp", fromFirstName: invocation[firstName],
            fromLastName: invocation[lastName], smtpEmailAddress: email, smtpUserName: invocation[login],
            smtpPassword: password, smtpHost: invocation[smtpServer], smtpPort: invocation[smtpPort],
            smtpEncryption: invocation[smtpEncryption], imapEmailAddress: invocation[imapEmail] ?? email,
            imapPassword: invocation[imapPassword] ?? password, imapHost: invocation[imapServer],
            imapPort: invocation[imapPort], imapEncryption: invocation[imapEncryption])
        warn(
            MailServerLint.warnings(
                smtpHost: account.smtpHost, smtpPort: account.smtpPort, imapHost: account.imapHost,
                imapPort: account.imapPort), session)
        let accepted = try await session.connection.send(
            Saleshandy.ConnectEmailAccounts([account]), for: invocation.command)
        return .record(["request_id": .string(accepted.payload.requestId), "size": .int(1)])
    }

    /// Says each warning on stderr at the flag that gave the field (`--smtp-port: 993 is an IMAP port …`).
    static func warn(_ warnings: [ValidationProblem], _ session: Session) {
        for warning in warnings {
            let flag = FlagForField.flag(for: warning.path).map { "--\($0)" } ?? warning.path
            session.settings.progress("warning: \(flag): \(warning.message)")
        }
    }
}
