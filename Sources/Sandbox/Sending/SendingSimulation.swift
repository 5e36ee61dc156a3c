import HeapModule

/// Every message the campaigns of an account send up to a moment, worked out in time order so
/// that they share their mailboxes' days and their own (README, "Sending and reports"):
///
/// - each mailbox sends one message at a time, then waits its sending wait (drawn between
///   `frequency_from` and `frequency_to` seconds), and at most `daily_limit` messages a UTC day;
/// - each campaign sends at most `daily_enroll` messages a day of its time zone, follow-ups
///   first: a new prospect gets only the room that the day's due follow-ups leave;
/// - at each free moment a mailbox sends, of what is due and inside its window, a follow-up first
///   (the earliest due, campaigns in the account's order), else the first step of the next new
///   prospect (in the order they became due, then were added); what does not fit waits for the
///   next free moment, the next day, or the next window.
///
/// The moments and outcomes of each message are those of ``SendingRule``; a prospect's first
/// reply, bounce or opt-out stops every later message to it (in its campaign: the steps due
/// after it; in the others: every message from then on). Time only moves forward, so a later
/// `now` gives the same messages up to the earlier one and adds the rest.
struct SendingSimulation {
    /// A message waiting for its mailbox: a follow-up, or the first step of a prospect whose
    /// pauses keep it out of its campaign's queue.
    struct Waiting: Comparable {
        /// The earliest moment it may go, as last worked out.
        var key: Double
        var campaign: Int
        var enrolment: Int
        /// 0-based, along the campaign's EMAIL steps.
        var step: Int
        var due: Double
        /// When a reply or an opt-out to an earlier step stops this one.
        var stopAt: Double
        /// The campaign's local day of `due`, where a follow-up holds its room (``CampaignState/followupsDue``).
        var dueDay = 0

        static func < (a: Waiting, b: Waiting) -> Bool {
            (a.key, a.campaign, a.enrolment, a.step) < (b.key, b.campaign, b.enrolment, b.step)
        }
    }

    /// The new prospects of one campaign on one mailbox, in the order their first step falls due.
    struct Queue {
        var campaign: Int
        /// Enrolment indices with their first step's due time, sorted.
        var entries: [(due: Double, enrolment: Int)]
        var next = 0
    }

    /// One mailbox's state as time goes.
    struct MailboxState {
        var rule: SendingMailbox
        var waiting = Heap<Waiting>()
        var queues: [Queue] = []
        /// The UTC day of `sentThatDay`.
        var day = Int.min
        var sentThatDay = 0
        var sent = 0
    }

    /// One campaign's state as time goes.
    struct CampaignState {
        let campaign: SendingCampaign
        let enrolments: [SendingEnrolment]
        let offsets: UTCOffsetTable
        /// The local day of `sentThatDay`.
        var day = Int.min
        var sentThatDay = 0
        /// By local day, the follow-ups due then and not sent yet: the room they hold that day
        /// (and after, while they wait) from new prospects.
        var followupsDue: [Int: Int] = [:]
        /// Enrolments whose sequence has not ended yet.
        var pending = 0
        /// When the last ended sequence ended.
        var lastEnded = -Double.infinity
        var completedAt: Double?
    }

    /// The messages sent, campaign by campaign in the account's order, enrolment by enrolment,
    /// each one's steps in order.
    private(set) var messages: [SentMessage] = []
    /// By campaign id, when every sequence of the campaign had ended (its last step sent, or
    /// stopped by a bounce, a reply or an opt-out), if that moment has come.
    private(set) var completions: [Int: Double] = [:]

    private var campaigns: [CampaignState] = []
    private var mailboxes: [MailboxState] = []
    /// By prospect id: the earliest moment one of its messages stopped it, and in which campaign.
    private var stops: [Int: (time: Double, campaign: Int)] = [:]
    private var sent: [(campaign: Int, enrolment: Int, message: SentMessage)] = []
    private let now: Double

