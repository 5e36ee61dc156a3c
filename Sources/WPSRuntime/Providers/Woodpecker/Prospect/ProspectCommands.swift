import Foundation
import OutreachAPI
import WPSLanguage

/// What the `prospect` commands share: the prospect's field flags, the campaign target, and how
/// an answer entry becomes an outcome.
enum ProspectCommands {
    /// `--campaign ID`: into a campaign rather than only the database.
    static let campaign = Flag<Int>(
        "campaign", .campaignID, "the campaign to add the prospects to (default: only the database)",
        fields: ["campaign_id"], read: .integer)
    static let update = Flag<Bool>("update", "update prospects that exist (given fields only)", fields: ["update"])
    static let force = Flag<Bool>(
        "force", "admit prospects whose status is not ACTIVE into the campaign (needs --campaign)", fields: ["force"])
    static let sendAfter = Flag<String>(
        "send-after", .string, "the earliest time to write to them: 2025-04-01T09:00:00+0200 (needs --campaign)",
        fields: ["send_after"])
    static let fileName = Flag<String>("file-name", .string, "a label for the import", fields: ["file_name"])

    /// `--first-name` … `--industry`, `--status`, `--interested`, `--snippet1` … `--snippet15`:
    /// each answers to the API's own field name too.
    static let fieldFlags: [(field: String, flag: Flag<String>)] =
        ProspectFields.textFields.map { field in
            let kind: ValueKind =
                switch field {
                case "status": .choice(ProspectQuery.statuses)
                case "interested": .choice(ProspectQuery.interestLevels)
                default: .string
                }
            return (
                field,
                Flag<String>(String(field.map { $0 == "_" ? "-" : $0 }), kind, summary(field), fields: [field])
            )
        }
        + ProspectFields.snippetNumbers.map { number in
            (
                "snippet\(number)",
                Flag<String>("snippet\(number)", .string, "snippet \(number)", fields: ["snippet\(number)"])
            )
        }

    /// `--interested`: the interest level in the campaign, so it needs `--campaign`.
    static var interested: Flag<String>? { fieldFlags.first { $0.field == "interested" }?.flag }

    static func summary(_ field: String) -> String {
        switch field {
        case "status": "the global status"
        case "interested": "interest in the campaign (with --campaign --update)"
        case "linkedin_url": "the LinkedIn profile URL"
        case "tags": "tags, one text: #VC #TECH"
        default: "the " + String(field.map { $0 == "_" ? " " : $0 })
        }
    }

    /// The prospect the field flags describe.
    static func fields(_ invocation: Invocation, email: String) -> ProspectFields {
        var prospect = ProspectFields(email: email)
        for (field, flag) in fieldFlags {
            if let value = invocation[flag] { prospect[field] = value }
        }
        return prospect
    }

    /// `--force`, `--send-after` and `--interested` need `--campaign`, and `--send-after` is a
    /// date-time with an offset (checked here, at the flag, before any row is read).
    static func checkCampaignFlags(_ invocation: Invocation) throws {
        if let after = invocation[sendAfter], !Validation.isISODateTimeWithOffset(after) {
            // The example keeps the date and time given, where they can be read.
            let compact = after.replacingOccurrences(of: " ", with: "T")
            let date = compact.count >= 10 && Validation.dayNumber(String(compact.prefix(10))) != nil
            let time = compact.count >= 16 ? String(compact.dropFirst(11).prefix(5)) : "09:00"
            let example = "\(date ? String(compact.prefix(10)) : "2025-04-01")T\(date ? time : "09:00"):00+0000"
            throw RuntimeError(
                "--send-after takes a date-time with seconds and an offset, such as \(example) (+0000 is UTC, +0100 an hour ahead of it); got '\(after)'",
                at: invocation.range(of: sendAfter))
        }
        guard invocation[campaign] == nil else { return }
        if invocation.has(force) {
            throw RuntimeError("--force applies only with --campaign ID", at: invocation.range(of: force))
        }
        if invocation.has(sendAfter) {
            throw RuntimeError("--send-after applies only with --campaign ID", at: invocation.range(of: sendAfter))
        }
        // Interest is kept per campaign: the database has none to set.
        if let interested, invocation.has(interested) {
            throw RuntimeError(
                "--interested applies only with --campaign ID (interest is kept per campaign)",
                at: invocation.range(of: interested))
        }
    }

