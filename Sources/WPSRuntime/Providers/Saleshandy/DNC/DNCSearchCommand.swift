import OutreachAPI
import WPSLanguage

/// `dnc search TEXT [--type email|domain]`: every item of every list that contains TEXT, one
/// record per item with its list.
enum DNCSearchCommand {
    static let text = Positional<String>("text", .string, what: "the email or domain to look for", read: .text)
    static let type = Flag<String>("type", .choice(["all", "email", "domain"]), "only emails, or only domains")

    static let definition = CommandDefinition(
        ["dnc", "search"], "Find an email or domain on the do-not-contact lists.", category: .api,
        positionals: [text], flags: [type, SharedFlags.provider],
        examples: ["dnc search acme.com"],
        sends: ["GET /v1/dnc/item/search"],
        tests: ["e2e:test_saleshandy_sequences.py::test_do_not_contact_lists_are_listed_searched_and_kept"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let answer = try await session.connection.send(
            Saleshandy.SearchDNC(search: try invocation.required(text), type: invocation[type] ?? "all"),
            for: invocation.command)
        return .list(
            answer.payload.dncList.flatMap { list in
                list.dncItems.map { item in
                    Value.record([
                        "value": .string(item.value), "type": .string(item.type), "list_id": .string(list.id),
                        "list": .string(list.name), "id": .string(item.id),
                    ])
                }
            })
    }
}
