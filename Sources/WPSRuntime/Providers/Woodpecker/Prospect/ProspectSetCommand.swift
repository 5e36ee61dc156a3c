import OutreachAPI
import WPSLanguage

/// `prospect set EMAIL|ID --campaign ID [--status S] [--interested I] [--send-after T]
/// [--snippet1 …]`: changes one prospect in one campaign with an `add_prospects_campaign` update.
/// The prospect is looked up in the campaign first: one not in it is an error, never enrolled.
enum ProspectSetCommand {
    static let prospect = Positional<Value>(
        "prospect", .prospectEmail, what: "the prospect's EMAIL or ID (or - for the piped record)", read: .value)
    static let status = Flag<String>(
        "status", .choice(Validation.prospectStatuses(campaignUpdate: true)),
        "PAUSED stops its follow-ups in the campaign, ACTIVE resumes them; BLACKLIST, BOUNCED, INVALID, REPLIED set the global status",
        fields: ["status"])
    static let interested = Flag<String>(
        "interested", .choice(ProspectQuery.interestLevels), "its interest level in the campaign",
        fields: ["interested"])
    static let snippets = ProspectCommands.fieldFlags.filter { $0.field.hasPrefix("snippet") }

    static let definition = CommandDefinition(
        ["prospect", "set"], "Change one prospect in one campaign: status, interest, send-after, snippets.",
        category: .api,
        discussion: """
            Sends add_prospects_campaign with update: true for the one prospect (named by email or id; an id \
            is looked up). Only the fields given change. --status PAUSED stops its follow-ups in the \
            campaign and ACTIVE resumes them (as prospect stop does); the other statuses are the global \
            one. The campaign's prospects are read first: a prospect not in the campaign is an error and \
            nothing is sent (the update would enrol it; prospect add --campaign does that). Returns \
            {email, id, campaign_id, outcome, code, message}; exit 1 when the API rejected it.
            """,
        positionals: [prospect],
        flags: [CampaignUpdate.campaign, status, interested, ProspectCommands.sendAfter] + snippets.map(\.flag),
        examples: [
            "prospect add ann@acme.com --campaign 777001 | prospect set - --campaign 777001 --interested INTERESTED",
            "prospect add ann@acme.com --campaign 777001; prospect set ann@acme.com --campaign 777001 --status ACTIVE --snippet1 \"saw your talk\"",
        ],
        sends: ["GET /rest/v1/prospects", "POST /rest/v1/add_prospects_campaign"],
        tests: ["e2e:test_prospect_stop.py::test_prospect_set_changes_interest_and_refuses_bad_values"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let campaign = try invocation.required(CampaignUpdate.campaign)
        try ProspectCommands.checkCampaignFlags(invocation)
        let changing =
            [status, interested, ProspectCommands.sendAfter].contains { invocation.has($0) }
            || snippets.contains { invocation.has($0.flag) }
        guard changing else {
            throw RuntimeError(
                "nothing to change: give --status, --interested, --send-after or --snippet1 … --snippet15",
                at: invocation.command.range)
        }
        let range = invocation.range(of: prospect)
        let targets = try ProspectReference.targets(
            in: [try invocation.required(prospect)], input: invocation.input, at: range)
        guard targets.count == 1, let target = targets.first else {
            throw RuntimeError(
                "prospect set changes one prospect, got \(targets.count) (prospect stop takes many)", at: range)
        }
        let membership = try await CampaignMembership.read(
            targets, campaign: campaign, session: session, command: invocation.command)
        guard let member = membership.member(target) else {
            let absent = membership.absent(target)
            let email = absent["email"]?.text ?? ""
            var error = RuntimeError(
                absent["outcome"]?.text == "no such prospect"
                    ? "no prospect has \(target); nothing sent"
                    : "\(email.isEmpty ? target.description : email) is not in campaign \(campaign); nothing sent "
                        + "(prospect add \(email.isEmpty ? "EMAIL" : email) --campaign \(campaign) adds it)",
                at: range, exitCode: 1)
            error.result = .record(absent)
            throw error
        }
        var fields = ProspectCommands.fields(invocation, email: member.email)
        fields.status = invocation[status]
        fields.interested = invocation[interested]
        let problems = Validation.prospect(fields, path: "", campaignUpdate: true)
        if let problem = problems.first {
            throw RuntimeError("--\(problem.path.drop { $0 == "." }) \(problem.message)", at: invocation.command.range)
        }
        let records = try await CampaignUpdate.send(
            [fields], members: [member], campaign: campaign, sendAfter: invocation[ProspectCommands.sendAfter],
            verb: .init(done: "updated", planned: "would update"), invocation: invocation, session: session)
        guard let record = records.first else {
            throw RuntimeError("the API answered no outcome for \(member.email)", at: invocation.command.range)
        }
        _ = try CampaignUpdate.finish(records, invocation: invocation)
        return .record(record)
    }
}
