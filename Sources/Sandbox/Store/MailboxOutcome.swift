import OutreachAPI

/// The sandbox's deterministic rule for how connecting a mailbox turns out.
///
/// In order: an SMTP host ending `.invalid` fails (the host cannot be resolved); else an IMAP
/// host ending `.invalid` connects conditionally; a password `wrong` fails authentication;
/// everything else connects.
enum MailboxOutcome: String, Codable, Sendable {
    case connected
    case conditionallyConnected
    case failed

    static func decide(smtpHost: String, imapHost: String, email: String, passwords: [String?]) -> (
        MailboxOutcome, String?
    ) {
        if smtpHost.lowercased().hasSuffix(".invalid") {
            return (.failed, "SMTP connection failed: cannot resolve host \(smtpHost)")
        }
        if imapHost.lowercased().hasSuffix(".invalid") {
            return (.conditionallyConnected, nil)
        }
        if passwords.contains("wrong") {
            return (.failed, "Authentication failed for \(email)")
        }
        return (.connected, nil)
    }
}

/// One mailbox of a submitted batch, without its passwords (the sandbox never keeps them).
struct BatchEntry: Codable, Sendable {
    var requestID: Int
    var smtpEmail: String
    var smtpLogin: String?
    var smtpServer: String
    var smtpPort: Int
    var fromName: String?
    var imapEmail: String
    var imapServer: String
    var imapPort: Int
    var dailyLimit: Int?
    var waitFrom: Int?
    var waitTo: Int?
    var outcome: MailboxOutcome
    var error: String?
}

/// A submitted manual-connection batch. Entry `i` of `n` resolves at
/// `submittedAt + duration × (i + 1) / n`.
struct BatchRecord: Codable, Sendable {
    var id: Int
    var submittedAt: Double
    var duration: Double
    var entries: [BatchEntry]
    /// How many entries have been resolved and, when connected, turned into mailboxes.
    var settled = 0

    func resolvesAt(_ index: Int) -> Double {
        submittedAt + duration * Double(index + 1) / Double(max(entries.count, 1))
    }

    func resolvedCount(at now: Double) -> Int {
        guard duration > 0 else { return entries.count }
        var count = 0
        while count < entries.count, resolvesAt(count) <= now { count += 1 }
        return count
    }

    func summary(at now: Double) -> BatchSummary {
        let done = entries.prefix(resolvedCount(at: now))
        func request(_ entry: BatchEntry, error: Bool) -> BatchSummary.ConnectionRequest {
            .init(
                connection_request_id: entry.requestID, smtp_email: entry.smtpEmail, smtp_login: entry.smtpLogin,
                imap_email: entry.imapEmail, error_message: error ? entry.error : nil)
        }
        let conditional = done.filter { $0.outcome == .conditionallyConnected }
        return BatchSummary(
            processing_finished: done.count == entries.count, batch_size: entries.count,
            pending_mailboxes_count: entries.count - done.count,
            connected_mailboxes_count: done.filter { $0.outcome == .connected }.count,
            conditionally_connected_mailboxes_count: conditional.count,
            conditionally_connected_mailboxes: conditional.map { request($0, error: false) },
            failed_mailboxes: done.filter { $0.outcome == .failed }.map { request($0, error: true) })
    }
}
