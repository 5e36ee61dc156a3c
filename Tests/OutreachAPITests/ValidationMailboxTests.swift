import Testing

@testable import OutreachAPI

@Suite struct ValidationMailboxTests {
    static let valid = ManualMailbox(
        smtp_email: "ann@example.com", smtp_password: "pw", smtp_server: "smtp.example.com", smtp_port: 465,
        imap_email: "ann@example.com", imap_password: "pw", imap_server: "imap.example.com", imap_port: 993)

    func problems(_ change: (inout ManualMailbox) -> Void) -> [String] {
        var mailbox = Self.valid
        change(&mailbox)
        return Validation.manualBulk(ManualBulkRequest(mailboxes: [mailbox])).map(\.description)
    }

    @Test func aCompleteMailboxIsValid() {
        #expect(problems { _ in } == [])
        #expect(
            problems {
                $0.smtp_login = "ann"
                $0.smtp_from_name = "Ann"
                $0.footer = "<p>Ann</p>"
                $0.bcc = "crm@example.com"
                $0.open_tracking_domain = "open.example.com"
                $0.sending_wait_time_from = 10
                $0.sending_wait_time_to = 20
                $0.daily_sending_limit = 5500
            } == [])
    }

    @Test func everyMissingRequiredFieldIsReported() {
        let all = Validation.manualBulk(ManualBulkRequest(mailboxes: [ManualMailbox()])).map(\.description)
        #expect(
            all == [
                "mailboxes[0].smtp_email: must be provided", "mailboxes[0].smtp_password: must be provided",
                "mailboxes[0].smtp_server: must be provided", "mailboxes[0].smtp_port: must be provided",
                "mailboxes[0].imap_email: must be provided", "mailboxes[0].imap_password: must be provided",
                "mailboxes[0].imap_server: must be provided", "mailboxes[0].imap_port: must be provided",
            ])
    }

    @Test(arguments: [
        ("smtp_email", "ann@", "mailboxes[0].smtp_email: must be a valid email address"),
        ("imap_email", "ann example.com", "mailboxes[0].imap_email: must be a valid email address"),
        ("smtp_password", "  ", "mailboxes[0].smtp_password: must not be blank"),
        ("smtp_login", "", "mailboxes[0].smtp_login: must not be blank"),
        ("smtp_from_name", " ", "mailboxes[0].smtp_from_name: must not be blank"),
        ("footer", "", "mailboxes[0].footer: must not be blank"),
        ("bcc", "nope", "mailboxes[0].bcc: must be a valid email address"),
        (
            "click_tracking_domain", "http://x.com",
            "mailboxes[0].click_tracking_domain: must be a valid domain such as track.example.com"
        ),
        (
            "unsubscribe_tracking_domain", "localhost",
            "mailboxes[0].unsubscribe_tracking_domain: must be a valid domain such as track.example.com"
        ),
    ])
    func textRules(field: String, value: String, expected: String) {
        let result = problems { mailbox in
            switch field {
            case "smtp_email": mailbox.smtp_email = value
            case "imap_email": mailbox.imap_email = value
            case "smtp_password": mailbox.smtp_password = value
            case "smtp_login": mailbox.smtp_login = value
            case "smtp_from_name": mailbox.smtp_from_name = value
            case "footer": mailbox.footer = value
            case "bcc": mailbox.bcc = value
            case "click_tracking_domain": mailbox.click_tracking_domain = value
            default: mailbox.unsubscribe_tracking_domain = value
            }
        }
        #expect(result == [expected])
    }

    @Test func portsAndLimits() {
        #expect(problems { $0.smtp_port = 0 } == ["mailboxes[0].smtp_port: must be in 1…65535, got 0"])
        #expect(problems { $0.imap_port = 65536 } == ["mailboxes[0].imap_port: must be in 1…65535, got 65536"])
        #expect(
            problems { $0.daily_sending_limit = 5501 } == [
                "mailboxes[0].daily_sending_limit: must be in 1…5500, got 5501"
            ])
        #expect(
            problems { $0.daily_sending_limit = 0 } == ["mailboxes[0].daily_sending_limit: must be in 1…5500, got 0"])
    }

    @Test func waitTimesComeInOrderedPairs() {
        #expect(
            problems { $0.sending_wait_time_from = 30 } == [
                "mailboxes[0].sending_wait_time_from: requires sending_wait_time_to"
            ])
        #expect(
            problems { $0.sending_wait_time_to = 30 } == [
                "mailboxes[0].sending_wait_time_to: requires sending_wait_time_from"
            ])
        #expect(
            problems {
                $0.sending_wait_time_from = 50
                $0.sending_wait_time_to = 40
            } == [
                "mailboxes[0].sending_wait_time_from: must be smaller than sending_wait_time_to (50 ≥ 40)"
            ])
        #expect(
            problems {
                $0.sending_wait_time_from = 9
                $0.sending_wait_time_to = 19
            } == [
                "mailboxes[0].sending_wait_time_from: must be in 10…9999, got 9",
                "mailboxes[0].sending_wait_time_to: must be in 20…9999, got 19",
            ])
    }

    @Test func batchSizeDuplicatesAndNotifications() {
        #expect(
            Validation.manualBulk(ManualBulkRequest(mailboxes: [])).map(\.description) == [
                "mailboxes: must hold at least one mailbox"
            ])
        let many = ManualBulkRequest(
            mailboxes: (0..<201).map { index in
                var mailbox = Self.valid
                mailbox.smtp_email = "u\(index)@example.com"
                return mailbox
            })
        #expect(
            Validation.manualBulk(many).map(\.description) == ["mailboxes: must hold at most 200 mailboxes, got 201"])
        let duplicated = ManualBulkRequest(
            mailboxes: [Self.valid, Self.valid, Self.valid], completion_notification_types: ["MAIL", "SMS"])
        #expect(
            Validation.manualBulk(duplicated).map(\.description) == [
                "mailboxes[1].smtp_email: duplicates mailboxes[0].smtp_email",
                "mailboxes[2].smtp_email: duplicates mailboxes[0].smtp_email",
                "completion_notification_types[1]: must be MAIL, got SMS",
            ])
    }

    @Test func allProblemsOfAllMailboxesAtOnce() {
        var second = Self.valid
        second.smtp_email = "bob@example.com"
        second.smtp_port = 70000
        second.imap_server = ""
        let result = Validation.manualBulk(
            ManualBulkRequest(mailboxes: [Self.valid, second, ManualMailbox(smtp_email: "x")]))
        #expect(result.count == 2 + 8)
        #expect(result.first?.description == "mailboxes[1].smtp_port: must be in 1…65535, got 70000")
    }

    @Test func microsoftRules() {
        #expect(
            Validation.microsoftBulk(
                MicrosoftBulkRequest(accounts: [MicrosoftAccount(mailbox_email: "jim@example.com")])) == [])
        let bad = MicrosoftBulkRequest(
            auth_type: "DELEGATED", credential_id: 0,
            accounts: [
                MicrosoftAccount(mailbox_email: nil),
                MicrosoftAccount(mailbox_email: "a@example.com", display_name: " "),
                MicrosoftAccount(mailbox_email: "A@example.com"),
            ])
        #expect(
            Validation.microsoftBulk(bad).map(\.description) == [
                "auth_type: must be APP_ONLY, got DELEGATED", "credential_id: must be a positive id, got 0",
                "accounts[0].mailbox_email: must be provided", "accounts[1].display_name: must not be blank",
                "accounts[2].mailbox_email: duplicates accounts[1].mailbox_email",
            ])
        #expect(
            Validation.microsoftBulk(MicrosoftBulkRequest(accounts: [])).map(\.description) == [
                "accounts: must hold at least one mailbox"
            ])
    }

    @Test func saleshandyRules() {
        let good = SaleshandyEmailAccount(
            emailServiceProvider: "gsuite", smtpEmailAddress: "j@example.com", smtpPassword: "p",
            smtpHost: "smtp.gmail.com", smtpPort: 465,
            smtpEncryption: "ssl", imapEmailAddress: "j@example.com", imapPassword: "p", imapHost: "imap.gmail.com",
            imapPort: 993, imapEncryption: "tls")
        #expect(Validation.saleshandyAccounts([good]) == [])
        var bad = good
        bad.emailServiceProvider = "yahoo"
        bad.smtpEncryption = "starttls"
        bad.imapPort = nil
        bad.fromFirstName = ""
        #expect(
            Validation.saleshandyAccounts([good, bad]).map(\.description) == [
                "[1].emailServiceProvider: must be one of gsuite, microsoft, smtp, got yahoo",
                "[1].fromFirstName: must not be blank",
                "[1].smtpEncryption: must be one of ssl, tls, none, got starttls", "[1].imapPort: must be provided",
                "[1].smtpEmailAddress: duplicates [0].smtpEmailAddress",
            ])
        #expect(Validation.saleshandyAccounts([]).map(\.description) == ["must hold at least one email account"])
    }
}
