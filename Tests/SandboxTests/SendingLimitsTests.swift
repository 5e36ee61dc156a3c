import Foundation
import OutreachAPI
import Testing

@testable import Sandbox

/// The mailboxes' daily limits and sending waits and the campaign's `daily_enroll`
/// (``SendingSimulation``): what the issue found (a campaign with `daily_enroll` 150 over 10
/// mailboxes at 40 a day wrote to every prospect at once) cannot happen.
@Suite struct SendingLimitsTests {
    let monday = "2025-01-06"
    let day = 86_400.0

    /// `count` enrolments from prospect 1000 on, all enrolled at `at`.
    func enrolments(_ count: Int, at time: Double) -> [SendingEnrolment] {
        (0..<count).map { SendingEnrolment(prospectID: 1_000 + $0, enrolledAt: time) }
    }

    func mailboxes(_ count: Int, limit: Int, wait: ClosedRange<Int>) -> [String: SendingMailbox] {
        Dictionary(
            uniqueKeysWithValues: (0..<count).map { index in
                let email = "s\(index)@sender.example.com"
                return (
                    email,
                    SendingMailbox(email: email, dailyLimit: limit, waitFrom: wait.lowerBound, waitTo: wait.upperBound)
                )
            })
    }

    /// Three steps a day apart, sending all day, from `mailboxes`.
    func campaign(id: Int = 777_001, dailyEnroll: Int?, mailboxes: [String], start: Double) -> SendingCampaign {
        SendingCampaign(
            id: id, name: "C\(id)", steps: Array(repeating: SendingStep(followupAfter: 86_400), count: 3),
            mailboxes: mailboxes, runs: runs(start), dailyEnroll: dailyEnroll)
    }

