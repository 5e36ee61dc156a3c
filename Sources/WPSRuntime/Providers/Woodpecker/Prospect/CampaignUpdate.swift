import OutreachAPI
import WPSLanguage

/// What `prospect stop` and `prospect set` share: `--campaign`, the members found before
/// sending, and the `add_prospects_campaign` request with `update: true` that changes them in
/// place (docs/contract/inbox.md, "Stopping and updating a prospect in a campaign").
enum CampaignUpdate {
    /// `--campaign ID`: the campaign the prospects are in.
    static let campaign = Flag<Int>(
        "campaign", .campaignID, "the campaign the prospects are in", required: true, fields: ["campaign_id"],
        read: .integer)

    /// What one command calls what it did: `stopped` (`would stop` in a dry run).
    struct Verb: Sendable {
        var done: String
        var planned: String
    }

    /// Sends `prospects` (members of `campaign`, in the same order as `members`) as updates, at
    /// most 20,000 a request, and gives one record per prospect `{email, id, campaign_id,
    /// outcome, code, message}`: the verb, or `rejected` with the API's v1 code. A lost answer is
    /// sent again (the update is the same the second time). A broken rule is reported at its flag.
    static func send(
        _ prospects: [ProspectFields], members: [CampaignMembership.Member], campaign: Int, sendAfter: String?,
        verb: Verb, invocation: Invocation, session: Session
    ) async throws -> [Record] {
        var records: [Record] = []
        var start = 0
        while start < prospects.count {
            let end = min(prospects.count, start + Validation.maxProspectsPerRequest)
            let request = ProspectCampaignRequest(
                campaign: .init(campaign_id: campaign, send_after: sendAfter), prospects: Array(prospects[start..<end]),
                update: true)
            let response = try await deliver(request, invocation: invocation, session: session)
            guard response.prospects.count == end - start else {
                throw RuntimeError(
                    "the API answered \(response.prospects.count) outcomes for \(end - start) prospects sent",
                    at: invocation.command.range, exitCode: 1)
            }
            for (entry, member) in zip(response.prospects, members[start..<end]) {
                var record: Record = [
                    "email": .string(member.email), "id": .int(entry.id ?? member.id), "campaign_id": .int(campaign),
                ]
                if entry.isRejected {
                    record["outcome"] = .string("rejected")
                    record["code"] = entry.code.map(Value.string) ?? .null
                    let meaning = entry.code.flatMap { ErrorBody.V1Status.meanings[$0] }
                    record["message"] = .string(
                        [entry.msg, meaning].compactMap { $0 }.joined(separator: " — "))
                } else {
                    record["outcome"] = .string(session.settings.dryRun ? verb.planned : verb.done)
                    record["code"] = .null
                    record["message"] = .null
                }
                records.append(record)
            }
            start = end
        }
        return records
    }

    private static func deliver(
        _ request: ProspectCampaignRequest, invocation: Invocation, session: Session
    ) async throws -> ProspectBulkResponse {
        let endpoint = Woodpecker.AddProspectsCampaign(request)
        do {
            return try await session.connection.send(endpoint, for: invocation.command)
        } catch let error as OutreachError where error.kind == .outcomeUnknown {
            session.settings.progress(
                "the answer was lost (\(error.detail)); sending the same update again to learn the outcome")
            return try await session.connection.send(endpoint, for: invocation.command)
        } catch let error as OutreachError where error.kind == .validation {
            throw FlagForField.error(error, command: invocation.command)
        }
    }

    /// The exit after the records: 1, with the records printed first, when the API rejected any.
    static func finish(_ records: [Record], invocation: Invocation) throws -> Value {
        let rejected = records.filter { $0["outcome"]?.text == "rejected" }
        guard let first = rejected.first else { return .list(records.map(Value.record)) }
        let code = first["code"]?.text ?? "ERROR"
        var error = RuntimeError(
            "\(rejected.count) of \(records.count) prospect\(records.count == 1 ? "" : "s") rejected by the API "
                + "(first: \(first["email"]?.text ?? "?"): \(code) \(first["message"]?.text ?? ""))",
            at: invocation.command.range, exitCode: 1)
        error.result = .list(records.map(Value.record))
        throw error
    }
}
