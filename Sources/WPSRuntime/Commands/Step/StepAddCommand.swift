import OutreachAPI
import WPSLanguage

/// `step add --after STEP …`: adds an email step after a leaf step of a campaign.
enum StepAddCommand {
    static let after = Flag<String>("after", .stepID, "the leaf step to follow", required: true, fields: ["parent_id"])

    static let definition = CommandDefinition(
        ["step", "add"], "Add an email step after the last step.", category: .api,
        flags: [after, SharedFlags.campaign] + SharedFlags.emailStep,
        examples: [
            #"let c = campaign new "Q4" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject "Hi" "#
                + #"--message "Hello" --wait 3d; step add --after $c.steps.followup.id --subject "Re: Hi" "#
                + #"--message @followup.html --window "FRI 08:00-18:00""#
        ],
        sends: ["POST campaigns/{id}/steps"],
        tests: ["CommandTests.stepAddNeedsToKnowTheCampaign", "transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let parent = try invocation.required(after)
        let campaignID = try session.memory.campaignID(
            forStep: parent, given: invocation[SharedFlags.campaign], at: invocation.range(of: after))
        let step = try SharedFlags.emailStep(invocation)
        let request = Woodpecker.AddStep(campaignID: campaignID, NewStepRequest(parent_id: parent, step: step))
        return try ValueEncoder().encode(try await session.connection.send(request, for: invocation.command))
    }
}
