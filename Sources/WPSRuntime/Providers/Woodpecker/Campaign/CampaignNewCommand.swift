import OutreachAPI
import WPSLanguage

/// `campaign new NAME …`: creates a campaign (DRAFT) with its first email step, or the steps of
/// a file.
enum CampaignNewCommand {
    /// Left out, the API names the campaign `My campaign <id>`.
    static let name = Positional<String>("name", .string, optional: true, read: .text)
    static let steps = Flag<String>(
        "steps", .file, "the steps from a YAML or JSON file: the spec's step list or the API's step tree")

    /// The campaign's settings and first step; what the rules require of a new campaign is
    /// required here (`RequiredFlagTests` keeps the two in step): the accounts, the time zone, the
    /// daily enrolment, and a message — which `--steps FILE` stands in for.
    static let flags: [any FlagReading] =
        [
            SharedFlags.accounts.required(), SharedFlags.timezone.required(), SharedFlags.prospectTimezone,
            SharedFlags.dailyEnroll.required(), SharedFlags.gdprUnsubscribe, SharedFlags.listUnsubscribe,
            SharedFlags.subject, SharedFlags.message.required(unless: ["steps"]), SharedFlags.signature,
            SharedFlags.trackOpens, SharedFlags.window, SharedFlags.wait, steps,
        ]

    static let definition = CommandDefinition(
        ["campaign", "new"], "Create a campaign (DRAFT) with its first email step.", category: .api,
        positionals: [name], flags: flags,
        examples: [
            #"let c = campaign new "Q4" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject "Hi" "#
                + #"--message @first.html --window "MON-FRI 08:00-18:00" --wait 3d"#
        ],
        sends: ["POST campaigns"],
        tests: ["CommandTests.campaignNewPairsSubjectsAndMessagesIntoVersions", "transcript:campaigns"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        var draft = CampaignDraft(
            name: invocation[name], email_account_ids: invocation[SharedFlags.accounts],
            settings: SharedFlags.settings(invocation))
        if let file = invocation[steps] {
            if invocation.has(SharedFlags.wait) {
                throw RuntimeError(
                    "--wait applies to the first step; with --steps FILE, give each step's followup_after in the file",
                    at: invocation.range(of: SharedFlags.wait))
            }
            draft.steps = try CampaignCommands.loadSteps(file, at: invocation.range(of: steps))
        } else {
            draft.steps = .start(try SharedFlags.emailStep(invocation))
        }
        return try ValueEncoder().encode(
            try await session.connection.send(Woodpecker.CreateCampaign(draft), for: invocation.command))
    }
}
