import Foundation
import OutreachAPI
import Preflight
import WPSLanguage

/// An import target whose rows are mailboxes `--verify` can log in to.
protocol VerifiableTarget: ImportTarget {
    /// The SMTP and IMAP logins one row describes.
    func logins(of item: Item, line: String, settings: MailboxLogins.Settings) -> MailboxLogins
}

extension ManualMailboxTarget: VerifiableTarget {
    func logins(of item: ManualMailbox, line: String, settings: MailboxLogins.Settings) -> MailboxLogins {
        MailboxLogins(line: line, mailbox: item, settings: settings)
    }
}

/// `mailbox import --verify`: every row about to be sent is logged in to first, as
/// `mailbox verify` does it (its defaults: 8 mailboxes at once, 2 connections per host, 15 s per
/// connection, certificates against the system's roots and `--ca-file`); the rows that fail are
/// kept back with their reason. Under `--dry-run` the connections are listed and none is made.
enum ImportVerification {
    static let flag = Flag<Bool>(
        "verify",
        "log in to each row's SMTP and IMAP servers first (as mailbox verify does) and send only the rows that pass; "
            + "the others are reported and not sent (exit 1 unless --skip-invalid)")

    /// The importer's hook for `--verify`, or nil when it is not given.
    static func hook<Target: VerifiableTarget>(
        _ invocation: Invocation, _ interpreter: Interpreter, target: Target, session: Session, progress: ProgressLine
    ) throws -> (([MailboxImporter<Target>.RowToVerify]) async throws -> [Int: (email: String, reason: String)])? {
        guard invocation[flag] == true else { return nil }
        let settings = try MailboxVerifyCommand.loginSettings(invocation, interpreter)
        let dryRun = session.settings.dryRun
        let show = session.settings.dryRunOutput
        return { rows in
            let mailboxes = rows.map { target.logins(of: $0.item, line: $0.place, settings: settings) }
            if dryRun {
                for mailbox in mailboxes {
                    for connection in mailbox.plannedConnections {
                        show("── dry run: would verify: \(connection) (line \(mailbox.line))")
                    }
                }
                return [:]
            }
            progress.note(
                "verifying \(mailboxes.count) \(MailboxVerifyCommand.mailboxNoun(mailboxes.count)) before sending")
            let verdicts = await MailboxVerifier(progress: progress).run(mailboxes)
            try Task.checkCancellation()
            progress.note(MailboxVerifyCommand.summary(verdicts, of: mailboxes.count))
            var failures: [Int: (email: String, reason: String)] = [:]
            for (row, verdict) in zip(rows, verdicts) where !verdict.passed {
                failures[row.row] = (verdict.email, verdict.failureReason)
            }
            return failures
        }
    }

    /// When `--verify` kept rows back and `--skip-invalid` was not given: exit 1, the records
    /// of what was sent as the result.
    static func failIfRowsWereKeptBack(
        _ unverified: LineSet, of places: RowPlaces, source: String, records: Value, invocation: Invocation
    ) throws {
        guard !unverified.isEmpty, invocation[SharedFlags.skipInvalid] != true else { return }
        let count = unverified.count
        var error = RuntimeError(
            "\(count) row\(count == 1 ? "" : "s") of \(source) failed verification and \(count == 1 ? "was" : "were") "
                + "not sent (lines \(places.describe(unverified))): fix \(count == 1 ? "it" : "them") and run the same "
                + "command again to send only \(count == 1 ? "it" : "those"), or --skip-invalid to leave \(count == 1 ? "it" : "them") out",
            at: invocation.command.range, exitCode: 1)
        error.result = records
        throw error
    }
}
