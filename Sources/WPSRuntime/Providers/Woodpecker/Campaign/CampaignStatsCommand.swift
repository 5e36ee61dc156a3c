import OutreachAPI
import WPSLanguage

/// `campaign stats ID [--from DAY --to DAY]`: one campaign's numbers over a period — totals over
/// its sending mailboxes, each mailbox's row and each step's — from two of Woodpecker's reports.
enum CampaignStatsCommand {
    static let definition = CommandDefinition(
        ["campaign", "stats"],
        "A campaign's statistics over a period: totals, per sending mailbox and per step (the last 30 days at most).",
        category: .api,
        discussion: """
            Built from the campaigns report and the complete statistics per step, asked for together and \
            polled until READY. Totals add the mailboxes' counts; the rates are worked out again from the sums \
            as the reports do (bounced over contacted, opened and responded over delivered). A campaign that \
            sent nothing in the period has zeros.
            """,
        positionals: [CampaignCommands.id], flags: ReportCommands.periodFlags,
        examples: ["campaign stats 777001 --from 7d", "campaign stats 777001 | get totals.open_rate"],
        sends: [
            "POST /rest/v2/reports/campaigns", "POST /rest/v2/reports/complete_statistics_for_each_level_of_campaign",
            "GET campaigns/{id} (first: an unknown id fails before any report is asked for)",
            "GET /rest/v2/reports/{hash}",
            "GET sandbox/clock (a sandbox only: when it refused the period, to read its today)",
        ],
        tests: ["ProspectCommandTests.reportCampaignsPollsUntilReadyAndCampaignStatsAddsTheMailboxes"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let id = try invocation.required(CampaignCommands.id)
        let period = try ReportCommands.period(invocation)
        // The campaign first: a mistyped id is an error at once, not after polling two reports.
        let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: id), for: invocation.command)
        async let general = ReportCommands.fetch(.campaigns, period: period, invocation: invocation, session: session)
        async let steps = ReportCommands.fetch(
            .complete_statistics_for_each_level_of_campaign, period: period, invocation: invocation, session: session)
        let mailboxes = try await general.data.map { ReportCommands.value($0, columns: ReportKind.campaigns.columns) }
            .filter { $0.field("id") == .int(id) }
        let stepRows = try await steps.data.map {
            ReportCommands.value($0, columns: ReportKind.complete_statistics_for_each_level_of_campaign.columns)
        }.filter { $0.field("id") == .int(id) }
        var record = Record()
        record["id"] = .int(id)
        record["name"] = .string(campaign.name)
        record["status"] = .string(campaign.status.rawValue)
        record["from"] = .string(period.from)
        record["to"] = .string(period.to)
        record["totals"] = .record(totals(mailboxes))
        record["mailboxes"] = .list(
            mailboxes.map { row in
                guard case .record(var fields) = row else { return row }
                for key in ["id", "name", "status"] { fields[key] = nil }
                return .record(fields)
            })
        record["steps"] = .list(
            stepRows.map { row in
                guard case .record(var fields) = row else { return row }
                for key in ["id", "name", "status"] { fields[key] = nil }
                return .record(fields)
            })
        return .record(record)
    }

    /// The counts summed, the rates worked out from the sums (`"5.2%"`, `"0.0%"` over nothing).
    static func totals(_ rows: [Value]) -> Record {
        var sums: [String: Int] = [:]
        for row in rows {
            for metric in ReportKind.metrics where !metric.hasSuffix("_rate") {
                if case .int(let count) = row.field(metric) ?? .null { sums[metric, default: 0] += count }
            }
        }
        func rate(_ part: String, _ whole: String) -> Value {
            let divisor = sums[whole] ?? 0
            guard divisor > 0 else { return .string("0.0%") }
            let tenths = (Double(sums[part] ?? 0) * 1000 / Double(divisor)).rounded()
            return .string("\(Int(tenths) / 10).\(Int(tenths) % 10)%")
        }
        var record = Record()
        for metric in ReportKind.metrics {
            switch metric {
            case "bounced_rate": record[metric] = rate("bounced", "contacted_prospects")
            case "open_rate": record[metric] = rate("opened", "delivered")
            case "response_rate": record[metric] = rate("responded", "delivered")
            default: record[metric] = .int(sums[metric] ?? 0)
            }
        }
        return record
    }
}
