import OutreachAPI
import Synchronization
import WPSLanguage

/// `prospect list [--campaign ID] [--status S] [--search f=v] [--all]`: a page of the account's
/// prospects, or with `--all` every page in turn (1000 a request), streamed down the pipeline:
/// `prospect list --all | where … | count` holds one page at a time.
enum ProspectListCommand {
    static let campaigns = Flag<[Int]>(
        "campaign", .list(.campaignID), "only prospects in these campaigns: 777001,777002 (adds their status there)",
        fields: ["campaigns_id"], read: .integers)
    static let status = Flag<String>(
        "status", .choice(ProspectQuery.statuses), "only prospects with this global status", fields: ["status"])
    static let search = Flag<String>(
        "search", .string, "field=value pairs: company=Acme,email=@acme.com (AND across fields, OR within one)",
        repeatable: true, fields: ["search"])
    static let sort = Flag<String>(
        "sort", .string, "+field or -field, comma-separated: -last_contacted,+company (default +id)", fields: ["sort"])
    static let page = Flag<Int>("page", "the page, from 1 (default 1)", fields: ["page"])
    static let perPage = Flag<Int>("per-page", "prospects per page (1…1000, default 100)", fields: ["per_page"])
    static let all = Flag<Bool>("all", "every page, 1000 prospects a request")
    static let details = Flag<Bool>(
        "details", "each prospect's campaigns with its status and interest there", fields: ["campaigns_details"])
    static let contacted = Flag<Bool>(
        "contacted", "only prospects that were (or were not) contacted", fields: ["contacted"])
    static let interested = Flag<String>(
        "interested", .choice(ProspectQuery.interestLevels), "only prospects with this interest level",
        fields: ["interested"])
    static let activity = Flag<String>(
        "activity", .choice(ProspectQuery.activities), "only prospects that opened or clicked", fields: ["activity"])

    static let definition = CommandDefinition(
        ["prospect", "list"], "List prospects: one page, or with --all every page in turn.", category: .api,
        discussion: """
            With --all, each page goes down the pipeline as it arrives while the next is fetched: where, \
            select, each, count, first and last work a page at a time (first stops the fetching), so the \
            whole account is never held; --output ndjson prints each page as it arrives.
            """,
        flags: [campaigns, status, search, sort, page, perPage, all, details, contacted, interested, activity],
        examples: [
            #"prospect list --all | where status == "REPLIED" | count"#,
            "prospect list --campaign 777001 --search company=Acme",
        ],
        sends: ["GET /rest/v1/prospects"],
        tests: ["ProspectCommandTests.prospectListAllPagesUntilThePagesEnd"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        guard let stream = try allPages(invocation, session) else {
            let page = try await session.connection.send(
                Woodpecker.ListProspects(try prospectQuery(invocation)), for: invocation.command)
            return .list(page.prospects.map(record))
        }
        return .list(try await interpreter.collect(stream))
    }
    .producingPages { invocation, interpreter in try allPages(invocation, interpreter.connection(for: invocation)) }

    /// With `--all`, every page in turn (1000 prospects a request unless --per-page says),
    /// handed down the pipeline as each arrives; nil without `--all`.
    static func allPages(_ invocation: Invocation, _ session: Session) throws -> ValueStream? {
        guard invocation[all] == true else { return nil }
        if invocation.has(page) {
            throw RuntimeError("--page and --all do not go together", at: invocation.range(of: page))
        }
        var first = try prospectQuery(invocation)
        let perPage = first.per_page ?? ProspectQuery.maxPerPage
        first.per_page = perPage
        let query = first
        let command = invocation.command
        let progress = ProgressLine(session.settings)
        // The total the first page tells (X-Total-Count): a page past it is not asked for.
        let known = KnownTotal()
        return ValueStream(
            fetch: { number in
                var query = query
                query.page = number
                if let total = known.value.withLock({ $0 }), (number - 1) * perPage >= max(total, 1) {
                    return ValueStream.Page(items: [], isLast: true)
                }
                let page = try await session.connection.send(Woodpecker.ListProspects(query), for: command)
                if let total = page.total { known.value.withLock { $0 = total } }
                let seen = (number - 1) * perPage + page.prospects.count
                // A page asked for with the first, past a total it did not know, holds nothing.
                if !page.prospects.isEmpty {
                    progress.update(
                        "prospects: \(seen) of \(page.total.map(String.init) ?? "?")", done: seen, total: page.total)
                }
                let isLast = page.prospects.count < perPage || (page.total.map { seen >= $0 } ?? false)
                return ValueStream.Page(items: page.prospects.map(record), isLast: isLast)
            },
            finish: { progress.finish() },
            // One page more on its way than /rest/v1 admits in flight (2): the client's throttle
            // holds it and sends it the moment an answer lands, while that answer is decoded —
            // two requests are at the server all the time, their round trips overlapping.
            prefetch: Woodpecker.ListProspects(query).family.maxInFlightPerAccount + 1,
            firstPages: Woodpecker.ListProspects(query).family.maxInFlightPerAccount)
    }

    /// The query the flags give (checked by the client before sending).
    static func prospectQuery(_ invocation: Invocation) throws -> ProspectQuery {
        var pairs: [(field: String, value: String)] = []
        for text in invocation.all(search) {
            for pair in text.split(separator: ",") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                guard parts.count == 2, !parts[0].isEmpty else {
                    throw RuntimeError(
                        "--search takes field=value pairs such as company=Acme,email=@acme.com; got '\(text)'",
                        at: invocation.range(of: search))
                }
                pairs.append((String(parts[0]).trimmingCharacters(in: .whitespaces).lowercased(), String(parts[1])))
            }
        }
        return ProspectQuery(
            page: invocation[page], per_page: invocation[perPage], sort: invocation[sort], status: invocation[status],
            campaigns_id: invocation[campaigns], campaigns_details: invocation[details],
            contacted: invocation[contacted], interested: invocation[interested], activity: invocation[activity],
            search: pairs.isEmpty ? nil : pairs)
    }

