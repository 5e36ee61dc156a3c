import OutreachAPI

/// `mailbox list` as a person reads it: one row per mailbox, the SMTP entry with its IMAP twin
/// (linked by `details.imap_id`) folded in — its status, daily limit, sent today and the
/// connection error of either — while `type`, `details` and the twin's id stay for scripts
/// (`where type == "SMTP"`, `get details.email`). `--raw` gives the API's entries instead.
enum MailboxRows {
    /// The columns a table shows.
    static let shown = ["id", "email", "status", "daily_limit", "sent_today", "error"]

    /// One record per mailbox, in the API's order, each IMAP twin folded into its SMTP entry.
    static func folded(_ mailboxes: [Mailbox]) -> [Value] {
        var byID: [Int: Mailbox] = [:]
        for mailbox in mailboxes { byID[mailbox.id] = mailbox }
        let twins = Set(mailboxes.compactMap(\.details.imap_id))
        return mailboxes.filter { !twins.contains($0.id) }.map { mailbox in
            let twin = mailbox.details.imap_id.flatMap { byID[$0] }
            let errors = [mailbox.details.error, twin?.details.error].compactMap { $0 }.filter { !$0.isEmpty }
            var record = Record()
            record["id"] = .int(mailbox.id)
            record["email"] = .string(mailbox.details.email)
            record["status"] = .string(errors.isEmpty ? "connected" : "connected conditionally")
            record["daily_limit"] = mailbox.details.daily_limit.map(Value.int) ?? .null
            record["sent_today"] = mailbox.details.sent_today.map(Value.int) ?? .null
            // "Connected conditionally." and the twin's "IMAP connection failed: …" read as one.
            record["error"] =
                errors.isEmpty
                ? .null
                : .string(
                    errors.enumerated().map { index, text in
                        index < errors.count - 1 && text.hasSuffix(".") ? String(text.dropLast()) : text
                    }.joined(separator: ": "))
            record["type"] = .string(mailbox.type)
            record["imap_id"] = twin.map { .int($0.id) } ?? .null
            record["details"] = (try? ValueEncoder().encode(mailbox.details)) ?? .null
            record.shownColumns = shown
            return .record(record)
        }
    }
}
