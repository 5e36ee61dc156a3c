import Foundation
import OutreachAPI
import Testing

@testable import Sandbox

/// UTC seconds of `YYYY-MM-DD` at `hour:minute`.
func utc(_ date: String, _ hour: Int = 0, _ minute: Int = 0) -> Double {
    Double((Validation.dayNumber(date) ?? 0) * 86_400 + hour * 3_600 + minute * 60)
}

/// A running campaign of plain values for the sending rule.
func sendingCampaign(
    id: Int = 777_001, steps: [SendingStep], mailboxes: [String] = ["a@example.com"], timeZone: String = "UTC",
    runs: RunHistory
) -> SendingCampaign {
    SendingCampaign(
        id: id, name: "C\(id)", steps: steps, mailboxes: mailboxes,
        timeZone: TimeZone(identifier: timeZone) ?? .current, runs: runs)
}

/// A history running since `start` (and until `end`).
func runs(_ start: Double, until end: Double? = nil) -> RunHistory {
    RunHistory(periods: [.init(start: start, end: end)])
}

/// Whether the prospect's first `steps` messages are neither bounced, replied nor opted out.
func isPlain(campaignID: Int, prospectID: Int, steps: Int) -> Bool {
    (1...steps).allSatisfy { step in
        let draw = MessageDraw(campaignID: campaignID, prospectID: prospectID, step: step)
        return (step > 1 || draw.basisPoints(.bounce) >= SendingRule.Rates.bounce)
            && draw.basisPoints(.reply) >= SendingRule.Rates.reply
            && draw.basisPoints(.optOut) >= SendingRule.Rates.optOut
    }
}

/// A schedule open on the given weekdays (Monday = 0) from `from` to `to` (`HH:mm`).
func schedule(_ days: [Int], _ from: String, _ to: String) -> DeliverySchedule {
    let start = (Validation.minutes(ofTime: from) ?? 0) * 60
    var end = (Validation.minutes(ofTime: to, allow24: true) ?? 0) * 60
    if end == 0 { end = 86_400 }
    return DeliverySchedule(days: (0..<7).map { days.contains($0) ? [start..<end] : [] })
}

@Suite struct ReportSendingTests {
    let monday = "2025-01-06"  // a Monday

    @Test func dueTimesFollowTheChain() throws {
        #expect(DeliverySchedule.weekday(ofDay: Validation.dayNumber(monday) ?? 0) == 0)
        let steps = [
            SendingStep(followupAfter: 2 * 86_400), SendingStep(followupAfter: 5 * 3_600), SendingStep(),
        ]
        let start = utc(monday, 10)
        let campaign = sendingCampaign(steps: steps, runs: runs(start))
        let prospect = try #require((1...500).first { isPlain(campaignID: 777_001, prospectID: $0, steps: 3) })
        // Enrolled before the first run: step 1 at the run.
        let early = SendingRule.messages(
            campaign, [SendingEnrolment(prospectID: prospect, enrolledAt: start - 86_400)], now: start + 30 * 86_400)
        #expect(early.map(\.sentAt) == [start, start + 2 * 86_400, start + 2 * 86_400 + 5 * 3_600])
        #expect(early.map(\.stepIndex) == [1, 2, 3])
        // Enrolled later, with a later send_after: step 1 at send_after.
        let later = SendingRule.messages(
            campaign, [SendingEnrolment(prospectID: prospect, enrolledAt: start + 3_600, sendAfter: start + 7_200)],
            now: start + 30 * 86_400)
        #expect(later.first?.sentAt == start + 7_200)
        // Nothing due after now is sent.
        let partial = SendingRule.messages(
            campaign, [SendingEnrolment(prospectID: prospect, enrolledAt: start)], now: start + 86_400)
        #expect(partial.map(\.stepIndex) == [1])
        // The version letters come from the step; the mailbox is email_account_ids[id % count].
        #expect(early.allSatisfy { $0.version == "A" && $0.mailbox == "a@example.com" })
    }

