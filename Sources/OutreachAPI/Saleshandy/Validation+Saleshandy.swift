extension Validation {
    /// The most accounts wps and the sandbox accept in one Saleshandy connect request (a wps
    /// limit: the vendor documents none, and warns that large requests take time).
    public static let saleshandyMaxAccounts = 1000

    /// The rules of Saleshandy's `POST email-accounts/connect`.
    public static func saleshandyAccounts(_ accounts: [SaleshandyEmailAccount]) -> [ValidationProblem] {
        var problems = ProblemList()
        if accounts.isEmpty { problems.add("", "must hold at least one email account") }
        if accounts.count > saleshandyMaxAccounts {
            problems.add("", "must hold at most \(saleshandyMaxAccounts) email accounts, got \(accounts.count)")
        }
        for (index, account) in accounts.enumerated() {
            let p = "[\(index)]."
            if let esp = account.emailServiceProvider, !SaleshandyEmailAccount.serviceProviders.contains(esp) {
                problems.add(
                    p + "emailServiceProvider",
                    "must be one of \(SaleshandyEmailAccount.serviceProviders.joined(separator: ", ")), got \(esp)")
            }
            problems.optionalText(account.fromFirstName, p + "fromFirstName")
            problems.optionalText(account.fromLastName, p + "fromLastName")
            problems.requiredEmail(account.smtpEmailAddress, p + "smtpEmailAddress")
            problems.optionalText(account.smtpUserName, p + "smtpUserName")
            problems.requiredText(account.smtpPassword, p + "smtpPassword")
            problems.requiredText(account.smtpHost, p + "smtpHost")
            problems.range(account.smtpPort, 1...65535, p + "smtpPort", required: true)
            encryption(account.smtpEncryption, p + "smtpEncryption", &problems)
            problems.requiredEmail(account.imapEmailAddress, p + "imapEmailAddress")
            problems.optionalText(account.imapUserName, p + "imapUserName")
            problems.requiredText(account.imapPassword, p + "imapPassword")
            problems.requiredText(account.imapHost, p + "imapHost")
            problems.range(account.imapPort, 1...65535, p + "imapPort", required: true)
            encryption(account.imapEncryption, p + "imapEncryption", &problems)
        }
        problems.duplicates(accounts.map(\.smtpEmailAddress)) { "[\($0)].smtpEmailAddress" }
        return problems.items
    }

    private static func encryption(_ value: String?, _ path: String, _ problems: inout ProblemList) {
        if let value, !SaleshandyEmailAccount.encryptions.contains(value) {
            problems.add(
                path, "must be one of \(SaleshandyEmailAccount.encryptions.joined(separator: ", ")), got \(value)")
        }
    }
}