    @Test func theIssuesCampaignSendsAtMostItsDailyEnrollAndEachMailboxItsLimit() {
        let start = utc(monday, 9)
        let boxes = mailboxes(10, limit: 40, wait: 60...120)
        let campaign = campaign(dailyEnroll: 150, mailboxes: boxes.keys.sorted(), start: start)
        let messages = SendingRule.messages(
            campaign, enrolments(20_000, at: start), mailboxes: boxes, now: start + 10 * day)
        let byDay = Dictionary(grouping: messages) { SendingSimulation.utcDay($0.sentAt) }
        // Monday 09:00 to the eleventh day's 09:00: eleven UTC days, each with its 150.
        #expect(byDay.count == 11)
        for (_, sent) in byDay {
            #expect(sent.count == 150)  // the campaign's day, not the 400 its mailboxes could send
            for (_, fromOne) in Dictionary(grouping: sent, by: \.mailbox) { #expect(fromOne.count <= 40) }
        }
        // Day 1: only first steps (150 new prospects, not 20,000).
        let first = byDay[SendingSimulation.utcDay(start)] ?? []
        #expect(first.allSatisfy { $0.stepIndex == 1 })
        // Day 2: every follow-up due goes out that day (its room held), new prospects get the rest.
        let second = byDay[SendingSimulation.utcDay(start + day)] ?? []
        let due = first.filter { isPlain(campaignID: 777_001, prospectID: $0.prospectID, steps: 1) }
        let followups = second.filter { $0.stepIndex == 2 }
        #expect(!due.isEmpty && followups.count == due.count)
        #expect(second.filter { $0.stepIndex == 1 }.count == 150 - due.count)
    }

    @Test func mailboxesWaitBetweenSendsAndCarryTheRestToTheNextDay() {
        let start = utc(monday, 9)
        let boxes = mailboxes(2, limit: 10, wait: 60...120)
        let campaign = campaign(dailyEnroll: 1_000, mailboxes: boxes.keys.sorted(), start: start)
        let messages = SendingRule.messages(
            campaign, enrolments(100, at: start), mailboxes: boxes, now: start + 3 * day)
        for (_, fromOne) in Dictionary(grouping: messages, by: \.mailbox) {
            let times = fromOne.map(\.sentAt).sorted()
            for (earlier, later) in zip(times, times.dropFirst())
            where SendingSimulation.utcDay(earlier) == SendingSimulation.utcDay(later) {
                #expect(later - earlier >= 60 && later - earlier <= 120)
            }
            for (_, sameDay) in Dictionary(grouping: fromOne, by: { SendingSimulation.utcDay($0.sentAt) }) {
                #expect(sameDay.count == 10)
            }
        }
        // Four UTC days touched (from 09:00 Monday, then three midnights), 20 a day.
        #expect(messages.count == 80)
        let secondDay = messages.filter { SendingSimulation.utcDay($0.sentAt) == SendingSimulation.utcDay(start + day) }
        #expect(secondDay.map(\.sentAt).min() == utc("2025-01-07"))
    }

    @Test func aWindowThatClosesCarriesTheRestToTheNextWindow() {
        let start = utc(monday, 9)
        let boxes = mailboxes(1, limit: 500, wait: 600...600)
        let step = SendingStep(schedule: schedule([0, 1, 2, 3, 4, 5, 6], "09:00", "10:00"), followupAfter: 86_400)
        let campaign = SendingCampaign(id: 5, steps: [step], mailboxes: Array(boxes.keys), runs: runs(start))
        let messages = SendingRule.messages(campaign, enrolments(20, at: start), mailboxes: boxes, now: start + 2 * day)
        // 09:00, 09:10, … 09:50 each day: six, then the window is closed.
        var expected: [Double] = []
        for day in 0..<3 {
            for slot in 0..<6 { expected.append(start + Double(day) * self.day + Double(slot) * 600) }
        }
        #expect(messages.map(\.sentAt).sorted() == expected.filter { $0 <= start + 2 * day })
    }

    @Test func campaignsSharingAMailboxShareItsLimit() {
        let start = utc(monday, 9)
        let boxes = mailboxes(1, limit: 30, wait: 10...20)
        let one = campaign(id: 1, dailyEnroll: 100, mailboxes: Array(boxes.keys), start: start)
        let two = campaign(id: 2, dailyEnroll: 100, mailboxes: Array(boxes.keys), start: start)
        let sending = AccountSending(
            [one, two],
            enrolments: {
                $0 == 1
                    ? enrolments(50, at: start)
                    : (0..<50).map { SendingEnrolment(prospectID: 5_000 + $0, enrolledAt: start) }
            },
            mailboxes: boxes, now: utc(monday) + day - 1)
        #expect(sending.messages.count == 30)
        // The first campaign in the account's order goes first among new prospects.
        #expect(sending.messages.allSatisfy { $0.campaignID == 1 })
    }

    @Test func aLaterNowKeepsEveryEarlierMessage() {
        let start = utc(monday, 9)
        let boxes = mailboxes(3, limit: 25, wait: 30...90)
        let campaign = campaign(dailyEnroll: 60, mailboxes: boxes.keys.sorted(), start: start)
        let all = enrolments(400, at: start)
        let early = SendingRule.messages(campaign, all, mailboxes: boxes, now: start + 2.5 * day)
        let late = SendingRule.messages(campaign, all, mailboxes: boxes, now: start + 6 * day)
        let lateByKey = Dictionary(uniqueKeysWithValues: late.map { ("\($0.prospectID):\($0.stepIndex)", $0) })
        #expect(early.count < late.count)
        for message in early {
            let later = lateByKey["\(message.prospectID):\(message.stepIndex)"]
            #expect(later?.sentAt == message.sentAt && later?.mailbox == message.mailbox)
        }
    }

    @Test func aCampaignCompletesWhenEverySequenceHasEnded() throws {
        let start = utc(monday, 9)
        let boxes = mailboxes(1, limit: 50, wait: 60...60)
        let campaign = SendingCampaign(
            id: 9, steps: [SendingStep(followupAfter: 3_600), SendingStep()], mailboxes: Array(boxes.keys),
            runs: runs(start), dailyEnroll: 50)
        let people = enrolments(5, at: start)
        let running = AccountSending([campaign], enrolments: { _ in people }, mailboxes: boxes, now: start + 1_800)
        #expect(running.completions.isEmpty)
        let done = AccountSending([campaign], enrolments: { _ in people }, mailboxes: boxes, now: start + day)
        let completed = try #require(done.completions[9])
        // Ends with the last message sent (or, for a prospect that replied, its reply).
        let lastSent = try #require(done.messages.map(\.sentAt).max())
        #expect(completed >= lastSent && completed <= start + day)
        let events = SandboxEvent.events(
            done.messages, completions: done.completions, since: start, upTo: start + day,
            wanted: ["campaign_completed"])
        #expect(events.count == 1 && events[0].time == completed)
    }
}