    @Test func windowsSkipTheWeekend() {
        let weekdays = schedule([0, 1, 2, 3, 4], "09:00", "17:00")
        let offsets = UTCOffsetTable(
            TimeZone(identifier: "UTC") ?? .current, from: utc("2025-01-01"), to: utc("2025-02-01"))
        // Friday 18:00 and Saturday noon → Monday 09:00.
        #expect(weekdays.nextOpening(at: utc("2025-01-10", 18), offsets: offsets) == utc("2025-01-13", 9))
        #expect(weekdays.nextOpening(at: utc("2025-01-11", 12), offsets: offsets) == utc("2025-01-13", 9))
        // Inside a window: unchanged; before it: the same day's opening; at its end: the next day's.
        #expect(weekdays.nextOpening(at: utc("2025-01-08", 10, 30), offsets: offsets) == utc("2025-01-08", 10, 30))
        #expect(weekdays.nextOpening(at: utc("2025-01-08", 7), offsets: offsets) == utc("2025-01-08", 9))
        #expect(weekdays.nextOpening(at: utc("2025-01-08", 17), offsets: offsets) == utc("2025-01-09", 9))
        // 00:00–00:00 is the whole day.
        let allDay = DeliverySchedule(DeliveryTime([.sunday: [TimeWindow(from: "00:00", to: "00:00")]]))
        #expect(allDay.days[6] == [0..<86_400])
        #expect(allDay.nextOpening(at: utc("2025-01-12", 23, 59), offsets: offsets) == utc("2025-01-12", 23, 59))
        #expect(allDay.nextOpening(at: utc("2025-01-13", 0), offsets: offsets) == utc("2025-01-19", 0))
        // Several windows a day, given out of order.
        let split = DeliverySchedule(
            DeliveryTime([.monday: [TimeWindow(from: "14:00", to: "16:00"), TimeWindow(from: "08:00", to: "10:00")]]))
        #expect(split.nextOpening(at: utc(monday, 11), offsets: offsets) == utc(monday, 14))
        // No window at all: never.
        #expect(DeliverySchedule(days: []).nextOpening(at: utc(monday), offsets: offsets) == nil)
    }

    @Test func windowsAreInTheCampaignsTimeZone() {
        let nineToTen = schedule([0], "09:00", "10:00")
        let newYork = TimeZone(identifier: "America/New_York") ?? .current
        let winter = UTCOffsetTable(newYork, from: utc("2025-01-01"), to: utc("2025-02-01"))
        // Monday 12:00 UTC is 07:00 EST: the window opens at 09:00 EST = 14:00 UTC.
        #expect(nineToTen.nextOpening(at: utc(monday, 12), offsets: winter) == utc(monday, 14))
        // Tokyo: Sunday 20:00 UTC is Monday 05:00 JST → Monday 09:00 JST = Monday 00:00 UTC.
        let tokyo = UTCOffsetTable(
            TimeZone(identifier: "Asia/Tokyo") ?? .current, from: utc("2025-01-01"), to: utc("2025-02-01"))
        #expect(nineToTen.nextOpening(at: utc("2025-01-05", 20), offsets: tokyo) == utc(monday, 0))
        // Berlin across the spring change (Sunday 2025-03-30): 09:00 CET was 08:00 UTC the day
        // before, 09:00 CEST is 07:00 UTC that day.
        let daily = schedule(Array(0..<7), "09:00", "10:00")
        let berlin = UTCOffsetTable(
            TimeZone(identifier: "Europe/Berlin") ?? .current, from: utc("2025-03-01"), to: utc("2025-04-30"))
        #expect(daily.nextOpening(at: utc("2025-03-29", 0), offsets: berlin) == utc("2025-03-29", 8))
        #expect(daily.nextOpening(at: utc("2025-03-30", 0), offsets: berlin) == utc("2025-03-30", 7))
        // The table agrees with Foundation everywhere in its span.
        let zone = TimeZone(identifier: "Europe/Berlin") ?? .current
        for hour in stride(from: 0, to: 60 * 24, by: 7) {
            let time = utc("2025-03-01") + Double(hour) * 3_600
            #expect(berlin.offset(at: time) == zone.secondsFromGMT(for: Date(timeIntervalSince1970: time)))
        }
        // Through the rule: a New York campaign sends its first step at the window.
        let campaign = sendingCampaign(
            steps: [SendingStep(schedule: nineToTen)], timeZone: "America/New_York", runs: runs(utc(monday)))
        let sent = SendingRule.messages(
            campaign, [SendingEnrolment(prospectID: 1, enrolledAt: utc(monday, 12))], now: utc("2025-01-31"))
        #expect(sent.first?.sentAt == utc(monday, 14))
    }

