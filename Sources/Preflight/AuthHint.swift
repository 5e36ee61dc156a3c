/// What to do about a refused login.
enum AuthHint {
    static let appPassword =
        "Gmail/Google Workspace (and Outlook, Yahoo, iCloud) need an app password when 2-step verification is on"

    /// The providers that want an app password, by the domains of their servers.
    static let bigProviderDomains = [
        "gmail.com", "googlemail.com", "google.com", "outlook.com", "office365.com", "hotmail.com", "live.com",
        "yahoo.com", "icloud.com", "me.com",
    ]

    static func text(host: String, login: String) -> String {
        if isBigProvider(host) { return appPassword }
        return "check the login (\(login); give the login when it is not the email) and the password; " + appPassword
    }

    /// Whether `host` is one of ``bigProviderDomains`` or under one (`smtp.gmail.com`), compared
    /// by whole labels: `smtp.acme.com` is not `me.com`.
    static func isBigProvider(_ host: String) -> Bool {
        var lower = host.lowercased()
        if lower.hasSuffix(".") { lower.removeLast() }
        return bigProviderDomains.contains { lower == $0 || lower.hasSuffix("." + $0) }
    }
}
