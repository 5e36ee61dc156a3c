/// What to do about a refused login.
enum AuthHint {
    static let appPassword =
        "Gmail/Google Workspace (and Outlook, Yahoo, iCloud) need an app password when 2-step verification is on"

    static func text(host: String, login: String) -> String {
        let lower = host.lowercased()
        let bigProviders = [
            "gmail", "google", "outlook", "office365", "hotmail", "live.com", "yahoo", "icloud", "me.com",
        ]
        if bigProviders.contains(where: lower.contains) { return appPassword }
        return "check the login (\(login); give the login when it is not the email) and the password; " + appPassword
    }
}
