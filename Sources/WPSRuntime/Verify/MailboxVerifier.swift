import Preflight

/// Verifies mailboxes: each one's SMTP login, then its IMAP login, at most `parallel`
/// mailboxes at once and at most `perHost` connections to one server host; progress as it goes.
///
/// Cancelled (Ctrl-C), it stops and returns the mailboxes it had finished, in source order.
struct MailboxVerifier {
    var parallel = 8
    var perHost = 2
    let progress: ProgressLine

    func run(_ mailboxes: [MailboxLogins]) async -> [MailboxVerdict] {
        let slots = HostSlots(limit: perHost)
        var verdicts: [Int: MailboxVerdict] = [:]
        await withTaskGroup(of: (Int, MailboxVerdict?).self) { group in
            var next = 0
            func startOne() {
                guard next < mailboxes.count else { return }
                let index = next
                let mailbox = mailboxes[index]
                next += 1
                group.addTask { (index, await Self.verify(mailbox, slots: slots)) }
            }
            for _ in 0..<min(max(1, parallel), mailboxes.count) { startOne() }
            while let (index, verdict) = await group.next() {
                if let verdict { verdicts[index] = verdict }
                // A log (stderr not a terminal) gets a line every 5%, not one per mailbox.
                let step = progress.isTerminal ? 1 : max(1, mailboxes.count / 20)
                if verdicts.count % step == 0 || verdicts.count == mailboxes.count {
                    progress.update(
                        "checked \(verdicts.count) of \(mailboxes.count) \(MailboxVerifyCommand.mailboxNoun(mailboxes.count))",
                        done: verdicts.count, total: mailboxes.count)
                }
                if Task.isCancelled {
                    group.cancelAll()
                } else {
                    startOne()
                }
            }
        }
        progress.finish()
        return verdicts.sorted { $0.key < $1.key }.map(\.value)
    }

    /// One mailbox; nil when cancelled before both logins were checked.
    static func verify(_ mailbox: MailboxLogins, slots: HostSlots) async -> MailboxVerdict? {
        let nothing = LoginOutcome(.skipped, "no server given")
        var smtp = nothing
        if let login = mailbox.smtp {
            smtp = await slots.withSlot(login.host) { await SMTPLogin.check(login) }
        }
        if Task.isCancelled { return nil }
        var imap = nothing
        if let login = mailbox.imap {
            imap = await slots.withSlot(login.host) { await IMAPLogin.check(login) }
        }
        if Task.isCancelled { return nil }
        return MailboxVerdict(line: mailbox.line, email: mailbox.email, smtp: smtp, imap: imap)
    }
}
