import OutreachAPI
import WPSLanguage

/// Which command flag produced an API field, so a broken rule is reported at the flag the user
/// wrote (`--timezone`), not only at the request's field path (`settings.timezone`).
enum FlagForField {
    static let flags: [String: String] = [
        "smtp_email": "email", "smtp_password": "password", "smtp_server": "smtp-server", "smtp_port": "smtp-port",
        "smtp_login": "login", "smtp_from_name": "from-name", "imap_email": "imap-email", "imap_password": "imap-password",
        "imap_server": "imap-server", "imap_port": "imap-port", "footer": "footer", "bcc": "bcc",
        "open_tracking_domain": "open-tracking-domain", "click_tracking_domain": "click-tracking-domain",
        "unsubscribe_tracking_domain": "unsubscribe-tracking-domain", "sending_wait_time_from": "wait-from",
        "sending_wait_time_to": "wait-to", "daily_sending_limit": "daily-limit", "completion_notification_types": "notify",
        "timezone": "timezone", "daily_enroll": "daily-enroll", "email_account_ids": "accounts", "subject": "subject",
        "message": "message", "signature": "signature", "track_opens": "track-opens", "delivery_time": "window",
        "followup_after": "wait", "name": "name", "parent_id": "after", "credential_id": "credential", "mailbox_email": "email",
        "display_name": "name", "smtpEmailAddress": "email", "smtpPassword": "password", "smtpHost": "smtp-server",
        "smtpPort": "smtp-port", "smtpUserName": "login", "smtpEncryption": "smtp-encryption", "imapEmailAddress": "imap-email",
        "imapPassword": "imap-password", "imapHost": "imap-server", "imapPort": "imap-port", "imapEncryption": "imap-encryption",
        "emailServiceProvider": "esp", "fromFirstName": "first-name", "fromLastName": "last-name",
    ]

    /// The flag behind a field path such as `steps.followup.delivery_time.MONDAY[1]`, if any.
    static func flag(for path: String) -> String? {
        let components = path.split(separator: ".").map { String($0.prefix { $0 != "[" }) }
        if components.contains("delivery_time") { return "window" }
        if components.contains("followup_after") { return "wait" }
        return components.reversed().lazy.compactMap { flags[$0] }.first
    }

    /// A validation failure as a runtime error located at the first flag that produced a broken
    /// field, each problem annotated with its flag.
    static func error(_ error: OutreachError, command: Command) -> RuntimeError {
        let arguments = CommandArguments(command: command)
        let given = Set(command.arguments.compactMap { if case .flag(let name, _, _) = $0 { name } else { nil } })
        var located: SourceRange?
        let lines = error.problems.map { problem -> String in
            // A step tree read with --steps FILE: the problem is in that file.
            if given.contains("steps"), problem.path.hasPrefix("steps") {
                if located == nil { located = arguments.range(of: "steps") }
                return "  --steps file: \(problem)"
            }
            guard let flag = flag(for: problem.path), given.contains(flag) else { return "  \(problem)" }
            if located == nil { located = arguments.range(of: flag) }
            return "  --\(flag): \(problem.message) (\(problem.path))"
        }
        let count = error.problems.count
        return RuntimeError(
            "\(error.endpoint): \(count) documented rule\(count == 1 ? "" : "s") broken; nothing was sent\n" + lines.joined(separator: "\n"),
            at: located ?? command.range, exitCode: 2)
    }
}
