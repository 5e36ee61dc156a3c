import OutreachAPI
import WPSLanguage

/// `prospect list` with Saleshandy: a page of the account's prospects (`GET /v1/prospects`), or
/// with `--all` every page in turn, streamed down the pipeline.
enum SaleshandyProspectListCommand {
    static let search = Flag<String>(
        "search", .string, "text in the first name, last name or email", repeatable: true, fields: ["search"])
    static let page = Flag<Int>("page", "the page, from 1 (default 1)", fields: ["page"])
    static let perPage = Flag<Int>(
        "per-page", "prospects per page: 10, 20, 50 or 100 (default 100)", fields: ["pageSize"])
    static let all = Flag<Bool>("all", "every page, 100 prospects a request")
    static let newestFirst = Flag<Bool>("newest-first", "the newest first (default: the oldest)")

    static let definition = CommandDefinition(
        ["prospect", "list"], "List prospects: one page, or with --all every page in turn.", category: .api,
        flags: [search, page, perPage, all, newestFirst, SharedFlags.provider],
        examples: ["prospect list --provider saleshandy --search acme.com"],
        sends: ["GET /v1/prospects"],
        tests: ["e2e:test_saleshandy_prospects.py::test_prospects_are_listed_and_set_in_a_sequence"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        guard let stream = try allPages(invocation, session) else {
            let answer = try await session.connection.send(
                Saleshandy.ListProspects(query(invocation)), for: invocation.command)
            return .list(answer.payload.map(record))
        }
        return .list(try await interpreter.collect(stream))
    }
    .producingPages { invocation, interpreter in try allPages(invocation, interpreter.connection(for: invocation)) }

    static func query(_ invocation: Invocation, page number: Int? = nil) -> SaleshandyProspectQuery {
        SaleshandyProspectQuery(
            search: invocation.all(search).last, pageSize: invocation[perPage], page: number ?? invocation[page],
            sort: invocation[newestFirst] == true ? "DESC" : nil)
    }

    /// With `--all`, every page in turn; nil without it.
    static func allPages(_ invocation: Invocation, _ session: Session) throws -> ValueStream? {
        guard invocation[all] == true else { return nil }
        if invocation.has(page) {
            throw RuntimeError("--page and --all do not go together", at: invocation.range(of: page), exitCode: 2)
        }
        let size = invocation[perPage] ?? 100
        let command = invocation.command
        let progress = ProgressLine(session.settings)
        var first = query(invocation)
        first.pageSize = size
        let base = first
        return ValueStream(
            fetch: { number in
                var query = base
                query.page = number
                let answer = try await session.connection.send(Saleshandy.ListProspects(query), for: command)
                let seen = (number - 1) * size + answer.payload.count
                if !answer.payload.isEmpty { progress.update("prospects: \(seen)", done: seen, total: nil) }
                return ValueStream.Page(items: answer.payload.map(record), isLast: answer.payload.count < size)
            },
            finish: { progress.finish() })
    }

    /// A prospect as a record: id, email, each field by its name (`First Name` as `first_name`),
    /// its sequences with its status there, when it was added.
    static func record(_ prospect: SaleshandyProspect) -> Value {
        var record: Record = ["id": .string(prospect.id), "email": .string(prospect.email)]
        for attribute in prospect.attributes ?? [] where attribute.key != "Email" {
            record[ColumnName.key(attribute.key)] = .string(attribute.value ?? "")
        }
        if let status = prospect.verificationStatus { record["verification_status"] = .string(status) }
        if let sequences = prospect.sequences {
            record["sequences"] = .list(
                sequences.map { .record(["sequence_id": .string($0.sequenceId), "status": .string($0.status ?? "")]) })
        }
        if let created = prospect.createdAt { record["created_at"] = .string(created) }
        return .record(record)
    }
}
