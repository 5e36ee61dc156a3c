import Foundation
import OutreachAPI
import Testing

@testable import Sandbox

@Suite struct ReportRowsTests {
    let day = "2025-01-06"

    /// A message of campaign `campaign` to `prospect`, sent on `day` at `hour` UTC.
    func message(
        _ campaign: Int, _ prospect: Int, step: Int = 1, version: String = "A", from mailbox: String = "a@x.com",
        on date: String? = nil, hour: Int = 10, bounced: Bool = false, opened: Bool = false, clicked: Bool = false,
        replied: ProspectInterest? = nil, optedOut: Bool = false
    ) -> SentMessage {
        let sentAt = utc(date ?? day, hour)
        return SentMessage(
            campaignID: campaign, prospectID: prospect, stepIndex: step, version: version, mailbox: mailbox,
            sentAt: sentAt, bounced: bounced, openedAt: opened ? sentAt + 3_600 : nil,
            clickedAt: clicked ? sentAt + 7_200 : nil, repliedAt: replied == nil ? nil : sentAt + 10_800,
            interest: replied, optedOut: optedOut)
    }

    var campaigns: [Int: SendingCampaign] {
        [
            1: SendingCampaign(id: 1, name: "One", status: "RUNNING", steps: [], mailboxes: [], runs: RunHistory()),
            2: SendingCampaign(id: 2, name: "Two", status: "PAUSED", steps: [], mailboxes: [], runs: RunHistory()),
            3: SendingCampaign(id: 3, name: "Three", status: "RUNNING", steps: [], mailboxes: [], runs: RunHistory()),
        ]
    }

    /// Campaign 1: prospect 1 opened step 1 and replied to step 2 (version B); 2 bounced; 3 opted
    /// out; 4 (another mailbox) opened and clicked. Campaign 2: one bounce. Campaign 3: only
    /// outside the period.
    var messages: [SentMessage] {
        [
            message(1, 1, opened: true),
            message(1, 1, step: 2, version: "B", on: "2025-01-07", replied: .interested),
            message(1, 2, bounced: true),
            message(1, 3, optedOut: true),
            message(1, 4, from: "b@x.com", opened: true, clicked: true),
            message(2, 5, bounced: true),
            message(3, 6, on: "2025-01-20", opened: true),
        ]
    }

    func rows(_ kind: ReportKind, to: String = "2025-01-07") -> [[String: JSONValue]] {
        let rows = ReportRows.rows(
            kind, messages: messages, campaigns: campaigns, fromDay: Validation.dayNumber(day) ?? 0,
            toDay: Validation.dayNumber(to) ?? 0)
        #expect(rows.allSatisfy { $0.count == kind.columns.count })
        return rows.map { Dictionary(uniqueKeysWithValues: zip(kind.columns, $0)) }
    }

    @Test func ratesHaveOneDecimalAndAZeroDivisor() {
        // The sample of reports.md.
        #expect(ReportMetrics.rate(9, of: 172) == "5.2%")
        #expect(ReportMetrics.rate(117, of: 163) == "71.8%")
        #expect(ReportMetrics.rate(45, of: 163) == "27.6%")
        #expect(ReportMetrics.rate(1, of: 16) == "6.3%")  // 6.25, half up
        #expect(ReportMetrics.rate(2, of: 3) == "66.7%")
        #expect(ReportMetrics.rate(3, of: 3) == "100.0%")
        #expect(ReportMetrics.rate(0, of: 0) == "0.0%")
        #expect(ReportMetrics.rate(0, of: 7) == "0.0%")
    }

    @Test func campaignsRowsCountDistinctProspectsPerMailbox() {
        let rows = rows(.campaigns)
        #expect(rows.map { $0["id"] } == [.number(1), .number(1), .number(2)])
        #expect(rows.map { $0["sent_from"] } == [.string("a@x.com"), .string("b@x.com"), .string("a@x.com")])
        let first = rows[0]
        // 3 prospects, 1 bounced (33.3%), 2 delivered; prospect 1 counts once for its two messages.
        let expected: [String: JSONValue] = [
            "id": .number(1), "name": .string("One"), "status": .string("RUNNING"), "sent_from": .string("a@x.com"),
            "contacted_prospects": .number(3), "bounced": .number(1), "bounced_rate": .string("33.3%"),
            "opened": .number(1), "open_rate": .string("50.0%"), "clicked": .number(0), "opt_out": .number(1),
            "delivered": .number(2), "responded": .number(1), "response_rate": .string("50.0%"),
            "interested": .number(1), "maybe_later": .number(0), "not_interested": .number(0),
        ]
        #expect(first == expected)
        #expect(rows[1]["clicked"] == .number(1) && rows[1]["open_rate"] == .string("100.0%"))
        // Nothing delivered: the rates over delivered are 0.0%.
        #expect(rows[2]["bounced_rate"] == .string("100.0%"))
        #expect(rows[2]["delivered"] == .number(0))
        #expect(rows[2]["open_rate"] == .string("0.0%") && rows[2]["response_rate"] == .string("0.0%"))
        #expect(rows[2]["status"] == .string("PAUSED"))
        // A shorter period leaves out step 2 (sent the next day): nobody responded.
        #expect(self.rows(.campaigns, to: day)[0]["responded"] == .number(0))
    }

