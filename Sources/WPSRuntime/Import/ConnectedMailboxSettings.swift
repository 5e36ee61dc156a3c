import OutreachAPI

/// The settings of the account's connected mailboxes (`GET mailboxes`), asked for once when an
/// import first meets a mailbox the API says is already connected, to tell which of a row's
/// settings that mailbox was not connected with.
///
/// The API refuses a connected mailbox (409) and keeps its settings, so a re-imported row with
/// a new daily limit or from-name changes nothing: ``unapplied(_:)`` names those fields so the
/// import can say so instead of reporting the row as connected.
actor ConnectedMailboxSettings {
    private let client: OutreachClient
    /// Lower-cased SMTP email → the connected mailbox's details; nil until first asked.
    private var byEmail: [String: Mailbox.Details]?

    init(client: OutreachClient) {
        self.client = client
    }

    /// For each of `mailboxes` (index → mailbox, all said to be connected already), the fields
    /// whose values differ from those the connected mailbox of its email has, by the API's names;
    /// left out when they agree, a field is left out of the row, or no connected mailbox has
    /// that email. The list is read again at most once a call, for mailboxes connected since it
    /// was read (earlier in this import). Passwords are never compared: the API does not show them.
    func unapplied(_ mailboxes: [Int: ManualMailbox]) async throws -> [Int: [String]] {
        let emails = mailboxes.mapValues { ($0.smtp_email ?? "").lowercased() }
        if byEmail == nil || emails.values.contains(where: { byEmail?[$0] == nil }) {
            let all = try await client.send(Woodpecker.ListMailboxes())
            var table: [String: Mailbox.Details] = [:]
            for connected in all where connected.type == "SMTP" {
                table[connected.details.email.lowercased()] = connected.details
            }
            byEmail = table
        }
        var result: [Int: [String]] = [:]
        for (index, mailbox) in mailboxes {
            guard let email = emails[index], let details = byEmail?[email] else { continue }
            let fields = Self.differences(mailbox, details)
            if !fields.isEmpty { result[index] = fields }
        }
        return result
    }

    /// The row's fields that differ from the connected mailbox's details (fields the row leaves
    /// out keep what is there, so they never differ).
    static func differences(_ mailbox: ManualMailbox, _ details: Mailbox.Details) -> [String] {
        var fields: [String] = []
        func compare<Value: Equatable>(_ name: String, _ wanted: Value?, _ connected: Value?) {
            if let wanted, wanted != connected { fields.append(name) }
        }
        compare("smtp_login", mailbox.smtp_login?.lowercased(), details.login?.lowercased())
        compare("smtp_server", mailbox.smtp_server?.lowercased(), details.server?.lowercased())
        compare("smtp_port", mailbox.smtp_port, details.port)
        compare("smtp_from_name", mailbox.smtp_from_name, details.from_name)
        compare("daily_sending_limit", mailbox.daily_sending_limit, details.daily_limit)
        compare("sending_wait_time_from", mailbox.sending_wait_time_from, details.frequency_from)
        compare("sending_wait_time_to", mailbox.sending_wait_time_to, details.frequency_to)
        return fields
    }
}
