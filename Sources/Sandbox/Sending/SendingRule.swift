/// The sandbox's deterministic sending rule (README, "Sending and reports"): which messages a
/// campaign has sent to its prospects up to a moment, and what became of each.
///
/// A pure function of plain values: the campaign (steps, windows, time zone, mailboxes, run
/// history), its enrolments and `now`. The same input always gives the same messages, and a
/// later `now` only adds messages and events.
///
/// - Step 1 is due at max(first run, enrolled, `send_after`); step k+1 at step k's sending time
///   plus step k's `followup_after`.
/// - A due time moves to the next moment inside the step's `delivery_time` window (campaign
///   time zone), then, if the campaign was not RUNNING then, to the next moment it ran again,
///   and if the prospect was `PAUSED` in the campaign then, to the moment it was set `ACTIVE`
///   again (and into the window again). It is sent if that moment is at or before `now`.
/// - Mailbox `email_account_ids[prospectID % count]`; version by the message's seeded hash.
/// - The mailboxes' daily limits and sending waits and the campaign's `daily_enroll` hold
///   messages back to later moments (``SendingSimulation``).
/// - Outcomes from the hash at fixed rates (``Rates``): a bounce (step 1 only) ends the
///   sequence; a reply or an opt-out stops every later step due after it.
enum SendingRule {
    /// The fixed rates, in basis points (1/100 of a percent), and the delays of the events.
    enum Rates {
        /// Of first steps.
        static let bounce = 400
        /// Of delivered messages.
        static let open = 4_500
        /// Of opened messages.
        static let click = 500
        /// Of delivered messages.
        static let reply = 1_000
        /// Of replies: interested below 6,000, maybe later below 8,500, else not interested.
        static let interested = 6_000
        static let maybeLater = 8_500
        /// Of delivered messages.
        static let optOut = 100

        static let openDelay = 3_600.0
        static let clickDelay = 7_200.0
        static let replyDelay = 10_800.0
        static let optOutDelay = 3_600.0
    }

    /// The messages `campaign` has sent to `enrolments` up to `now`, enrolment by enrolment,
    /// each one's steps in order, from mailboxes without limits unless `mailboxes` gives them
    /// (``SendingSimulation``).
    static func messages(
        _ campaign: SendingCampaign, _ enrolments: [SendingEnrolment], mailboxes: [String: SendingMailbox] = [:],
        now: Double
    ) -> [SentMessage] {
        SendingSimulation([campaign], enrolments: { _ in enrolments }, mailboxes: mailboxes, now: now).messages
    }

    /// When a message due at `due` is sent: the next moment in the step's window at which the
    /// campaign runs and the prospect is not paused in it, or nil if there is none up to `now`.
    static func sendingTime(
        due: Double, _ step: SendingStep, _ runs: RunHistory, _ pauses: PauseHistory,
        _ offsets: UTCOffsetTable, now: Double
    ) -> Double? {
        var time = due
        // Each round moves past one pause of the campaign or the prospect; the bound only guards
        // against a malformed history.
        for _ in 0...(runs.periods.count + pauses.periods.count + 1) {
            guard time <= now, let opening = step.schedule.nextOpening(at: time, offsets: offsets), opening <= now,
                let running = runs.nextRunningMoment(from: opening), let free = pauses.nextFreeMoment(from: running)
            else { return nil }
            if free == opening { return opening }
            time = free
        }
        return nil
    }

    /// The message sent at `sentAt` with the outcomes `draw` gives, as known at `now`.
    static func outcome(
        of draw: MessageDraw, campaignID: Int, prospectID: Int, stepIndex: Int, version: String, mailbox: String,
        sentAt: Double, now: Double
    ) -> SentMessage {
        var message = SentMessage(
            campaignID: campaignID, prospectID: prospectID, stepIndex: stepIndex, version: version, mailbox: mailbox,
            sentAt: sentAt, bounced: false, openedAt: nil, clickedAt: nil, repliedAt: nil, interest: nil,
            optedOut: false)
        if stepIndex == 1, draw.basisPoints(.bounce) < Rates.bounce {
            message.bounced = true
            return message
        }
        func happened(_ delay: Double) -> Double? { sentAt + delay <= now ? sentAt + delay : nil }
        if draw.basisPoints(.open) < Rates.open {
            message.openedAt = happened(Rates.openDelay)
            if draw.basisPoints(.click) < Rates.click { message.clickedAt = happened(Rates.clickDelay) }
        }
        if draw.basisPoints(.reply) < Rates.reply, let repliedAt = happened(Rates.replyDelay) {
            message.repliedAt = repliedAt
            let level = draw.basisPoints(.interest)
            message.interest =
                level < Rates.interested ? .interested : level < Rates.maybeLater ? .maybeLater : .notInterested
        }
        message.optedOut = draw.basisPoints(.optOut) < Rates.optOut && happened(Rates.optOutDelay) != nil
        return message
    }
}
