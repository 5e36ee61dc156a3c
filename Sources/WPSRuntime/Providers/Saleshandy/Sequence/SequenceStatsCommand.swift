import OutreachAPI
import WPSLanguage

/// `sequence stats ID`: one sequence's prospect and email counts (`POST /v1/analytics/stats`), as
/// one record of numbers (the API sends the prospect counts as strings).
enum SequenceStatsCommand {
    static let definition = CommandDefinition(
        ["sequence", "stats"], "Show a sequence's prospect and email counts.", category: .api,
        positionals: [SequenceCommands.id], flags: [SharedFlags.provider],
        examples: ["sequence stats sq7Kd2mPq1"],
        sends: ["POST /v1/analytics/stats (a read its API takes as a POST)"],
        tests: ["e2e:test_saleshandy_sequences.py::test_sequence_stats_count_its_prospects"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = SequenceCommands.text(try invocation.required(SequenceCommands.id))
        let stats = try await session.connection.send(Saleshandy.SequenceStats(sequenceID: id), for: invocation.command)
            .payload
        var record: Record = [
            "sequence_id": .string(stats.sequenceId ?? id),
            "sequence_name": stats.sequenceName.map(Value.string) ?? .null,
        ]
        let counts = stats.prospects?.first ?? [:]
        for name in SaleshandySequenceStats.prospectCounts + counts.keys.sorted()
        where record[snake(name)] == nil {
            guard let value = counts[name] else { continue }
            record[snake(name)] = number(value)
        }
        record["emails_total"] = stats.emails?.total.map(number) ?? .null
        let statuses = stats.emails?.status ?? [:]
        for name in SaleshandySequenceStats.emailStatuses + statuses.keys.sorted()
        where record["emails_" + snake(name)] == nil {
            guard let value = statuses[name] else { continue }
            record["emails_" + snake(name)] = number(value)
        }
        return .record(record)
    }

    /// `notContacted` → `not_contacted`.
    static func snake(_ name: String) -> String {
        var result = ""
        for character in name {
            if character.isUppercase, !result.isEmpty { result += "_" }
            result += character.lowercased()
        }
        return result
    }

    /// A count as a number, whether the API sent `25` or `"25"`.
    static func number(_ value: JSONValue) -> Value {
        switch value {
        case .number(let number): number == number.rounded() ? .int(Int(number)) : .double(number)
        case .string(let text): Int(text).map(Value.int) ?? Double(text).map(Value.double) ?? .string(text)
        default: .null
        }
    }
}