    @Test func messagesAndOpenRateRowsSplitByDayStepAndVersion() {
        let messages = rows(.messages)
        #expect(
            messages == [
                [
                    "id": .number(1), "name": .string("One"), "date": .string(day), "path": .string("main"),
                    "step": .number(1), "version": .string("A"), "sent": .number(4),
                ],
                [
                    "id": .number(1), "name": .string("One"), "date": .string("2025-01-07"), "path": .string("main"),
                    "step": .number(2), "version": .string("B"), "sent": .number(1),
                ],
                [
                    "id": .number(2), "name": .string("Two"), "date": .string(day), "path": .string("main"),
                    "step": .number(1), "version": .string("A"), "sent": .number(1),
                ],
            ])
        let open = rows(.open_rate)
        #expect(open.count == 4)
        #expect(open[0]["sent_from"] == .string("a@x.com") && open[0]["sent"] == .number(3))
        #expect(open[0]["opened"] == .number(1) && open[0]["open_rate"] == .string("33.3%"))
        #expect(open[1]["sent_from"] == .string("b@x.com") && open[1]["open_rate"] == .string("100.0%"))
        #expect(open[2]["step"] == .number(2) && open[2]["open_rate"] == .string("0.0%"))
    }

    @Test func completeStatisticsArePerStepAndVersion() {
        let rows = rows(.complete_statistics_for_each_level_of_campaign)
        #expect(
            rows.map { [$0["id"], $0["step"], $0["version"]] } == [
                [.number(1), .number(1), .string("A")], [.number(1), .number(2), .string("B")],
                [.number(2), .number(1), .string("A")],
            ])
        #expect(rows[0]["contacted_prospects"] == .number(4) && rows[0]["delivered"] == .number(3))
        #expect(rows[0]["opened"] == .number(2) && rows[0]["open_rate"] == .string("66.7%"))
        #expect(rows[1]["responded"] == .number(1) && rows[1]["response_rate"] == .string("100.0%"))
        #expect(rows[1]["status"] == .string("RUNNING"))
    }

    /// A prospect who replied twice (interested, then not interested) is counted once, at its
    /// latest reply's level: the levels never add up to more than `responded`.
    @Test func aProspectHasOneInterestLevelItsLatestReplys() {
        let twice = [
            message(1, 1, replied: .interested),
            message(1, 1, step: 2, version: "B", on: "2025-01-07", replied: .notInterested),
            message(1, 2, step: 2, version: "B", on: "2025-01-07", replied: .maybeLater),
            message(1, 2, replied: .interested),  // earlier than its other reply, listed later
        ]
        let rows = ReportRows.rows(
            .campaigns, messages: twice, campaigns: campaigns, fromDay: Validation.dayNumber(day) ?? 0,
            toDay: Validation.dayNumber("2025-01-07") ?? 0
        ).map { Dictionary(uniqueKeysWithValues: zip(ReportKind.campaigns.columns, $0)) }
        #expect(rows.count == 1)
        #expect(rows[0]["responded"] == .number(2))
        #expect(rows[0]["interested"] == .number(0))
        #expect(rows[0]["maybe_later"] == .number(1))
        #expect(rows[0]["not_interested"] == .number(1))
    }

    @Test func campaignsWithNothingInThePeriodAreLeftOut() {
        #expect(!rows(.campaigns).contains { $0["id"] == .number(3) })
        let later = ReportRows.rows(
            .campaigns, messages: messages, campaigns: campaigns, fromDay: Validation.dayNumber("2025-01-20") ?? 0,
            toDay: Validation.dayNumber("2025-01-20") ?? 0)
        #expect(later.count == 1 && later[0][0] == .number(3))
        #expect(ReportRows.rows(.messages, messages: [], campaigns: campaigns, fromDay: 0, toDay: 99_999).isEmpty)
    }
}
