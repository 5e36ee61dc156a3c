import OutreachAPI
import WPSLanguage

/// `prospect responses ID [--campaign IDS]`: one prospect's replies, oldest first, each a record
/// of the API's fields with the prospect's `prospect_id` and `email`.
enum ProspectResponsesCommand {
    static let id = Positional<Int>("id", .integer, what: "the prospect ID", read: .integer)
    static let campaigns = Flag<[Int]>(
        "campaign", .list(.campaignID), "only replies in these campaigns: 777001,777002", fields: ["campaign_id"],
        read: .integers)

    static let definition = CommandDefinition(
        ["prospect", "responses"], "List one prospect's replies, oldest first.", category: .api,
        discussion: """
            Reads GET prospects/ID/responses. Each record: prospect_id, email, response_id (the inbox message's \
            id, for inbox reply), campaign_id, step, campaign_email_sent, subject, message, delivered (UTC, \
            without offset) and secondary_prospect_email.
            """,
        positionals: [id], flags: [campaigns],
        examples: [#"prospect list --status REPLIED | each { prospect responses $it.id }"#],
        sends: ["GET prospects/{id}/responses"],
        tests: ["e2e:test_inbox.py::test_prospect_responses_are_the_replies_of_one_prospect"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let answer = try await session.connection.send(
            Woodpecker.GetProspectResponses(
                prospectID: try invocation.required(id), campaignIDs: invocation[campaigns]),
            for: invocation.command)
        return .list(
            try answer.responses.map { response in
                var record: Record = [
                    "prospect_id": .int(answer.prospect_id), "email": answer.email.map(Value.string) ?? .null,
                ]
                if case .record(let fields) = try ValueEncoder().encode(response) {
                    for (key, value) in fields { record[key] = value }
                }
                return .record(record)
            })
    }
}
