import OutreachAPI
import WPSLanguage

/// `step delete STEP`: deletes a step (not START nor the first after it); asks first.
enum StepDeleteCommand {
    static let step = Positional<String>("step", .stepID, what: "STEP_ID", read: .text)

    static let definition = CommandDefinition(
        ["step", "delete"], "Delete a step (not START nor the first after it).", category: .api, positionals: [step],
        flags: [SharedFlags.campaign],
        examples: [
            #"let c = campaign get 777001; let c = step add --after $c.steps.followup.id --message "<p>More</p>"; "#
                + "step delete $c.steps.followup.followup.id --yes"
        ],
        sends: ["GET campaigns/{id}", "DELETE campaigns/{id}/steps/{step_id}"], destructive: true,
        tests: ["transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let command = invocation.command
        let stepID = try invocation.required(step)
        let campaignID = try session.memory.campaignID(
            forStep: stepID, given: invocation[SharedFlags.campaign], at: command.range)
        try await Confirmation.ask(invocation, session: session) {
            let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: campaignID), for: command)
            let path = campaign.steps.path
            let place = path.firstIndex { $0.id == stepID }.map { "step \($0) of \(path.count - 1) in " } ?? "in "
            return "Delete step \(stepID) (\(place)campaign \(Confirmation.describe(campaign)))?"
        }
        let request = Woodpecker.DeleteStep(campaignID: campaignID, stepID: stepID)
        return try ValueEncoder().encode(try await session.connection.send(request, for: command))
    }
}
