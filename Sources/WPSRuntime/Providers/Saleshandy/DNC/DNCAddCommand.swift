import OutreachAPI
import WPSLanguage

/// `dnc add LIST ITEM…`: emails and domains onto a do-not-contact list (its id from `dnc list`).
enum DNCAddCommand {
    static let list = Positional<String>("list", .string, what: "the list's ID", read: .text)
    static let items = Positional<String>(
        "item", .string, what: "an email or domain", repeating: true, read: .text)

    static let definition = CommandDefinition(
        ["dnc", "add"], "Add emails and domains to a do-not-contact list.", category: .api,
        positionals: [list, items], flags: [SharedFlags.provider],
        examples: ["dnc add dnGl0ba1Ls bob@acme.com competitor.com"],
        sends: ["POST /v1/dnc"],
        tests: ["e2e:test_saleshandy_sequences.py::test_do_not_contact_lists_are_listed_searched_and_kept"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let values = invocation.all(items)
        let answer = try await session.connection.send(
            Saleshandy.AddToDNC(SaleshandyDNCAdd(dncListId: try invocation.required(list), items: values)),
            for: invocation.command)
        return .record([
            "list_id": .string(try invocation.required(list)), "added": .int(answer.payload.added),
            "skipped": .int(answer.payload.skipped),
        ])
    }
}
