import OutreachAPI
import WPSLanguage

/// Flags several commands take, declared once.
enum SharedFlags {
    /// `--yes`, which every destructive command takes.
    static let yes = Flag<Bool>(FlagDescriptor.yes, read: .bool)

    static let provider = Flag<Provider>(
        "provider", .choice(Provider.names),
        Provider.names.enumerated().map { $0.offset == 0 ? "\($0.element) (default)" : $0.element }
            .joined(separator: " or "), default: Provider.default.rawValue, read: .provider)

    /// The campaign a step is in, for `step …` and `version set`.
    static let campaign = Flag<Int>(
        "campaign", .campaignID, "the campaign (default: the one the step was seen in)", read: .integer)

    /// `--delimiter` of the imports: forces the CSV delimiter the header line would otherwise tell.
    static let delimiter = Flag<UInt8>(
        "delimiter", .delimiter, "the CSV delimiter: , ; or tab (default: told from the header)", read: .delimiter)

    /// `--report` of the imports: every problem the check finds.
    static let problemReport = Flag<String>(
        "report", .file, "write every problem the check finds to a CSV file (line, field, message)")

    static let skipInvalid = Flag<Bool>("skip-invalid", "send the valid rows and list the skipped ones")

    /// `--ignore-column` of the imports: a column the file has that no field should take.
    static let ignoreColumn = Flag<String>(
        "ignore-column", .string,
        "leave out a column of the file: its name as the header spells it (any case), or the number of one without a name",
        repeatable: true)

    /// `--encoding` of the imports: how the file is written, when not UTF-8.
    static let encoding = Flag<String>(
        "encoding", .choice(ImportSource.Encoding.allCases.map(\.rawValue)),
        "how the file is written: utf-8 (the default; a UTF-16 file with a byte-order mark is read as such), utf-16, cp1252 (Excel's \"CSV (Windows)\"), latin1"
    )

    /// `--map` of the imports: a column of the file read as one the import knows.
    static let columnMap = Flag<String>(
        "map", .string,
        "read a column of the file as one the import knows: \"SMTP Host=smtp_server,Sending Limit=daily_limit\" (names in any case, spaces or hyphens)",
        repeatable: true)

    // MARK: Campaign settings (`campaign new`, `campaign set`)

    static let accounts = Flag<[Int]>(
        "accounts", .list(.mailboxID), "email account (SMTP mailbox) ids: 1,2,3", fields: ["email_account_ids"],
        read: .integers)
    static let timezone = Flag<String>(
        "timezone", .timezone, "an IANA time zone such as Europe/Berlin", fields: ["timezone"])
    static let prospectTimezone = Flag<Bool>(
        "prospect-timezone", "send in each prospect's time zone", fields: ["prospect_timezone"])
    static let dailyEnroll = Flag<Int>(
        "daily-enroll", "emails per day from the campaign (> 0)", fields: ["daily_enroll"])
    static let gdprUnsubscribe = Flag<Bool>(
        "gdpr-unsubscribe", "GDPR-compliant unsubscribe", fields: ["gdpr_unsubscribe"])
    static let listUnsubscribe = Flag<Bool>(
        "list-unsubscribe", "a List-Unsubscribe header", fields: ["list_unsubscribe"])

    static let campaignSettings: [any FlagReading] = [
        accounts, timezone, prospectTimezone, dailyEnroll, gdprUnsubscribe, listUnsubscribe,
    ]

    /// The settings flags given, as the API's settings object.
    static func settings(_ invocation: Invocation) -> CampaignSettings {
        CampaignSettings(
            timezone: invocation[timezone], prospect_timezone: invocation[prospectTimezone],
            daily_enroll: invocation[dailyEnroll], gdpr_unsubscribe: invocation[gdprUnsubscribe],
            list_unsubscribe: invocation[listUnsubscribe])
    }

    // MARK: An email step (`campaign new`, `step add`)

    static let subject = Flag<String>(
        "subject", .string, "the subject (once per A/B version)", repeatable: true, fields: ["subject"],
        read: .snippetText)
    static let message = Flag<String>(
        "message", .string, "the message body, or @file.html / @file.md (once per version)", repeatable: true,
        fields: ["message"], read: .messageBody)
    static let signature = Flag<Signature>(
        "signature", .signature, "SENDER or NO_SIGNATURE", fields: ["signature"], default: "SENDER", read: .signature)
    static let trackOpens = Flag<Bool>("track-opens", "track opens", fields: ["track_opens"], default: "false")
    static let window = Flag<DeliveryTime>(
        "window", .window, "when to send: MON-FRI 08:00-18:00", fields: ["delivery_time"],
        default: "MON-FRI 09:00-17:00", read: .window)
    /// A step's own `followup_after`: the wait after it before the next step, as the campaign
    /// spec's `wait` is.
    static let wait = Flag<FollowupAfter>(
        "wait", .duration, "how long after this step the next step is sent: 3d or 13h (default 1d)",
        fields: ["followup_after"], default: "1d", read: .wait)

    static let emailStep: [any FlagReading] = [subject, message, signature, trackOpens, window, wait]

    /// An EMAIL step from `--subject`/`--message` pairs (one per A/B version), `--window`,
    /// `--signature`, `--track-opens` and `--wait`. Without `--window` it sends MON-FRI 09:00-17:00.
    static func emailStep(_ invocation: Invocation) throws -> Step {
        let subjects = invocation.all(subject)
        let messages = invocation.all(message)
        let count = max(subjects.count, messages.count, 1)
        let signature = invocation[signature] ?? .sender
        let track = invocation[trackOpens] ?? false
        let versions = (0..<count).map { index in
            EmailVersion(
                subject: subjects.indices.contains(index) ? subjects[index] : nil,
                message: messages.indices.contains(index) ? messages[index] : messages.last, signature: signature,
                track_opens: track)
        }
        let defaultWindow = (try? WindowNotation.parse("MON-FRI 09:00-17:00")) ?? DeliveryTime()
        var step = Step.email(versions: versions, deliveryTime: invocation[window] ?? defaultWindow)
        // --wait is the step's own followup_after: the wait after it before the next step.
        if let wait = invocation[wait] { step.followup_after = wait }
        return step
    }
}
