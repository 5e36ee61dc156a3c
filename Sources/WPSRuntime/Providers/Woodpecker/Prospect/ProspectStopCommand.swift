import OutreachAPI
import WPSLanguage

/// `prospect stop EMAIL|ID…|- --campaign ID`: stops the follow-ups of prospects in one campaign,
/// leaving the rest of the campaign running: one `add_prospects_campaign` update setting their
/// status there to `PAUSED` (docs/contract/inbox.md; the value Pipedream's "Stop Follow-Ups"
/// sends). The campaign's prospects are read first: one not in it is reported, never enrolled.
enum ProspectStopCommand {
    static let prospects = Positional<Value>(
        "prospect", .prospectEmail, what: "the prospect's EMAIL or ID (or - for the piped records)", optional: true,
        repeating: true, read: .value)

    /// Statuses in a campaign under which no follow-up goes out already: nothing is sent for them.
    static let alreadyStopped: Set<String> = ["PAUSED", "REPLIED", "BOUNCED", "BLACKLIST", "INVALID"]

    static let definition = CommandDefinition(
        ["prospect", "stop"], "Stop the follow-ups of prospects in one campaign.", category: .api,
        discussion: """
            Sets each prospect's status in the campaign to PAUSED with one add_prospects_campaign update \
            (the campaign keeps running for the others; prospect set ID --campaign C --status ACTIVE resumes \
            one). Prospects are named by email or id, or piped: records with email, prospect.email (webhook \
            events) or id, with - or no prospect given. The campaign's prospects are read first: one not in \
            the campaign is reported 'not in campaign' and nothing is sent for it (the update would enrol \
            it); one already stopped (PAUSED, REPLIED, BOUNCED, BLACKLIST, INVALID there) is reported \
            'already stopped'. Returns {email, id, campaign_id, outcome, code, message} per prospect; exit 1 \
            when the API rejected one.
            """,
        positionals: [prospects], flags: [CampaignUpdate.campaign],
        examples: [
            "prospect add ann@acme.com --campaign 777001 | prospect stop - --campaign 777001",
            "prospect add ann@acme.com --campaign 777001 | each { prospect stop $it.email --campaign $it.campaign_id }",
        ],
        sends: ["GET /rest/v1/prospects", "POST /rest/v1/add_prospects_campaign"],
        tests: ["e2e:test_prospect_stop.py::test_a_stopped_prospect_gets_no_follow_up_while_the_others_do"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let campaign = try invocation.required(CampaignUpdate.campaign)
        let given = invocation.all(prospects)
        let targets = try ProspectReference.targets(
            in: given.isEmpty ? [.string("-")] : given, input: invocation.input,
            at: given.isEmpty ? invocation.command.range : invocation.range(of: prospects))
        guard !targets.isEmpty else {
            throw RuntimeError(
                "no prospect given: name emails or ids, or pipe records with an email (… | prospect stop - --campaign ID)",
                at: invocation.command.range)
        }
        let membership = try await CampaignMembership.read(
            targets, campaign: campaign, session: session, command: invocation.command)
        var records: [Record?] = Array(repeating: nil, count: targets.count)
        var sending: [(index: Int, member: CampaignMembership.Member)] = []
        var named = Set<Int>()
        for (index, target) in targets.enumerated() {
            guard let member = membership.member(target) else {
                let absent = membership.absent(target)
                records[index] = absent
                session.settings.progress("\(target): \(absent["message"]?.text ?? "")")
                continue
            }
            // Named twice (by email and by id): once is enough.
            guard named.insert(member.id).inserted else { continue }
            if alreadyStopped.contains(member.status) {
                records[index] = [
                    "email": .string(member.email), "id": .int(member.id), "campaign_id": .int(campaign),
                    "outcome": .string("already stopped"), "code": .null,
                    "message": .string("its status in the campaign is \(member.status): nothing sent"),
                ]
                continue
            }
            sending.append((index, member))
        }
        var prospects: [ProspectFields] = []
        for (_, member) in sending {
            var fields = ProspectFields(email: member.email)
            fields.status = "PAUSED"
            prospects.append(fields)
        }
        let sent = try await CampaignUpdate.send(
            prospects, members: sending.map(\.member), campaign: campaign, sendAfter: nil,
            verb: .init(done: "stopped", planned: "would stop"), invocation: invocation, session: session)
        for ((index, _), record) in zip(sending, sent) { records[index] = record }
        return try CampaignUpdate.finish(records.compactMap { $0 }, invocation: invocation)
    }
}
