import OutreachAPI
import WPSLanguage

/// `prospect add EMAIL [--campaign ID] [--first-name …]`: one prospect into the database or a
/// campaign; a rejection is an error naming the API's code and what it means.
enum ProspectAddCommand {
    static let email = Positional<String>("email", .prospectEmail, what: "the prospect's EMAIL", read: .text)

    static let definition = CommandDefinition(
        ["prospect", "add"], "Add one prospect to the database, or with --campaign to a campaign.", category: .api,
        discussion: """
            Each field flag also answers to the API's own field name (--first_name, --snippet1). Without \
            --update an existing prospect is left as it is and answered E_DUPLICATE; with --update the fields \
            given replace the stored ones. Into a campaign, a prospect whose status is not ACTIVE is rejected \
            (E_INV_STATUS) unless --force; --force onto a BLACKLIST prospect asks first (--yes skips the \
            question; without a terminal it is needed). --force, --send-after and --interested need --campaign.
            """,
        positionals: [email],
        flags: [
            ProspectCommands.campaign, ProspectCommands.update, ProspectCommands.force, ProspectCommands.sendAfter,
            ProspectCommands.fileName, SharedFlags.yes,
        ] + ProspectCommands.fieldFlags.map(\.flag),
        examples: [
            "prospect add ann@acme.com --first-name Ann --company Acme --snippet1 \"loved your talk\"",
            "prospect add ann@acme.com --campaign 777001",
        ],
        sends: [
            "POST /rest/v1/add_prospects_list", "POST /rest/v1/add_prospects_campaign (--campaign)",
            "GET /rest/v1/prospects (--force: is it on the BLACKLIST?)",
        ],
        tests: ["ProspectCommandTests.prospectAddRejectionNamesTheCodeAndItsMeaning"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        try ProspectCommands.checkCampaignFlags(invocation)
        let address = try invocation.required(email)
        let prospect = ProspectCommands.fields(invocation, email: address)
        let problems = Validation.prospect(prospect, path: "").map {
            ValidationProblem(String($0.path.drop { $0 == "." }), $0.message)
        }
        if let problem = problems.first { throw RuntimeError(problem.description, at: invocation.range(of: email)) }
        if let campaign = invocation[ProspectCommands.campaign] {
            try await ProspectCommands.confirmForcingBlacklisted(
                address, campaign: campaign, invocation: invocation, session: session)
        }
        // A lost answer is learnt by sending again: a prospect the first attempt added answers
        // E_DUPLICATE, which then means it is there.
        var lost = false
        let answers: [(entry: ProspectBulkResponse.Entry, outcome: RowOutcome)]
        do {
            answers = try await ProspectCommands.send(
                [prospect], invocation: invocation, client: session.connection.client)
        } catch let error as OutreachError where error.kind == .outcomeUnknown {
            lost = true
            session.settings.progress(
                "\(address): the answer was lost (\(error.detail)); sending it again to learn what the server did")
            answers = try await ProspectCommands.send(
                [prospect], invocation: invocation, client: session.connection.client, connection: session.connection)
        } catch let error as OutreachError where error.kind == .validation {
            throw FlagForField.error(error, command: invocation.command)
        } catch let error as OutreachError {
            throw RuntimeError(error, at: invocation.command.range)
        }
        guard let (entry, outcome) = answers.first else {
            throw RuntimeError("the API answered no outcome for \(address)", at: invocation.command.range)
        }
        if lost, outcome.kind == "duplicate" {
            return .record([
                "email": .string(entry.email), "id": entry.id.map(Value.int) ?? .null, "outcome": .string("added"),
                "note": .string("the first answer was lost; sent again, the API answered E_DUPLICATE: it is there"),
            ])
        }
        if outcome.kind == "rejected" || (outcome.kind == "duplicate" && invocation[ProspectCommands.update] != true) {
            let code = outcome.code ?? "ERROR"
            let meaning = ErrorBody.V1Status.meanings[code].map { " (\($0))" } ?? ""
            let hint =
                outcome.kind == "duplicate"
                ? "; --update changes its fields"
                : code == "E_INV_STATUS" ? "; --force adds it anyway" : ""
            throw RuntimeError(
                "\(address): \(code)\(meaning)\(entry.msg.map { ": \($0)" } ?? "")\(hint)",
                at: invocation.command.range,
                exitCode: 1)
        }
        var record: Record = ["email": .string(entry.email), "id": entry.id.map(Value.int) ?? .null]
        record["outcome"] = .string(outcome.kind)
        if let id = invocation[ProspectCommands.campaign] { record["campaign_id"] = .int(id) }
        return .record(record)
    }
}
