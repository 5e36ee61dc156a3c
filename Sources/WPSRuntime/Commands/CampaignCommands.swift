import Foundation
import OutreachAPI
import WPSLanguage

/// `campaign …`, `step …` and `version set`, compiled into the typed Woodpecker requests.
enum CampaignCommands {
    static func register(_ session: Session, into table: inout [String: Interpreter.CommandImplementation]) {
        table["campaign new"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            let name = try await args.positional(0, &interpreter)?.text
            var draft = CampaignDraft(
                name: name, email_account_ids: try await args.ints("accounts", &interpreter),
                settings: try await settings(args, &interpreter))
            if let file = try await args.string("steps", &interpreter) {
                if !command.values(of: "wait").isEmpty {
                    throw RuntimeError("--wait applies to the first step; with --steps FILE, give each step's followup_after in the file", at: args.range(of: "wait"))
                }
                draft.steps = try loadSteps(file, at: args.range(of: "steps"))
            } else {
                draft.steps = .start(try await emailStep(args, &interpreter, defaultSignature: .sender))
            }
            return try session.value(of: try await session.send(Woodpecker.CreateCampaign(draft), for: command))
        }
        table["campaign get"] = { _, command, interpreter in
            try session.value(of: try await session.send(Woodpecker.GetCampaign(id: try await id(command, &interpreter)), for: command))
        }
        table["campaign show"] = { _, command, interpreter in
            let campaign = try await session.send(Woodpecker.GetCampaign(id: try await id(command, &interpreter)), for: command)
            let value = try session.value(of: campaign)
            // The campaign, reading as its tree where results print as tables (`let c = campaign show 7`
            // still has `$c.name`).
            guard session.drawsTrees, case .record(var record) = value else { return value }
            record.text = CampaignTree.render(campaign, dim: session.stdoutIsTerminal, width: session.terminalWidth())
            return .record(record)
        }
        table["campaign list"] = { _, command, _ in
            try ValueEncoder().encode(try await session.send(Woodpecker.ListCampaigns(), for: command))
        }
        let actions: [(String, Woodpecker.CampaignAction.Action)] = [("run", .run), ("pause", .pause), ("stop", .stop), ("edit", .makeEditable)]
        for (word, action) in actions {
            table["campaign \(word)"] = { _, command, interpreter in
                let campaignID = try await id(command, &interpreter)
                if action == .stop {
                    try await Confirmation.ask(command, session: session, &interpreter) {
                        let campaign = try await session.send(Woodpecker.GetCampaign(id: campaignID), for: command)
                        return "Stop campaign \(Confirmation.describe(campaign)) for good? It cannot run again."
                    }
                }
                _ = try await session.send(Woodpecker.CampaignAction(id: campaignID, action: action), for: command)
                return try session.value(of: try await session.send(Woodpecker.GetCampaign(id: campaignID), for: command))
            }
        }
        table["campaign delete"] = { _, command, interpreter in
            let campaignID = try await id(command, &interpreter)
            try await Confirmation.ask(command, session: session, &interpreter) {
                let campaign = try await session.send(Woodpecker.GetCampaign(id: campaignID), for: command)
                return "Delete campaign \(Confirmation.describe(campaign))?"
            }
            _ = try await session.send(Woodpecker.DeleteCampaign(id: campaignID), for: command)
            return .record(["id": .int(campaignID), "deleted": .bool(true)])
        }
        table["campaign set"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            let settings = try await settings(args, &interpreter)
            let patch = CampaignPatch(
                name: try await args.string("name", &interpreter), email_account_ids: try await args.ints("accounts", &interpreter),
                settings: settings.isEmpty ? nil : settings)
            return try session.value(of: try await session.send(Woodpecker.UpdateCampaign(id: try await id(command, &interpreter), patch), for: command))
        }
        table["step add"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            guard let parent = try await args.string("after", &interpreter) else { throw RuntimeError("step add needs --after STEP_ID", at: command.range) }
            let campaignID = try session.campaignID(forStep: parent, given: try await args.int("campaign", &interpreter), at: args.range(of: "after"))
            let step = try await emailStep(args, &interpreter, defaultSignature: .sender)
            return try session.value(of: try await session.send(Woodpecker.AddStep(campaignID: campaignID, NewStepRequest(parent_id: parent, step: step)), for: command))
        }
        table["step delete"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            guard let step = try await args.positional(0, &interpreter)?.text else { throw RuntimeError("step delete needs STEP_ID", at: command.range) }
            let campaignID = try session.campaignID(forStep: step, given: try await args.int("campaign", &interpreter), at: command.range)
            try await Confirmation.ask(command, session: session, &interpreter) {
                let campaign = try await session.send(Woodpecker.GetCampaign(id: campaignID), for: command)
                let path = campaign.steps.path
                let place = path.firstIndex { $0.id == step }.map { "step \($0) of \(path.count - 1) in " } ?? "in "
                return "Delete step \(step) (\(place)campaign \(Confirmation.describe(campaign)))?"
            }
            return try session.value(of: try await session.send(Woodpecker.DeleteStep(campaignID: campaignID, stepID: step), for: command))
        }
        table["version set"] = { _, command, interpreter in
            let args = CommandArguments(command: command)
            guard let step = try await args.positional(0, &interpreter)?.text, let version = try await args.positional(1, &interpreter)?.text else {
                throw RuntimeError("version set needs STEP_ID and VERSION (an id or a letter A–E)", at: command.range)
            }
            let campaignID = try session.campaignID(forStep: step, given: try await args.int("campaign", &interpreter), at: command.range)
            var versionID = version
            if EmailVersion.letters.contains(version.uppercased()) {
                let campaign = try await session.send(Woodpecker.GetCampaign(id: campaignID), for: command)
                guard let found = campaign.steps.find(id: step)?.body?.versions.first(where: { $0.version == version.uppercased() })?.id else {
                    throw RuntimeError("step \(step) has no version \(version.uppercased())", at: command.range)
                }
                versionID = found
            }
            var signature: Signature?
            if let text = try await args.string("signature", &interpreter) { signature = Signature(rawValue: text) }
            let subject = try await args.values("subject", &interpreter).last?.text
            let message = try await MessageBody.values("message", args, &interpreter).last
            try MessageBody.checkSnippets("subject", values: subject.map { [$0] } ?? [], args)
            try MessageBody.checkSnippets("message", values: message.map { [$0] } ?? [], args)
            let patch = VersionPatch(
                subject: subject, message: message,
                signature: signature, track_opens: try await args.bool("track-opens", &interpreter))
            return try ValueEncoder().encode(
                try await session.send(Woodpecker.UpdateVersion(campaignID: campaignID, stepID: step, versionID: versionID, patch), for: command))
        }
    }

