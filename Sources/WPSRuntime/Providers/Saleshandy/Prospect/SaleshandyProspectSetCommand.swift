import OutreachAPI
import WPSLanguage

/// `prospect set EMAIL|ID --sequence ID --status S` with Saleshandy: one prospect's status in one
/// sequence (`PATCH /v1/prospects/status`): replied, finished, paused (`--pause-days N`),
/// unsubscribed or active. An email is looked up first (`GET /v1/prospects`).
enum SaleshandyProspectSetCommand {
    static let prospect = Positional<Value>(
        "prospect", .prospectEmail, what: "the prospect's EMAIL or ID (or - for the piped record)", read: .value)
    static let sequence = Flag<String>("sequence", .string, "the sequence the status is in", required: true)
    static let status = Flag<String>(
        "status", .choice(SaleshandyStatusChange.statuses), "the prospect's status in the sequence", required: true,
        fields: ["status"])
    static let pauseDays = Flag<Int>(
        "pause-days", "with --status paused: for how many days", fields: ["pauseDelayInDays"])

    static let definition = CommandDefinition(
        ["prospect", "set"], "Change one prospect in one sequence: its status.", category: .api,
        positionals: [prospect], flags: [sequence, status, pauseDays, SharedFlags.provider],
        examples: [
            "prospect import leads.csv --provider saleshandy --sequence sq7Kd2mPq1 | count; "
                + "prospect set lead0@acme.com --provider saleshandy --sequence sq7Kd2mPq1 --status paused --pause-days 7"
        ],
        sends: ["GET /v1/prospects (an email's id)", "PATCH /v1/prospects/status"],
        tests: ["e2e:test_saleshandy_prospects.py::test_prospects_are_listed_and_set_in_a_sequence"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let given = try invocation.required(prospect)
        let sequenceID = try invocation.required(sequence)
        let wanted = (try invocation.required(status)).lowercased()
        var text = given.text
        if case .record(let record) = given { text = (record["id"] ?? record["email"] ?? given).text }
        if given == .string("-"), case .record(let record) = invocation.input {
            text = (record["id"] ?? record["email"] ?? .null).text
        }
        var id = text
        var email: String?
        if text.contains("@") {
            email = text
            let found = try await session.connection.send(
                Saleshandy.ListProspects(SaleshandyProspectQuery(search: text, pageSize: 100)), for: invocation.command)
            guard let match = found.payload.first(where: { $0.email.lowercased() == text.lowercased() }) else {
                throw RuntimeError(
                    "no prospect \(text) in the account (prospect import adds one)", at: invocation.range(of: prospect),
                    exitCode: 1)
            }
            id = match.id
        }
        let change = SaleshandyStatusChange(
            prospectAndSequenceIds: [.init(prospectId: id, sequenceId: sequenceID)], status: wanted,
            pauseDelayInDays: invocation[pauseDays])
        let counts = try await session.connection.send(
            Saleshandy.ChangeProspectStatus(change), for: invocation.command
        ).payload
        var record: Record = [
            "id": .string(id), "sequence_id": .string(sequenceID), "status": .string(wanted),
            "changed": .bool(counts.success > 0),
        ]
        record["email"] = email.map(Value.string) ?? .null
        guard counts.success > 0 else {
            var error = RuntimeError(
                "Saleshandy did not change \(email ?? id) in sequence \(sequenceID) (is it in the sequence?)",
                at: invocation.command.range, exitCode: 1)
            error.result = .record(record)
            throw error
        }
        return .record(record)
    }
}
