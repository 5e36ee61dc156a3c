import OutreachAPI
import WPSLanguage

/// `sequence list`: the account's sequences with their steps' ids (what `sequence step add` and
/// an import of prospects into a step take).
enum SequenceListCommand {
    static let name = Flag<String>(
        "name", .string, "only sequences whose title contains this", fields: ["sequenceName"])
    static let pageSize = Flag<Int>("page-size", "sequences a page (1…1000, default 100)", fields: ["pageSize"])
    static let page = Flag<Int>("page", "the page (from 1)")
    static let sort = Flag<String>("sort", .choice(["asc", "desc"]), "the order")
    static let sortBy = Flag<String>(
        "sort-by", .choice(["created", "title"]), "what to order by (default created)", fields: ["sortBy"])

    static let definition = CommandDefinition(
        ["sequence", "list"], "List the sequences, with their steps' ids.", category: .api,
        flags: [name, pageSize, page, sort, sortBy, SharedFlags.provider],
        examples: ["sequence list", "sequence list --name founders | first | get steps"],
        sends: ["GET /v1/sequences"],
        tests: ["e2e:test_saleshandy_sequences.py::test_sequences_are_listed_fetched_and_grow_a_step"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let query = SaleshandySequenceQuery(
            sequenceName: invocation[name], pageSize: invocation[pageSize], page: invocation[page],
            sort: invocation[sort]?.uppercased(),
            sortBy: invocation[sortBy].map { $0 == "title" ? "sequence.title" : "sequence.createdAt" })
        let answer = try await session.connection.send(Saleshandy.ListSequences(query), for: invocation.command)
        // Each sequence with its steps' ids (what `prospect import --step` and `sequence step add`
        // need); its agency client's company when it has one.
        return .list(
            answer.payload.map { sequence in
                var record: Record = [
                    "id": .string(sequence.id), "title": .string(sequence.title), "active": .bool(sequence.active),
                    "steps": .list(sequence.steps.map { .string($0.id) }),
                ]
                record["client"] = sequence.client.map { .string($0.companyName ?? $0.id ?? "") } ?? .null
                return .record(record)
            })
    }
}