    /// `--force` admits a prospect whatever its global status, `BLACKLIST` included (the API makes
    /// no exception), so before sending it wps looks the prospect up and, when it is on the
    /// blacklist, asks first (docs/contract gap 9): `--yes` skips the question, and without a
    /// terminal the command refuses naming `--yes`. `--dry-run` neither looks nor asks.
    static func confirmForcingBlacklisted(
        _ email: String, campaign id: Int, invocation: Invocation, session: Session
    ) async throws {
        guard invocation[force] == true, !session.settings.dryRun, invocation[SharedFlags.yes] != true else { return }
        let query = ProspectQuery(per_page: 10, search: [(field: "email", value: email)])
        let page = try await session.connection.send(Woodpecker.ListProspects(query), for: invocation.command)
        // The search matches parts of addresses too: only the prospect itself counts.
        let key = email.trimmingCharacters(in: .whitespaces).lowercased()
        guard let prospect = page.prospects.first(where: { $0.email.lowercased() == key }),
            prospect.status == "BLACKLIST"
        else { return }
        try await Confirmation.ask(
            invocation, session: session,
            why:
                "--force would add \(prospect.email), which is on the BLACKLIST (not to be contacted), to campaign \(id),",
            untouched: "nothing was added"
        ) {
            "\(prospect.email) (id \(prospect.id)) is on the BLACKLIST: not to be contacted. Add it to campaign \(id) anyway?"
        }
    }

    /// `prospect import --force`: the rows are not read twice (a file may be stdin), so wps asks
    /// once, before the first request, when the account has any prospect on the blacklist that
    /// `--force` could admit (`GET /rest/v1/prospects?status=BLACKLIST&per_page=1` gives how many).
    /// `--yes` skips it; without a terminal the import refuses naming `--yes`; `--dry-run` neither
    /// looks nor asks.
    static func confirmForcingBlacklistedRows(
        of source: String, campaign id: Int, invocation: Invocation, session: Session
    ) async throws {
        guard invocation[force] == true, !session.settings.dryRun, invocation[SharedFlags.yes] != true else { return }
        let query = ProspectQuery(per_page: 1, status: "BLACKLIST")
        let page = try await session.connection.send(Woodpecker.ListProspects(query), for: invocation.command)
        let blacklisted = page.total ?? page.prospects.count
        guard blacklisted > 0 else { return }
        let count = "\(blacklisted) prospect\(blacklisted == 1 ? " is" : "s are")"
        try await Confirmation.ask(
            invocation, session: session,
            why: "--force would add any of the rows of \(source) on the BLACKLIST (\(count) on it) to campaign \(id),",
            untouched: "nothing was sent"
        ) {
            "\(count) on the BLACKLIST (not to be contacted); --force adds those among the rows of \(source) to campaign \(id) too. Go ahead?"
        }
    }

    /// What an answer entry says happened: `added`, `updated`, `duplicate` or `rejected`.
    static func outcome(_ entry: ProspectBulkResponse.Entry, update: Bool) -> RowOutcome {
        if entry.isDuplicate && (entry.code == nil || entry.code == "E_DUPLICATE") {
            return RowOutcome(kind: "duplicate", code: "E_DUPLICATE", message: entry.msg)
        }
        if entry.isRejected { return RowOutcome(kind: "rejected", code: entry.code, message: entry.msg) }
        return RowOutcome(kind: update && entry.status == "UPDATED" ? "updated" : "added", code: nil, message: nil)
    }

    /// Sends prospects to the database or a campaign; one outcome per prospect, in order. Through
    /// `connection` a broken rule is reported at the flag that gave the field.
    static func send(
        _ prospects: [ProspectFields], invocation: Invocation, client: OutreachClient, connection: Connection? = nil
    ) async throws -> [(entry: ProspectBulkResponse.Entry, outcome: RowOutcome)] {
        let update = invocation[Self.update] ?? false
        let response: ProspectBulkResponse
        if let id = invocation[campaign] {
            let endpoint = Woodpecker.AddProspectsCampaign(request(prospects, invocation: invocation, campaign: id))
            response = try await deliver(endpoint, invocation, client, connection)
        } else {
            let endpoint = Woodpecker.AddProspectsList(
                ProspectListRequest(prospects: prospects, update: update ? true : nil, file_name: invocation[fileName]))
            response = try await deliver(endpoint, invocation, client, connection)
        }
        guard response.prospects.count == prospects.count else {
            throw RuntimeError(
                "the API answered \(response.prospects.count) outcomes for \(prospects.count) prospects sent",
                at: invocation.command.range)
        }
        return response.prospects.map { ($0, outcome($0, update: update)) }
    }

    static func deliver<E: Endpoint>(
        _ endpoint: E, _ invocation: Invocation, _ client: OutreachClient, _ connection: Connection?
    ) async throws -> E.Success {
        if let connection { return try await connection.send(endpoint, for: invocation.command) }
        return try await client.send(endpoint)
    }

    /// The `add_prospects_campaign` body of the flags.
    static func request(_ prospects: [ProspectFields], invocation: Invocation, campaign id: Int)
        -> ProspectCampaignRequest
    {
        let update = invocation[Self.update] ?? false
        return ProspectCampaignRequest(
            campaign: .init(campaign_id: id, send_after: invocation[sendAfter]), prospects: prospects,
            force: invocation[force] == true ? true : nil, update: update ? true : nil,
            file_name: invocation[fileName])
    }
}
