import Foundation
import OutreachAPI
import WPSLanguage

/// What the `campaign …` commands share: the campaign id argument, the status actions and step files.
enum CampaignCommands {
    /// The campaign a command names, for every `campaign … ID`.
    static let id = Positional<Int>("id", .campaignID, what: "the campaign ID", read: .integer)

    /// Runs, pauses, stops or makes editable, then answers the campaign as it is now; `stop`
    /// asks first (it cannot be undone).
    static func act(
        _ action: Woodpecker.CampaignAction.Action, _ invocation: Invocation, _ interpreter: inout Interpreter
    ) async throws -> Value {
        let session = try interpreter.connection(for: invocation)
        let command = invocation.command
        let campaignID = try invocation.required(id)
        if action == .stop {
            try await Confirmation.ask(invocation, session: session) {
                let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: campaignID), for: command)
                return "Stop campaign \(Confirmation.describe(campaign)) for good? It cannot run again."
            }
        }
        _ = try await session.connection.send(Woodpecker.CampaignAction(id: campaignID, action: action), for: command)
        return try ValueEncoder().encode(
            try await session.connection.send(Woodpecker.GetCampaign(id: campaignID), for: command))
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
