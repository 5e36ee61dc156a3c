import Foundation
import OutreachAPI
import WPSLanguage

/// What the campaigns-as-code commands (`campaign export|lint|preview|diff|apply`) share.
enum AuthoringCommands {
    /// The campaign spec a command reads.
    static let file = Positional<String>("file", .file, read: .text)

    /// What `--allow-edit` does to a campaign's status, as `campaign diff` tells it.
    static func statusPlan(_ campaign: Campaign) -> String {
        let status = campaign.status.rawValue
        switch campaign.status {
        case .running: return "\(status) → EDITED (make_editable, not sending) while changing, then run again → RUNNING"
        case .stopped: return "\(status) → EDITED (make_editable) while changing, then stop again → STOPPED"
        case .paused: return "\(status) → EDITED (make_editable); it stays EDITED (not sending) until `campaign run`"
        default: return "\(status) → EDITED (make_editable)"
        }
    }

    /// After `--allow-edit`, the campaign goes back to the status it had: a RUNNING one is run
    /// again, a STOPPED one stopped again; a PAUSED one stays EDITED (not sending either), which
    /// is said. A refusal is an error (exit 1) saying the changes were applied.
    static func restore(_ id: Int, to status: CampaignStatus, session: Session, command: Command) async throws {
        let action: Woodpecker.CampaignAction.Action
        switch status {
        case .running: action = .run
        case .stopped: action = .stop
        case .paused:
            session.settings.progress(
                "campaign \(id) was PAUSED and is now EDITED (not sending): `campaign run \(id)` sends again")
            return
        default: return
        }
        do {
            _ = try await session.connection.client.send(Woodpecker.CampaignAction(id: id, action: action))
            session.settings.progress("campaign \(id): EDITED → \(status.rawValue) again")
        } catch let error as OutreachError {
            throw RuntimeError(
                "the changes were applied, but campaign \(id) could not be made \(status.rawValue) again; it is EDITED (not sending):\n  \(error.description)",
                at: command.range, exitCode: 1)
        }
    }

    static func report(campaign: Campaign, plan: CampaignPlan, applied: Bool) -> Value {
        .record([
            "campaign_id": .int(campaign.id), "status": .string(campaign.status.rawValue), "created": .bool(false),
            "changes": .list(plan.changes.map { .string($0.description) }), "applied": .bool(applied),
            "not_changeable": .list(plan.unchangeable.map(Value.string)),
        ])
    }

    static func load(_ path: String, command: Command) throws -> CampaignSpec {
        try read(path, command: command).spec
    }

    static func read(_ path: String, command: Command) throws -> (spec: CampaignSpec, locator: YAMLLocator) {
        do {
            return try CampaignSpec.read(path)
        } catch {
            throw RuntimeError(error.message, at: command.positionals.last?.range ?? command.range)
        }
    }

    /// Every problem of a spec file, located (see ``CampaignSpec/lint(_:)``).
    static func lint(_ path: String, command: Command) throws -> (spec: CampaignSpec, problems: [String]) {
        do {
            return try CampaignSpec.lint(path)
        } catch {
            throw RuntimeError(error.message, at: command.positionals.last?.range ?? command.range)
        }
    }

    /// A spec that passed every offline check; otherwise every problem at once.
    static func checked(_ path: String, command: Command) throws -> CampaignSpec {
        let (spec, problems) = try lint(path, command: command)
        guard problems.isEmpty else {
            let count = "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
            throw RuntimeError(
                "\(count) in \(path); nothing was sent:\n  " + problems.joined(separator: "\n  "), at: command.range)
        }
        return spec
    }
}

extension Value {
    /// The `id` of a record (`$c`), for commands that take a campaign.
    var recordID: Int? {
        if case .record(let record) = self, case .int(let id)? = record["id"] { return id }
        return nil
    }
}