    @Test func nothingIsSentWhileTheCampaignIsNotRunning() throws {
        let start = utc(monday)
        var history = RunHistory()
        history.started(at: start)
        history.ended(at: start + 86_400)  // paused after a day
        history.started(at: start + 3 * 86_400)  // run again two days later
        history.started(at: start + 4 * 86_400)  // no-op while running
        #expect(history.periods.count == 2)
        let steps = [SendingStep(followupAfter: 3_600), SendingStep()]
        let campaign = sendingCampaign(steps: steps, runs: history)
        let prospect = try #require((1...500).first { isPlain(campaignID: 777_001, prospectID: $0, steps: 2) })
        let enrolment = SendingEnrolment(prospectID: prospect, enrolledAt: start + 86_400 - 1_800)
        // Step 1 half an hour before the pause; step 2 would be due during it: it waits.
        let during = SendingRule.messages(campaign, [enrolment], now: start + 2 * 86_400)
        #expect(during.map(\.sentAt) == [start + 86_400 - 1_800])
        let after = SendingRule.messages(campaign, [enrolment], now: start + 5 * 86_400)
        #expect(after.map(\.sentAt) == [start + 86_400 - 1_800, start + 3 * 86_400])
        // Enrolled during the pause: the first step when it runs again.
        let paused = SendingRule.messages(
            campaign, [SendingEnrolment(prospectID: prospect, enrolledAt: start + 2 * 86_400)], now: start + 5 * 86_400)
        #expect(paused.first?.sentAt == start + 3 * 86_400)
        // A campaign that never ran, or stopped for good, sends nothing (more).
        #expect(
            SendingRule.messages(sendingCampaign(steps: steps, runs: RunHistory()), [enrolment], now: start + 9e5)
                .isEmpty)
        let stopped = sendingCampaign(steps: steps, runs: runs(start, until: start + 3_600))
        #expect(
            SendingRule.messages(
                stopped, [SendingEnrolment(prospectID: prospect, enrolledAt: start + 7_200)], now: start + 9e5
            )
            .isEmpty)
        // A prospect that is not admitted gets nothing.
        var blocked = enrolment
        blocked.admitted = false
        #expect(SendingRule.messages(campaign, [blocked], now: start + 9e5).isEmpty)
    }

    /// 10,000 prospects, three steps of two versions, two mailboxes.
    func population(now: Double? = nil) -> (SendingCampaign, [SentMessage]) {
        let start = utc(monday)
        let campaign = sendingCampaign(
            steps: Array(repeating: SendingStep(versions: ["A", "B"], followupAfter: 86_400), count: 3),
            mailboxes: ["a@example.com", "b@example.com"], runs: runs(start))
        let enrolments = (1...10_000).map { SendingEnrolment(prospectID: 100_000 + $0, enrolledAt: start) }
        return (campaign, SendingRule.messages(campaign, enrolments, now: now ?? start + 30 * 86_400))
    }

    @Test func seededRatesAreNearTheirTargetsAndReproducible() {
        let (_, messages) = population()
        let first = messages.filter { $0.stepIndex == 1 }
        #expect(first.count == 10_000)
        func share(_ part: Int, _ whole: Int) -> Double { Double(part) / Double(max(whole, 1)) }
        let delivered = messages.filter(\.delivered)
        let opened = delivered.filter { $0.openedAt != nil }
        let replied = delivered.filter { $0.repliedAt != nil }
        #expect(abs(share(first.filter(\.bounced).count, first.count) - 0.04) < 0.01)
        #expect(abs(share(opened.count, delivered.count) - 0.45) < 0.02)
        #expect(abs(share(opened.filter { $0.clickedAt != nil }.count, opened.count) - 0.05) < 0.015)
        #expect(abs(share(replied.count, delivered.count) - 0.10) < 0.015)
        #expect(abs(share(delivered.filter(\.optedOut).count, delivered.count) - 0.01) < 0.005)
        #expect(abs(share(replied.filter { $0.interest == .interested }.count, replied.count) - 0.60) < 0.05)
        #expect(abs(share(replied.filter { $0.interest == .maybeLater }.count, replied.count) - 0.25) < 0.05)
        #expect(replied.allSatisfy { $0.interest != nil })
        #expect(abs(share(messages.filter { $0.version == "A" }.count, messages.count) - 0.5) < 0.02)
        #expect(messages.allSatisfy { $0.mailbox == ["a@example.com", "b@example.com"][$0.prospectID % 2] })
        // The same input gives the same messages, to the last event; pinned so that a change to
        // the rule or the hash shows.
        #expect(population().1 == messages)
        #expect(MessageDraw(campaignID: 777_001, prospectID: 100_001, step: 1).seed == Self.fnv1a("777001:100001:1"))
        #expect(messages.count == Self.pinned.messages)
        #expect(first.filter(\.bounced).count == Self.pinned.bounced)
        #expect(replied.count == Self.pinned.replied)
    }

    static let pinned = (messages: 26_213, bounced: 380, replied: 2_614)

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    @Test func bouncesRepliesAndOptOutsEndTheSequence() {
        let (_, messages) = population()
        let byProspect = Dictionary(grouping: messages, by: \.prospectID)
        #expect(byProspect.count == 10_000)
        for (_, sent) in byProspect {
            let steps = sent.map(\.stepIndex)
            #expect(steps == Array(1...steps.count))
            for (index, message) in sent.enumerated() {
                let isLast = index == sent.count - 1
                if message.bounced { #expect(message.stepIndex == 1 && isLast) }
                if message.bounced { #expect(message.openedAt == nil && message.repliedAt == nil) }
                if message.repliedAt != nil || message.optedOut { #expect(isLast) }
                if !isLast { #expect(!message.bounced && message.repliedAt == nil && !message.optedOut) }
            }
        }
        #expect(messages.contains { $0.repliedAt != nil && $0.stepIndex < 3 })
        // Only first steps bounce.
        #expect(messages.filter(\.bounced).allSatisfy { $0.stepIndex == 1 })
    }

    @Test func aLaterNowOnlyAddsMessagesAndEvents() {
        let start = utc(monday)
        let (_, early) = population(now: start + 86_400 + 7_200)
        let (_, late) = population()
        let lateByKey = Dictionary(uniqueKeysWithValues: late.map { ("\($0.prospectID):\($0.stepIndex)", $0) })
        for message in early {
            let later = lateByKey["\(message.prospectID):\(message.stepIndex)"]
            #expect(later?.sentAt == message.sentAt && later?.version == message.version)
            #expect(later?.bounced == message.bounced)
            if message.openedAt != nil { #expect(later?.openedAt == message.openedAt) }
        }
        // Step 2 went out at +1 day; its replies (+3 h) had not come yet.
        #expect(early.contains { $0.stepIndex == 2 })
        #expect(!early.contains { $0.stepIndex == 2 && $0.repliedAt != nil })
        #expect(early.contains { $0.stepIndex == 2 && $0.openedAt != nil })
    }

    @Test func timingOf200000ProspectsAndThreeSteps() {
        let start = utc(monday)
        let campaign = sendingCampaign(
            steps: [
                SendingStep(
                    versions: ["A", "B"], schedule: schedule([0, 1, 2, 3, 4], "08:00", "18:00"),
                    followupAfter: 2 * 86_400),
                SendingStep(schedule: schedule([0, 1, 2, 3, 4], "08:00", "18:00"), followupAfter: 3 * 86_400),
                SendingStep(schedule: schedule([0, 1, 2, 3, 4], "08:00", "18:00")),
            ],
            mailboxes: ["a@example.com", "b@example.com", "c@example.com"], timeZone: "Europe/Berlin",
            runs: runs(start))
        let enrolments = (1...200_000).map {
            SendingEnrolment(prospectID: 100_000 + $0, enrolledAt: start + Double($0 % 5_000) * 60)
        }
        let clock = ContinuousClock()
        var messages: [SentMessage] = []
        let elapsed = clock.measure { messages = SendingRule.messages(campaign, enrolments, now: start + 60 * 86_400) }
        var rows: [[JSONValue]] = []
        let reportElapsed = clock.measure {
            rows = ReportRows.rows(
                .campaigns, messages: messages, campaigns: [campaign.id: campaign],
                fromDay: Validation.dayNumber(monday) ?? 0, toDay: (Validation.dayNumber(monday) ?? 0) + 60)
        }
        print(
            "sending: 200,000 enrolments × 3 steps → \(messages.count) messages in \(elapsed); campaigns report (\(rows.count) rows) in \(reportElapsed)"
        )
        #expect(messages.count > 400_000)
    }
}
