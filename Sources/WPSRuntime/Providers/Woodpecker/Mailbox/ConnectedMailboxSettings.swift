import OutreachAPI

/// The settings of the account's connected mailboxes (`GET mailboxes`), asked for once when an
/// import first meets a mailbox the API says is already connected, to tell which of a row's
/// settings that mailbox was not connected with.
///
/// The API refuses a connected mailbox (409) and keeps its settings, so a re-imported row with
/// a new daily limit or from-name changes nothing: ``unapplied(_:)`` names those fields so the
/// import can say so instead of reporting the row as connected.
///
/// Batches answered 409 at once share one read: the first caller starts it and the others
/// await the same task (an actor is re-entered while it awaits). The list is read again only
/// for an email not looked up before, and only when this import created a batch since it was
/// read (``batchCreated()``): a mailbox the list lacks (connected some other way, or not SMTP)
/// does not make every later 409 read it again.
actor ConnectedMailboxSettings {
    private let client: OutreachClient
    /// Lower-cased SMTP email → the connected mailbox's details, as last read.
    private var byEmail: [String: Mailbox.Details] = [:]
    /// The read under way, shared by every caller that needs it.
    private var reading: Task<[String: Mailbox.Details], any Error>?
    /// Batches created so far by the import, and how many there were when the list was read
    /// (nil before the first read).
    private var batches = 0
    private var readAfter: Int?
    /// Emails already looked up in a list read after they were met.
    private var lookedUp: Set<String> = []

    init(client: OutreachClient) {
        self.client = client
    }

    /// The import created a batch: mailboxes may be connected that the list read before lacks.
    func batchCreated() {
        batches += 1
    }

    /// For each of `mailboxes` (index → mailbox, all said to be connected already), the settings
    /// not applied: the fields whose values differ from those the connected mailbox of its email
    /// has, by the API's names (left out when they agree or the row leaves them out), and the
    /// fields the row gives that the API does not show (``unseen(_:)``). Left out when there are
    /// neither. Passwords are never compared: the API does not show them.
    func unapplied(_ mailboxes: [Int: ManualMailbox]) async throws -> [Int: UnappliedSettings] {
        let emails = mailboxes.mapValues { ($0.smtp_email ?? "").lowercased() }
        let table = try await list(needing: Set(emails.values))
        var result: [Int: UnappliedSettings] = [:]
        for (index, mailbox) in mailboxes {
            let email = emails[index] ?? ""
            let fields = table[email].map { Self.differences(mailbox, $0) } ?? []
            let unseen = Self.unseen(mailbox)
            if !fields.isEmpty || !unseen.isEmpty {
                result[index] = UnappliedSettings(email: mailbox.smtp_email ?? "", fields: fields, unseen: unseen)
            }
        }
        return result
    }

    /// The list, read now only when it never was, or when one of `emails` is new to it and a
    /// batch was created since it was read.
    private func list(needing emails: Set<String>) async throws -> [String: Mailbox.Details] {
        if let reading {
            let table = try await reading.value
            lookedUp.formUnion(emails)
            return table
        }
        let unknown = emails.subtracting(lookedUp).contains { byEmail[$0] == nil }
        let stale = readAfter.map { $0 < batches } ?? true
        if readAfter == nil || (unknown && stale) {
            let task = Task { [client] in try await Self.connectedSMTP(client) }
            reading = task
            readAfter = batches
            do {
                byEmail = try await task.value
                reading = nil
            } catch {
                reading = nil
                readAfter = nil
                throw error
            }
        }
        lookedUp.formUnion(emails)
        return byEmail
    }

    /// The account's connected SMTP mailboxes (`GET mailboxes`, IMAP and other types left out),
    /// by lower-cased email.
    static func connectedSMTP(_ client: OutreachClient) async throws -> [String: Mailbox.Details] {
        var table: [String: Mailbox.Details] = [:]
        for connected in try await client.send(Woodpecker.ListMailboxes()) where connected.type == "SMTP" {
            table[connected.details.email.lowercased()] = connected.details
        }
        return table
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

    /// The fields the row gives that `GET mailboxes` does not show, so cannot be compared: the
    /// passwords, the IMAP settings, footer, bcc and tracking domains. By name, never by value.
    static func unseen(_ mailbox: ManualMailbox) -> [String] {
        let given: [(String, Bool)] = [
            ("smtp_password", mailbox.smtp_password?.isEmpty == false),
            ("imap_email", mailbox.imap_email?.isEmpty == false),
            ("imap_password", mailbox.imap_password?.isEmpty == false),
            ("imap_server", mailbox.imap_server?.isEmpty == false),
            ("imap_port", mailbox.imap_port != nil),
            ("footer", mailbox.footer?.isEmpty == false),
            ("bcc", mailbox.bcc?.isEmpty == false),
            ("open_tracking_domain", mailbox.open_tracking_domain?.isEmpty == false),
            ("click_tracking_domain", mailbox.click_tracking_domain?.isEmpty == false),
            ("unsubscribe_tracking_domain", mailbox.unsubscribe_tracking_domain?.isEmpty == false),
        ]
        return given.filter(\.1).map(\.0)
    }
}
