import OutreachAPI
import WPSLanguage

/// `sequence get ID`: one sequence — its title and state from the list, its steps (day, channel,
/// variants) from `GET /v1/sequences/{id}/steps` (the API has no single-sequence read).
enum SequenceGetCommand {
    static let definition = CommandDefinition(
        ["sequence", "get"], "Fetch a sequence with its steps.", category: .api,
        positionals: [SequenceCommands.id], flags: [SharedFlags.provider],
        examples: ["sequence get sq7Kd2mPq1", "let s = sequence list | first; sequence get $s"],
        sends: ["GET /v1/sequences/{sequenceId}/steps", "GET /v1/sequences (its title and state)"],
        tests: ["e2e:test_saleshandy_sequences.py::test_sequences_are_listed_fetched_and_grow_a_step"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = SequenceCommands.text(try invocation.required(SequenceCommands.id))
        let steps = try await session.connection.send(
            Saleshandy.GetSequenceSteps(sequenceID: id), for: invocation.command)
        // Its title and state: the list's entry (at most 1000 a page; read until found).
        var entry: SaleshandySequence?
        var page = 1
        while entry == nil {
            let list = try await session.connection.send(
                Saleshandy.ListSequences(SaleshandySequenceQuery(pageSize: 1000, page: page)), for: invocation.command)
            entry = list.payload.first { $0.id == id }
            if list.payload.count < 1000 { break }
            page += 1
        }
        var record: Record = ["id": .string(id)]
        record["title"] = entry.map { .string($0.title) } ?? .null
        record["active"] = entry.map { .bool($0.active) } ?? .null
        record["steps"] = .list(try steps.payload.map(SequenceCommands.stepValue))
        return .record(record)
    }
}