    /// The sending of `campaigns` (in the account's order), each to its `enrolments`, from the
    /// mailboxes of `rules` (by address; one not there sends without limits), up to `now`.
    init(
        _ campaigns: [SendingCampaign], enrolments: (Int) -> [SendingEnrolment],
        mailboxes rules: [String: SendingMailbox], now: Double
    ) {
        self.now = now
        var mailboxIndex: [String: Int] = [:]
        let day = Double(DeliverySchedule.secondsPerDay)
        for campaign in campaigns {
            guard let firstRun = campaign.runs.firstStart, firstRun <= now, !campaign.steps.isEmpty,
                !campaign.mailboxes.isEmpty
            else { continue }
            let index = self.campaigns.count
            var state = CampaignState(
                campaign: campaign, enrolments: enrolments(campaign.id),
                // Covers every moment a message can be moved to before it is found to be after `now`.
                offsets: UTCOffsetTable(campaign.timeZone, from: firstRun - 2 * day, to: now + 9 * day))
            var queues: [Int: [(due: Double, enrolment: Int)]] = [:]
            let count = campaign.mailboxes.count
            for (order, enrolment) in state.enrolments.enumerated() where enrolment.admitted {
                state.pending += 1
                let email = campaign.mailboxes[(enrolment.prospectID % count + count) % count]
                if mailboxIndex[email] == nil {
                    mailboxIndex[email] = mailboxes.count
                    mailboxes.append(MailboxState(rule: rules[email] ?? .unlimited(email)))
                }
                let mailbox = mailboxIndex[email] ?? 0
                let due = max(firstRun, enrolment.enrolledAt, enrolment.sendAfter ?? firstRun)
                if enrolment.pauses.periods.isEmpty {
                    queues[mailbox, default: []].append((due, order))
                } else {
                    mailboxes[mailbox].waiting.insert(
                        Waiting(key: due, campaign: index, enrolment: order, step: 0, due: due, stopAt: .infinity))
                }
            }
            for (mailbox, entries) in queues {
                // Stable: equal due times keep the order the prospects were added in.
                let sorted = entries.enumerated().sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }
                mailboxes[mailbox].queues.append(Queue(campaign: index, entries: sorted.map(\.element)))
            }
            self.campaigns.append(state)
        }
        run()
        messages = sent.sorted {
            ($0.campaign, $0.enrolment, $0.message.stepIndex) < ($1.campaign, $1.enrolment, $1.message.stepIndex)
        }
        .map(\.message)
        sent = []
        for state in self.campaigns {
            if let time = state.completedAt, time <= now { completions[state.campaign.id] = time }
        }
    }

    /// A mailbox's next free moment, ordered for the account-wide clock.
    private struct Turn: Comparable {
        var time: Double
        var mailbox: Int
        static func < (a: Turn, b: Turn) -> Bool { (a.time, a.mailbox) < (b.time, b.mailbox) }
    }

    /// Gives each mailbox its turns in time order, account-wide, so that a stop made by one
    /// mailbox's message is known to every other before its moment.
    private mutating func run() {
        var turns = Heap<Turn>()
        for index in mailboxes.indices {
            if let first = nextMoment(index, after: -Double.infinity), first <= now {
                turns.insert(Turn(time: first, mailbox: index))
            }
        }
        while let turn = turns.popMin() {
            if let next = self.turn(turn.mailbox, at: turn.time), next <= now {
                turns.insert(Turn(time: next, mailbox: turn.mailbox))
            }
        }
    }

    /// The earliest moment a mailbox has something that may be due (before any window is asked).
    private func nextMoment(_ mailbox: Int, after time: Double) -> Double? {
        let state = mailboxes[mailbox]
        var moment = state.waiting.min?.key ?? .infinity
        for queue in state.queues where queue.next < queue.entries.count {
            moment = min(moment, queue.entries[queue.next].due)
        }
        return moment.isFinite ? max(moment, time) : nil
    }

    /// One free moment of a mailbox: sends one message if one may go at `time` and returns the
    /// next free moment, else returns the next moment something may go (nil: nothing ever, up
    /// to `now`).
    private mutating func turn(_ mailbox: Int, at time: Double) -> Double? {
        let utcDay = Self.utcDay(time)
        if mailboxes[mailbox].day != utcDay {
            mailboxes[mailbox].day = utcDay
            mailboxes[mailbox].sentThatDay = 0
        }
        if let limit = mailboxes[mailbox].rule.dailyLimit, mailboxes[mailbox].sentThatDay >= limit {
            return Double((utcDay + 1) * DeliverySchedule.secondsPerDay)
        }
        // Follow-ups first.
        while let first = mailboxes[mailbox].waiting.min, first.key <= time {
            var waiting = mailboxes[mailbox].waiting.removeMin()
            let campaign = campaigns[waiting.campaign]
            let step = campaign.campaign.steps[waiting.step]
            let enrolment = campaign.enrolments[waiting.enrolment]
            guard
                let moment = SendingRule.sendingTime(
                    due: max(waiting.due, time), step, campaign.campaign.runs, enrolment.pauses, campaign.offsets,
                    now: now)
            else { continue }  // not before `now`: it stays pending
            if moment > time {
                waiting.key = moment
                mailboxes[mailbox].waiting.insert(waiting)
                continue
            }
            if let stop = stopTime(of: enrolment.prospectID, in: waiting.campaign, chain: waiting.stopAt, at: time) {
                if waiting.step > 0 { followupGone(waiting) }
                ended(waiting.campaign, at: stop)
                continue
            }
            if let nextDay = dayIsFull(waiting.campaign, at: time, forNewProspect: waiting.step == 0) {
                waiting.key = nextDay
                mailboxes[mailbox].waiting.insert(waiting)
                continue
            }
            if waiting.step > 0 { followupGone(waiting) }
            send(mailbox, waiting.campaign, waiting.enrolment, step: waiting.step, at: time, stopAt: waiting.stopAt)
            return time + mailboxes[mailbox].rule.wait(after: mailboxes[mailbox].sent - 1)
        }
        var next = mailboxes[mailbox].waiting.min?.key ?? .infinity
        // Then new prospects, campaign by campaign.
        for index in mailboxes[mailbox].queues.indices {
            while mailboxes[mailbox].queues[index].next < mailboxes[mailbox].queues[index].entries.count {
                let queue = mailboxes[mailbox].queues[index]
                let head = queue.entries[queue.next]
                let campaign = campaigns[queue.campaign]
                // Without pauses, a later due time never sends earlier: the head goes first.
                guard
                    let moment = SendingRule.sendingTime(
                        due: max(head.due, time), campaign.campaign.steps[0], campaign.campaign.runs, PauseHistory(),
                        campaign.offsets, now: now)
                else { break }
                if moment > time {
                    next = min(next, moment)
                    break
                }
                let prospect = campaign.enrolments[head.enrolment].prospectID
                if let stop = stopTime(of: prospect, in: queue.campaign, chain: .infinity, at: time) {
                    mailboxes[mailbox].queues[index].next += 1
                    ended(queue.campaign, at: stop)
                    continue
                }
                if let nextDay = dayIsFull(queue.campaign, at: time, forNewProspect: true) {
                    next = min(next, nextDay)
                    break
                }
                mailboxes[mailbox].queues[index].next += 1
                send(mailbox, queue.campaign, head.enrolment, step: 0, at: time, stopAt: .infinity)
                return time + mailboxes[mailbox].rule.wait(after: mailboxes[mailbox].sent - 1)
            }
        }
        return next.isFinite ? max(next, time) : nil
    }

    /// Sends one step of an enrolment at `time`, and queues the next one unless this one ended
    /// the sequence.
    private mutating func send(
        _ mailbox: Int, _ campaignIndex: Int, _ enrolmentIndex: Int, step: Int, at time: Double, stopAt: Double
    ) {
        let state = campaigns[campaignIndex]
        let campaign = state.campaign
        let enrolment = state.enrolments[enrolmentIndex]
        let sendingStep = campaign.steps[step]
        let draw = MessageDraw(campaignID: campaign.id, prospectID: enrolment.prospectID, step: step + 1)
        let message = SendingRule.outcome(
            of: draw, campaignID: campaign.id, prospectID: enrolment.prospectID, stepIndex: step + 1,
            version: sendingStep.versions[Int(draw.value(.version) % UInt64(sendingStep.versions.count))],
            mailbox: mailboxes[mailbox].rule.email, sentAt: time, now: now)
        sent.append((campaignIndex, enrolmentIndex, message))
        mailboxes[mailbox].sentThatDay += 1
        mailboxes[mailbox].sent += 1
        campaigns[campaignIndex].sentThatDay += 1

        // What this message stops, by its drawn outcome (whether or not `now` has reached it).
        var chainStop = stopAt
        var prospectStop = Double.infinity
        if message.bounced {
            prospectStop = time
        } else {
            if draw.basisPoints(.reply) < SendingRule.Rates.reply {
                chainStop = min(chainStop, time + SendingRule.Rates.replyDelay)
            }
            if draw.basisPoints(.optOut) < SendingRule.Rates.optOut {
                chainStop = min(chainStop, time + SendingRule.Rates.optOutDelay)
            }
            prospectStop = chainStop
        }
        if prospectStop.isFinite, stops[enrolment.prospectID].map({ prospectStop < $0.time }) ?? true {
            stops[enrolment.prospectID] = (prospectStop, campaignIndex)
        }
        if message.bounced || step + 1 == campaign.steps.count {
            ended(campaignIndex, at: time)
            return
        }
        let due = time + sendingStep.followupAfter
        if due >= chainStop {
            ended(campaignIndex, at: chainStop)
            return
        }
        let dueDay = localDay(campaignIndex, of: due)
        campaigns[campaignIndex].followupsDue[dueDay, default: 0] += 1
        mailboxes[mailbox].waiting.insert(
            Waiting(
                key: due, campaign: campaignIndex, enrolment: enrolmentIndex, step: step + 1, due: due,
                stopAt: chainStop, dueDay: dueDay))
    }

    /// Records that a follow-up no longer holds room: it was sent, or stopped.
    private mutating func followupGone(_ waiting: Waiting) {
        let left = (campaigns[waiting.campaign].followupsDue[waiting.dueDay] ?? 1) - 1
        campaigns[waiting.campaign].followupsDue[waiting.dueDay] = left > 0 ? left : nil
    }

    /// The campaign's local day of a moment.
    private func localDay(_ campaign: Int, of time: Double) -> Int {
        let offset = campaigns[campaign].offsets.offset(at: time)
        return Int(((time + Double(offset)) / Double(DeliverySchedule.secondsPerDay)).rounded(.down))
    }

    /// When a message of the campaign to the prospect at `time` is stopped: by a reply or an
    /// opt-out earlier in its own sequence (`chain`), or by the prospect's first reply, bounce or
    /// opt-out in another campaign; nil when it may go.
    private func stopTime(of prospect: Int, in campaign: Int, chain: Double, at time: Double) -> Double? {
        if chain <= time { return chain }
        if let stop = stops[prospect], stop.campaign != campaign, stop.time <= time { return stop.time }
        return nil
    }

    /// The start of the campaign's next day when it has no room left on the day of `time` for
    /// one more message, else nil: it has sent its `daily_enroll` messages, or, for a new
    /// prospect, those and the follow-ups due by the end of the day.
    private mutating func dayIsFull(_ campaign: Int, at time: Double, forNewProspect: Bool) -> Double? {
        guard let limit = campaigns[campaign].campaign.dailyEnroll else { return nil }
        let offsets = campaigns[campaign].offsets
        let offset = offsets.offset(at: time)
        let perDay = Double(DeliverySchedule.secondsPerDay)
        let day = Int(((time + Double(offset)) / perDay).rounded(.down))
        if campaigns[campaign].day != day {
            campaigns[campaign].day = day
            campaigns[campaign].sentThatDay = 0
        }
        var used = campaigns[campaign].sentThatDay
        if forNewProspect {
            for (dueDay, count) in campaigns[campaign].followupsDue where dueDay <= day { used += count }
        }
        guard used >= limit else { return nil }
        let start = DeliverySchedule.utc(ofLocal: Double(day + 1) * perDay, near: offset, offsets)
        return start > time ? start : time + 1
    }

    /// Records that one sequence of the campaign ended at `time`.
    private mutating func ended(_ campaign: Int, at time: Double) {
        campaigns[campaign].pending -= 1
        campaigns[campaign].lastEnded = max(campaigns[campaign].lastEnded, time)
        if campaigns[campaign].pending == 0 { campaigns[campaign].completedAt = campaigns[campaign].lastEnded }
    }

    static func utcDay(_ time: Double) -> Int { Int((time / Double(DeliverySchedule.secondsPerDay)).rounded(.down)) }
}