    static func id(_ command: Command, _ interpreter: inout Interpreter) async throws -> Int {
        guard let value = try await CommandArguments(command: command).positional(0, &interpreter) else {
            throw RuntimeError("'\(command.name)' needs a campaign ID", at: command.range)
        }
        return try CommandArguments.int(value, what: "the campaign ID", range: command.positionals.first?.range)
    }

    static func settings(_ args: CommandArguments, _ interpreter: inout Interpreter) async throws -> CampaignSettings {
        CampaignSettings(
            timezone: try await args.string("timezone", &interpreter), prospect_timezone: try await args.bool("prospect-timezone", &interpreter),
            daily_enroll: try await args.int("daily-enroll", &interpreter), gdpr_unsubscribe: try await args.bool("gdpr-unsubscribe", &interpreter),
            list_unsubscribe: try await args.bool("list-unsubscribe", &interpreter))
    }

    /// An EMAIL step from `--subject`/`--message` pairs (one per A/B version), `--window`,
    /// `--signature` and `--track-opens`. Without `--window` it sends MON-FRI 09:00-17:00.
    static func emailStep(_ args: CommandArguments, _ interpreter: inout Interpreter, defaultSignature: Signature) async throws -> Step {
        let subjects = try await args.values("subject", &interpreter).map(\.text)
        let messages = try await MessageBody.values("message", args, &interpreter)
        try MessageBody.checkSnippets("subject", values: subjects, args)
        try MessageBody.checkSnippets("message", values: messages, args)
        let count = max(subjects.count, messages.count, 1)
        var signature = defaultSignature
        if let text = try await args.string("signature", &interpreter) { signature = Signature(rawValue: text) }
        let track = try await args.bool("track-opens", &interpreter) ?? false
        let versions = (0..<count).map { index in
            EmailVersion(
                subject: subjects.indices.contains(index) ? subjects[index] : nil,
                message: messages.indices.contains(index) ? messages[index] : messages.last, signature: signature, track_opens: track)
        }
        var step = Step.email(versions: versions, deliveryTime: try await window(args, &interpreter) ?? WindowNotation.parse("MON-FRI 09:00-17:00"))
        // --wait is the step's own followup_after: the wait after it before the next step.
        if let wait = try await args.string("wait", &interpreter) { step.followup_after = try followupAfter(wait, at: args.range(of: "wait")) }
        return step
    }

    /// `--window`, compiled; a problem points into the string.
    static func window(_ args: CommandArguments, _ interpreter: inout Interpreter) async throws -> DeliveryTime? {
        guard let expression = args.command.values(of: "window").last ?? nil else { return nil }
        let text = try await interpreter.evaluate(expression).text
        do {
            return try WindowNotation.parse(text)
        } catch {
            throw RuntimeError("--window: \(error.message)", at: MessageBody.range(of: expression, text: text, offset: error.offset, length: error.length))
        }
    }

    /// `3d` → 3 DAY, `13h` → 13 HOUR: the rule the checker applies (``CommandChecker/duration(_:)``).
    static func followupAfter(_ text: String, at range: SourceRange) throws -> FollowupAfter {
        guard let wait = CommandChecker.duration(text) else {
            throw RuntimeError("expected a wait in days or hours such as 3d or 13h (1…9999), got '\(text)'", at: range)
        }
        return FollowupAfter(range: wait.inHours ? .hour : .day, value: wait.value)
    }

    /// `--steps FILE`: the spec's step list or the API's step tree (see ``StepFile``).
    static func loadSteps(_ path: String, at range: SourceRange) throws -> Step {
        do {
            return try StepFile.load(path)
        } catch {
            throw RuntimeError(error.message, at: range)
        }
    }
}
