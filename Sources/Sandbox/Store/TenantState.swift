import OutreachAPI

/// Everything one account (one API key) holds in the sandbox.
struct TenantState: Codable, Sendable {
    /// The account's number, for `GET /rest/v1/me`.
    var number: Int
    /// The id of the account's one Microsoft Graph credential.
    var credentialID: Int
    /// Whether the account lacks paid features (keys starting `free-`): A/B tests answer 403.
    var isFreePlan: Bool
    var mailboxes: [Int: Mailbox] = [:]
    var mailboxOrder: [Int] = []
    var batches: [Int: BatchRecord] = [:]
    var campaigns: [Int: Campaign] = [:]
    var campaignOrder: [Int] = []
    var connectRequests: [String: ConnectRecord] = [:]

    /// SMTP emails of connected mailboxes (lower-cased).
    var connectedEmails: Set<String> {
        Set(mailboxes.values.filter { $0.type == "SMTP" }.map { $0.details.email.lowercased() })
    }

    /// SMTP emails still being processed in some batch (lower-cased).
    func pendingEmails(at now: Double) -> Set<String> {
        var result = Set<String>()
        for batch in batches.values where batch.settled < batch.entries.count {
            for entry in batch.entries[batch.settled...] { result.insert(entry.smtpEmail.lowercased()) }
        }
        return result
    }

    /// The batch each submitted SMTP email (lower-cased) was last accepted in, unless it failed:
    /// the sandbox names it in a 409 so a client that lost the 202 can reconcile.
    var batchOfEmails: [String: Int] {
        var result: [String: Int] = [:]
        for batch in batches.values.sorted(by: { $0.id < $1.id }) {
            for (index, entry) in batch.entries.enumerated() where index >= batch.settled || entry.outcome != .failed {
                result[entry.smtpEmail.lowercased()] = batch.id
            }
        }
        return result
    }

    /// The ids campaigns may use: SMTP mailboxes.
    var emailAccountIDs: Set<Int> { Set(mailboxes.values.filter { $0.type == "SMTP" }.map(\.id)) }

    mutating func addMailbox(_ mailbox: Mailbox) {
        mailboxes[mailbox.id] = mailbox
        mailboxOrder.append(mailbox.id)
    }
}
