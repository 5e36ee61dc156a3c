import OutreachAPI
import WPSLanguage

/// `mailbox add --email … --password …`: connects one SMTP/IMAP mailbox through the provider's
/// ``MailboxConnection``; each provider adds the flags only it reads.
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
    static let imapEmail = Flag<String>(
        "imap-email", .email, "the IMAP email (default: --email)", fields: ["imap_email", "imapEmailAddress"])
    static let imapPassword = Flag<String>(
        "imap-password", .string, "the IMAP password (default: --password): -, $env.NAME or @FILE", secret: true,
        fields: ["imap_password", "imapPassword"])
    static let imapServer = Flag<String>("imap-server", .string, "the IMAP host", fields: ["imap_server", "imapHost"])
    static let imapPort = Flag<Int>("imap-port", "1…65535", fields: ["imap_port", "imapPort"])

    static let definition = CommandDefinition(
        ["mailbox", "add"], "Connect one SMTP/IMAP mailbox.", category: .api,
        discussion: """
            Each flag also answers to the API's own field name (--smtp-email for --email, \
            --smtp-host for --smtp-server, …). Never type the password on the line: --password - asks for it \
            with echo off (or reads one line of standard input), --password $env.NAME takes it from the \
            environment, --password @FILE reads it from FILE less one final newline (as $(cat FILE) would); \
            a password that starts with '@' is quoted: '@…'. Secrets are never shown: the history keeps ••••, \
            a recalled line with •••• is refused, and a failing line that takes a password is not kept.
            """,
        // Both providers' rules need the servers and ports (`RequiredFlagTests` keeps it so);
        // `mailbox verify` shares these flags with defaults of its own, so they are required here.
        flags: [
            email, login, password, smtpServer.required(), smtpPort.required(), imapEmail, imapPassword,
            imapServer.required(), imapPort.required(), SharedFlags.provider,
        ] + ProviderKits.mailboxConnections.flatMap(\.addFlags),
        examples: [
            "mailbox add --email ann@example.com --password @pw.txt --smtp-server smtp.example.com --smtp-port 465 "
                + "--imap-server imap.example.com --imap-port 993"
        ],
        sends: ProviderKits.mailboxConnections.flatMap(\.sends.add),
        tests: ["SecretFileTests.aPasswordFileLosesExactlyOneFinalNewline", "transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        return try await ProviderKits.mailboxes(for: invocation, session).add(invocation, session)
    }

    /// Says each warning on stderr at the flag that gave the field (`--smtp-port: 993 is an IMAP port …`).
    static func warn(_ warnings: [ValidationProblem], _ session: Session) {
        for warning in warnings {
            let flag = FlagForField.flag(for: warning.path).map { "--\($0)" } ?? warning.path
            session.settings.progress("warning: \(flag): \(warning.message)")
        }
    }
}
