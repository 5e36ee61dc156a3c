/// A sending service recognised by a mailbox's SMTP host, and the SPF include that
/// authorises it (any one of `includes`).
public struct SendingHost: Sendable, Equatable, Hashable {
    /// `Google`, `Microsoft 365`.
    public let name: String
    /// The domains whose `include:` lets the service send: `_spf.google.com`.
    public let includes: [String]
    /// The SMTP host suffixes that name the service: `gmail.com` matches `smtp.gmail.com`.
    let hostSuffixes: [String]

    /// The services wps knows.
    public static let known: [SendingHost] = [
        SendingHost(
            name: "Google", includes: ["_spf.google.com"], hostSuffixes: ["gmail.com", "google.com", "googlemail.com"]),
        SendingHost(
            name: "Microsoft 365", includes: ["spf.protection.outlook.com"],
            hostSuffixes: ["office365.com", "outlook.com", "office.com"]),
        SendingHost(
            name: "Zoho", includes: ["zoho.com", "zoho.eu", "zoho.in", "zohomail.com"],
            hostSuffixes: ["zoho.com", "zoho.eu", "zoho.in"]),
        SendingHost(name: "Amazon SES", includes: ["amazonses.com"], hostSuffixes: ["amazonaws.com"]),
        SendingHost(name: "SendGrid", includes: ["sendgrid.net"], hostSuffixes: ["sendgrid.net"]),
        SendingHost(name: "Mailgun", includes: ["mailgun.org"], hostSuffixes: ["mailgun.org"]),
    ]

    /// The service an SMTP host belongs to (`smtp.gmail.com` → Google); nil for any other host.
    public static func serving(smtpHost: String) -> SendingHost? {
        let host = smtpHost.lowercased().trimmingSuffix(".")
        return known.first { service in
            service.hostSuffixes.contains { host == $0 || host.hasSuffix("." + $0) }
        }
    }
}

extension String {
    /// The text without one trailing `suffix`.
    func trimmingSuffix(_ suffix: String) -> String {
        hasSuffix(suffix) ? String(dropLast(suffix.count)) : self
    }
}
