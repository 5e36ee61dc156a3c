import OutreachAPI
import WPSLanguage

/// Destructive commands (`campaign delete`, `campaign stop`, `step delete`) ask first, as gh
/// does: on a terminal a `[y/N]` question naming what will go; `--yes` skips it; without a
/// terminal they refuse (exit 2) naming `--yes`, having sent nothing. `--dry-run` never asks.
/// `prospect add --force` asks the same way before it admits a BLACKLIST prospect.
enum Confirmation {
    /// Returns when the command may go ahead; `question` (which may fetch what it names) runs
    /// only when there is someone to ask. The refusal without a terminal says `why` the command
    /// needs a yes (`cannot be undone`) and what became of it (`nothing was sent`).
    static func ask(
        _ invocation: Invocation, session: Session, why: String = "cannot be undone",
        untouched: String = "nothing was sent", question: () async throws -> String
    ) async throws {
        let command = invocation.command
        guard let confirm = try asker(invocation, session: session, why: why, untouched: untouched) else { return }
        let text = try await question()
        guard confirm(text + " [y/N] ") else {
            throw RuntimeError(
                "'\(command.name)' not confirmed: nothing was changed", at: command.nameRange, exitCode: 1)
        }
    }

    /// Who to ask: nil when nobody need be asked (a dry run, `--yes`); without a terminal, the
    /// refusal naming `--yes`, before anything is sent. A command that checks what the API would
    /// refuse calls this first, so a run without a terminal still sends nothing.
    static func asker(
        _ invocation: Invocation, session: Session, why: String = "cannot be undone",
        untouched: String = "nothing was sent"
    ) throws -> (@Sendable (String) -> Bool)? {
        let command = invocation.command
        if session.settings.dryRun { return nil }
        if invocation[SharedFlags.yes] == true { return nil }
        guard let confirm = session.settings.confirm else {
            throw RuntimeError(
                "'\(command.name)' \(why) and there is no terminal to ask on: add --yes to do it (\(untouched))",
                at: command.nameRange)
        }
        return confirm
    }

    /// `777001 "Q4 outreach" (RUNNING, 3 steps)`.
    static func describe(_ campaign: Campaign) -> String {
        let steps = max(campaign.steps.path.count - 1, 0)
        return
            "\(campaign.id) \"\(campaign.name)\" (\(campaign.status.rawValue), \(steps) step\(steps == 1 ? "" : "s"))"
    }
}
