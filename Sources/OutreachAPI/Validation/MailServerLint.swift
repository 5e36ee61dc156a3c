/// What a mailbox's servers and ports may be, as the API takes them, but almost never are: an
/// IMAP port for SMTP (`smtp.gmail.com` on 993), an SMTP port for IMAP (465), a port neither
/// protocol uses, a host named for the other protocol. Warnings, never refusals: the API takes
/// them, and a server may really listen there.
public enum MailServerLint {
    /// The ports SMTP submission uses.
    public static let smtpPorts: Set<Int> = [25, 465, 587, 2525]
    /// The ports IMAP uses.
    public static let imapPorts: Set<Int> = [143, 993]

    /// The warnings for one mailbox, each at its field (`smtp_port`, or `smtpPort` with `names`).
    public static func warnings(
        smtpHost: String?, smtpPort: Int?, imapHost: String?, imapPort: Int?,
        names: (smtpHost: String, smtpPort: String, imapHost: String, imapPort: String) = (
            "smtp_server", "smtp_port", "imap_server", "imap_port"
        )
    ) -> [ValidationProblem] {
        var warnings: [ValidationProblem] = []
        if let port = smtpPort {
            if imapPorts.contains(port) {
                warnings.append(
                    ValidationProblem(names.smtpPort, "\(port) is an IMAP port; SMTP listens on 465 or 587"))
            } else if !smtpPorts.contains(port) {
                warnings.append(
                    ValidationProblem(names.smtpPort, "\(port) is not a port SMTP uses (25, 465, 587, 2525)"))
            }
        }
        if let port = imapPort {
            if smtpPorts.contains(port) {
                warnings.append(
                    ValidationProblem(names.imapPort, "\(port) is an SMTP port; IMAP listens on 993 (or 143)"))
            } else if !imapPorts.contains(port) {
                warnings.append(ValidationProblem(names.imapPort, "\(port) is not a port IMAP uses (993, 143)"))
            }
        }
        if let host = smtpHost?.lowercased(), host.hasPrefix("imap.") {
            warnings.append(
                ValidationProblem(names.smtpHost, "\(host) is named for IMAP; the SMTP server is asked for"))
        }
        if let host = imapHost?.lowercased(), host.hasPrefix("smtp.") {
            warnings.append(
                ValidationProblem(names.imapHost, "\(host) is named for SMTP; the IMAP server is asked for"))
        }
        return warnings
    }
}
