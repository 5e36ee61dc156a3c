import OutreachAPI
import WPSLanguage

/// `report campaigns|messages|open-rate|steps [--from DAY --to DAY]`: one of Woodpecker's reports,
/// asked for, waited for and returned as records (a table on a terminal).
enum ReportCommand {
    static let definitions: [CommandDefinition] = ReportKind.allCases.map(definition)

    static func summary(_ kind: ReportKind) -> String {
        switch kind {
        case .campaigns: "General statistics per campaign and sending mailbox over a period (the last 30 days at most)."
        case .messages: "Emails sent per campaign, day, path, step and version over a period."
        case .open_rate: "Emails sent and opened per campaign, day, mailbox, path, step and version over a period."
        case .complete_statistics_for_each_level_of_campaign:
            "The general statistics per campaign, step and version over a period."
        }
    }

    static func definition(_ kind: ReportKind) -> CommandDefinition {
        CommandDefinition(
            ["report", kind.commandWord], summary(kind), category: .api,
            discussion: """
                Days are UTC dates; Woodpecker reports at most the last 30 days, today included, which is also \
                the default. The report is asked for, then polled until READY (a spinner on stderr meanwhile).
                """,
            flags: ReportCommands.periodFlags,
            examples: ["report \(kind.commandWord) --from 7d" + (kind == .campaigns ? " | where responded > 0" : "")],
            sends: [
                "POST /rest/v2/reports/\(kind.rawValue)", "GET /rest/v2/reports/{hash}",
                "GET sandbox/clock (a sandbox only: when it refused the period, to read its today)",
            ],
            tests: ["ProspectCommandTests.reportCampaignsPollsUntilReadyAndCampaignStatsAddsTheMailboxes"]
        ) { invocation, interpreter in
            let session = try interpreter.connection(for: invocation)
            let period = try ReportCommands.period(invocation)
            let report = try await ReportCommands.fetch(kind, period: period, invocation: invocation, session: session)
            return .list(report.data.map { ReportCommands.value($0, columns: kind.columns) })
        }
    }
}