    /// A prospect as a record: id, email, status and names always; other fields, `organization_id`,
    /// `snippet_labels`, `encrypted` and each campaign's `campaign_email` when given.
    static func record(_ prospect: ProspectRecord) -> Value {
        var record: Record = [
            "id": .int(prospect.id), "email": .string(prospect.email), "status": .string(prospect.status),
            "first_name": .string(prospect.fields.first_name ?? ""),
            "last_name": .string(prospect.fields.last_name ?? ""),
            "company": .string(prospect.fields.company ?? ""),
        ]
        for field in ProspectRecord.recordTextFields where !["first_name", "last_name", "company"].contains(field) {
            if let value = prospect.fields[field], !value.isEmpty { record[field] = .string(value) }
        }
        for number in ProspectFields.snippetNumbers {
            if let value = prospect.fields.snippets[number], !value.isEmpty {
                record["snippet\(number)"] = .string(value)
            }
        }
        // What the API gives beyond the fields, kept when it gives it.
        if let organization = prospect.organization_id { record["organization_id"] = .int(organization) }
        if let labels = prospect.snippet_labels { record["snippet_labels"] = ReportCommands.value(labels) }
        if let encrypted = prospect.encrypted { record["encrypted"] = .bool(encrypted) }
        // Dates only when they happened: a table of new prospects stays narrow.
        if let date = prospect.last_contacted { record["last_contacted"] = .string(date) }
        if let date = prospect.last_replied { record["last_replied"] = .string(date) }
        if let date = prospect.updated { record["updated"] = .string(date) }
        if let campaigns = prospect.campaigns_details {
            record["campaigns"] = .list(
                campaigns.map { detail in
                    .record([
                        "campaign_id": .int(detail.campaign_id), "campaign_name": .string(detail.campaign_name),
                        "campaign_status": .string(detail.campaign_status),
                        "status": .string(detail.campaign_prospect_status),
                        "interested": detail.interested.map(Value.string) ?? .null,
                        "campaign_email": detail.campaign_email.map(Value.string) ?? .null,
                    ])
                })
        }
        return .record(record)
    }
}

/// The number of prospects the first page of `prospect list --all` said there are.
final class KnownTotal: Sendable {
    let value = Mutex<Int?>(nil)
}
