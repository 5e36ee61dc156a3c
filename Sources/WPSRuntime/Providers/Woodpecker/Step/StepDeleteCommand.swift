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
        // What the API would refuse is said before asking: a question answered "y" must not
        // end in a 409. (Without a terminal or --yes, nothing is read first.)
        _ = try Confirmation.asker(invocation, session: session)
        let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: campaignID), for: command)
        let path = campaign.steps.path
        let index = path.firstIndex { $0.id == stepID }
        if let refusal = refusal(of: stepID, at: index, in: campaign) {
            throw RuntimeError(refusal + "; nothing was sent", at: command.range)
        }
        try await Confirmation.ask(invocation, session: session) {
            let place = index.map { "step \($0) of \(path.count - 1) in " } ?? "in "
            return "Delete step \(stepID) (\(place)campaign \(Confirmation.describe(campaign)))?"
        }
        let request = Woodpecker.DeleteStep(campaignID: campaignID, stepID: stepID)
        return try ValueEncoder().encode(try await session.connection.send(request, for: command))
    }

    /// Why the API would refuse to delete the step at `index` of the campaign's path, or nil.
    static func refusal(of stepID: String, at index: Int?, in campaign: Campaign) -> String? {
        guard let index else { return "step \(stepID) is not a step of campaign \(campaign.id)" }
        if !campaign.status.isEditable {
            return
                "campaign \(campaign.id) is \(campaign.status.rawValue): its steps can change only while it is DRAFT or EDITED "
                + "(campaign edit \(campaign.id) makes it editable)"
        }
        if index == 0 { return "the START step cannot be deleted" }
        if index == 1 {
            return "the first step after START cannot be deleted (campaign \(campaign.id) keeps its first step)"
        }
        return nil
    }
}
