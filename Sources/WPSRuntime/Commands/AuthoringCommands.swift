import Foundation
import OutreachAPI
import WPSLanguage

/// `campaign export|lint|preview|diff|apply`: campaigns as code.
enum AuthoringCommands {
    static func register(_ session: Session, into table: inout [String: Interpreter.CommandImplementation]) {
        table["campaign export"] = { _, command, interpreter in
            let campaign = try await session.send(Woodpecker.GetCampaign(id: try await CampaignCommands.id(command, &interpreter)), for: command)
            _ = try session.value(of: campaign)
            return .string(try CampaignSpec(campaign).yaml().trimmingCharacters(in: .newlines))
        }
        table["campaign lint"] = { _, command, interpreter in
            let path = try await file(command, at: 0, &interpreter)
            let (spec, problems) = try lint(path, command: command)
            guard problems.isEmpty else {
                let count = "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
                throw RuntimeError("\(count) in \(path):\n  " + problems.joined(separator: "\n  "), at: command.range)
            }
            return .string("\(path): ok (\(spec.steps.count) step\(spec.steps.count == 1 ? "" : "s"), \(spec.steps.reduce(0) { $0 + $1.versions.count }) versions)")
        }
        table["campaign preview"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            guard let target = try await args.positional(0, &interpreter) else { throw RuntimeError("campaign preview needs ID or FILE", at: command.range) }
            // The prospect is read first: a bad file stops the command before anything is sent.
            let fields = try await prospect(args, &interpreter)
            let spec: CampaignSpec
            if let id = Int(target.text) ?? (target.recordID) {
                spec = CampaignSpec(try await session.send(Woodpecker.GetCampaign(id: id), for: command))
            } else {
                spec = try load(target.text, command: command)
            }
            var rows: [Value] = []
            for (index, step) in spec.steps.enumerated() {
                for (v, version) in step.versions.enumerated() {
                    let letter = String(UnicodeScalar(UInt8(65 + v)))
                    rows.append(.record([
                        "step": .int(index + 1), "version": .string(letter), "window": .string(step.window),
                        "subject": version.subject.map { .string(SnippetLint.fill($0, from: fields)) } ?? .string("(same thread)"),
                        "message": .string(SnippetLint.fill(version.message ?? "", from: fields)),
                    ]))
                }
            }
            return .list(rows)
        }
        table["campaign diff"] = { _, command, interpreter in
            let id = try await CampaignCommands.id(command, &interpreter)
            let path = try await file(command, at: 1, &interpreter)
            let spec = try checked(path, command: command)
            let campaign = try await session.send(Woodpecker.GetCampaign(id: id), for: command)
            let plan = CampaignPlan.make(current: campaign, spec: spec)
            var result = report(campaign: campaign, plan: plan, applied: false)
            if !plan.changes.isEmpty, ![CampaignStatus.draft, .edited].contains(campaign.status), case .record(var record) = result {
                record["allow_edit"] = .string(statusPlan(campaign))
                result = .record(record)
            }
            return PlanText.attach(to: result, file: path)
        }
        table["campaign apply"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            let path = try await file(command, at: 0, &interpreter)
            let spec = try checked(path, command: command)
            var found: Campaign?
            if let id = spec.id {
                do {
                    found = try await session.client.send(Woodpecker.GetCampaign(id: id))
                } catch let error as OutreachError where error.apiError?.status == 404 {
                    session.progress("campaign \(id) of \(path) does not exist; creating it")
                }
            } else if let match = try await session.send(Woodpecker.ListCampaigns(), for: command).first(where: { $0.name == spec.name }) {
                found = try await session.send(Woodpecker.GetCampaign(id: match.id), for: command)
            }
            guard var campaign = found else {
                let created = try await session.send(Woodpecker.CreateCampaign(spec.draft()), for: command)
                _ = try session.value(of: created)
                return .record(["campaign_id": .int(created.id), "status": .string(created.status.rawValue), "created": .bool(true), "changes": .list([]), "not_changeable": .list([])])
            }
            let plan = CampaignPlan.make(current: campaign, spec: spec)
            if plan.changes.isEmpty {
                session.progress("campaign \(campaign.id) already matches \(path): nothing to change")
                return report(campaign: campaign, plan: plan, applied: false)
            }
            if ![CampaignStatus.draft, .edited].contains(campaign.status) {
                guard try await args.bool("allow-edit", &interpreter) == true else {
                    throw RuntimeError(
                        "campaign \(campaign.id) is \(campaign.status.rawValue): it can change only as DRAFT or EDITED; --allow-edit makes it editable first (POST make_editable)\nplanned:\n  " + plan.changes.map(\.description).joined(separator: "\n  "),
                        at: command.range)
                }
                _ = try await session.send(Woodpecker.CampaignAction(id: campaign.id, action: .makeEditable), for: command)
                session.progress("campaign \(campaign.id): \(campaign.status.rawValue) → EDITED (make_editable)")
            }
            let before = campaign.status
            for change in plan.changes {
                switch change {
                case .update(let patch, _):
                    campaign = try await session.send(Woodpecker.UpdateCampaign(id: campaign.id, patch), for: command)
                case .version(let step, let version, let patch, _):
                    _ = try await session.send(Woodpecker.UpdateVersion(campaignID: campaign.id, stepID: step, versionID: version, patch), for: command)
                case .addStep(let step, _):
                    guard let leaf = campaign.steps.leaf.id else { continue }
                    campaign = try await session.send(Woodpecker.AddStep(campaignID: campaign.id, NewStepRequest(parent_id: leaf, step: step)), for: command)
                case .deleteStep(let step, _):
                    campaign = try await session.send(Woodpecker.DeleteStep(campaignID: campaign.id, stepID: step), for: command)
                }
                session.progress("applied: \(change.description)")
            }
            try await restore(campaign.id, to: before, session: session, command: command)
            let final = try await session.send(Woodpecker.GetCampaign(id: campaign.id), for: command)
            _ = try session.value(of: final)
            var result = report(campaign: final, plan: plan, applied: true)
            if case .record(var record) = result {
                record["status_before"] = .string(before.rawValue)
                result = .record(record)
            }
            return PlanText.attach(to: result, file: path)
        }
    }

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
            session.progress("campaign \(id) was PAUSED and is now EDITED (not sending): `campaign run \(id)` sends again")
            return
        default: return
        }
        do {
            _ = try await session.client.send(Woodpecker.CampaignAction(id: id, action: action))
            session.progress("campaign \(id): EDITED → \(status.rawValue) again")
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

    static func file(_ command: Command, at index: Int, _ interpreter: inout Interpreter) async throws -> String {
        guard let value = try await CommandArguments(command: command).positional(index, &interpreter) else {
            throw RuntimeError("'\(command.name)' needs FILE", at: command.range)
        }
        return value.text
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
            throw RuntimeError("\(count) in \(path); nothing was sent:\n  " + problems.joined(separator: "\n  "), at: command.range)
        }
        return spec
    }

    /// `--prospect`: a record, a JSON/YAML file, or `key=value,key=value`.
    static func prospect(_ args: CommandArguments, _ interpreter: inout Interpreter) async throws -> [String: String] {
        guard let value = try await args.value("prospect", &interpreter) else { return [:] }
        var record: Value = value
        if case .string(let text) = value {
            if FileManager.default.fileExists(atPath: text) {
                do { record = try ValueReader.read(text) } catch { throw RuntimeError(error.message, at: args.range(of: "prospect")) }
                if case .list(let items) = record, let first = items.first { record = first }
            } else {
                var fields: [String: String] = [:]
                for pair in text.split(separator: ",") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2 else {
                        throw RuntimeError("--prospect: write first_name=Ann,company=Acme, a record, or a JSON/YAML file; got '\(text)'", at: args.range(of: "prospect"))
                    }
                    fields[String(parts[0]).trimmingCharacters(in: .whitespaces)] = String(parts[1]).trimmingCharacters(in: .whitespaces)
                }
                return fields
            }
        }
        guard case .record(let fields) = record else { throw RuntimeError("--prospect must be a record of fields", at: args.range(of: "prospect")) }
        var result: [String: String] = [:]
        for (key, field) in fields { result[key] = field.text }
        return result
    }
}

extension Value {
    /// The `id` of a record (`$c`), for commands that take a campaign.
    var recordID: Int? {
        if case .record(let record) = self, case .int(let id)? = record["id"] { return id }
        return nil
    }
}
