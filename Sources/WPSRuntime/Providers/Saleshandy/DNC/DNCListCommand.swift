import OutreachAPI
import WPSLanguage

/// `dnc list [--search NAME]`: the do-not-contact lists with how many items each holds.
enum DNCListCommand {
    static let search = Flag<String>("search", .string, "only lists whose name contains this")

    static let definition = CommandDefinition(
        ["dnc", "list"], "List the do-not-contact lists.", category: .api,
        flags: [search, SharedFlags.provider],
        examples: ["dnc list"],
        sends: ["GET /v1/dnc"],
        tests: ["e2e:test_saleshandy_sequences.py::test_do_not_contact_lists_are_listed_searched_and_kept"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let answer = try await session.connection.send(
            Saleshandy.ListDNCLists(search: invocation[search]), for: invocation.command)
        return .list(
            answer.payload.payload.map { list in
                var record: Record = [
                    "id": .string(list.id), "name": .string(list.name),
                    "items": .int(list.numberOfItems ?? Int(list.total ?? "") ?? 0),
                ]
                record["updated_at"] = list.updatedAt.map(Value.string) ?? .null
                record["client_id"] = list.clientId.map(Value.int) ?? .null
                return .record(record)
            })
    }
}
