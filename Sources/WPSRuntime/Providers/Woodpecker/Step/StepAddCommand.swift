import OutreachAPI
import WPSLanguage

/// `step add --campaign ID …` or `step add --after STEP …`: adds an email step after the last
/// step of a campaign (the only place the API allows one), found by reading the campaign when
/// `--after` is not given.
enum StepAddCommand {
    static let after = Flag<String>(
        "after", .stepID, "the leaf step to follow (default: the campaign's last step)", fields: ["parent_id"])

    static let definition = CommandDefinition(
        ["step", "add"], "Add an email step after the last step.", category: .api,
        discussion: """
            With --campaign alone, the campaign is read first (GET campaigns/{id}) and the step goes after its \
            last step. With --after, the step goes after that step (it must be the last); the campaign is \
            --campaign, or found from the steps this session has seen.
            """,
        flags: [after, SharedFlags.campaign] + SharedFlags.emailStep,
        examples: [
            #"let c = campaign new "Q4" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject "Hi" "#
                + #"--message "Hello" --wait 3d; step add --after $c.steps.followup.id --subject "Re: Hi" "#
                + #"--message @followup.html --window "FRI 08:00-18:00""#,
            #"step add --campaign 777001 --message "<p>One more</p>" --wait 2d"#,
        ],
        sends: ["GET campaigns/{id} (without --after: to find its last step)", "POST campaigns/{id}/steps"],
        tests: [
            "CommandTests.stepAddNeedsToKnowTheCampaign", "CommandTests.stepAddWithoutAfterFollowsTheLastStep",
            "transcript:commands",
        ]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let step = try SharedFlags.emailStep(invocation)
        let parent: String
        let campaignID: Int
        if let given = invocation[after] {
            parent = given
            campaignID = try session.memory.campaignID(
                forStep: given, given: invocation[SharedFlags.campaign], at: invocation.range(of: after))
        } else {
            guard let id = invocation[SharedFlags.campaign] else {
                throw RuntimeError(
                    "which campaign? Give --campaign ID (the step goes after its last step) or --after STEP",
                    at: invocation.command.range)
            }
            let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: id), for: invocation.command)
            guard let leaf = campaign.steps.leaf.id else {
                throw RuntimeError(
                    "campaign \(id)'s last step has no id; give --after STEP",
                    at: invocation.range(of: SharedFlags.campaign))
            }
            parent = leaf
            campaignID = id
        }
        let request = Woodpecker.AddStep(campaignID: campaignID, NewStepRequest(parent_id: parent, step: step))
        return try ValueEncoder().encode(try await session.connection.send(request, for: invocation.command))
    }
}
