/// What every campaign of an account has sent up to a moment, with one account-wide rule on top
/// of each campaign's own: a prospect's first reply, bounce or opt-out (in any campaign) stops
/// every campaign from writing to it after that moment, as the prospect's global status then
/// stops being ACTIVE (README, "Sending and reports").
///
/// Worked out in two passes: each campaign's messages on its own, then, per prospect, the
/// earliest moment one of them stopped it; the messages sent after that moment are dropped. That
/// is exact: no message before the earliest stop can have been stopped, and dropping a message
/// only drops the later steps chained to it, which come after it anyway.
struct AccountSending: Sendable {
    /// The campaigns, by id, as the sending rule saw them.
    let campaigns: [Int: SendingCampaign]
    /// The messages sent, campaign by campaign in the account's order.
    let messages: [SentMessage]

    /// The sending of `campaigns` (in order), each to its `enrolments`, as of `now`.
    init(_ campaigns: [SendingCampaign], enrolments: (Int) -> [SendingEnrolment], now: Double) {
        var byID: [Int: SendingCampaign] = [:]
        var messages: [SentMessage] = []
        for campaign in campaigns {
            byID[campaign.id] = campaign
            messages += SendingRule.messages(campaign, enrolments(campaign.id), now: now)
        }
        self.campaigns = byID
        self.messages = Self.stoppingAcrossCampaigns(messages, campaignCount: campaigns.count)
    }

    /// The moment a message stopped its prospect, if it did by the time it was computed: a
    /// bounce when it was sent, a reply or an opt-out when it happened.
    static func stop(by message: SentMessage) -> Double? {
        if message.bounced { return message.sentAt }
        var stop = message.repliedAt
        if message.optedOut {
            let optedOutAt = message.sentAt + SendingRule.Rates.optOutDelay
            stop = min(stop ?? optedOutAt, optedOutAt)
        }
        return stop
    }

    /// `messages` without those sent to a prospect after another campaign stopped it.
    private static func stoppingAcrossCampaigns(_ messages: [SentMessage], campaignCount: Int) -> [SentMessage] {
        // One campaign stops its own later steps already (SendingRule).
        guard campaignCount > 1 else { return messages }
        var earliest: [Int: (time: Double, campaignID: Int)] = [:]
        for message in messages {
            guard let time = stop(by: message) else { continue }
            if let known = earliest[message.prospectID], known.time <= time { continue }
            earliest[message.prospectID] = (time, message.campaignID)
        }
        guard !earliest.isEmpty else { return messages }
        return messages.filter { message in
            guard let stop = earliest[message.prospectID] else { return true }
            // The stopping campaign's own messages follow its rule; the others stop then.
            return message.campaignID == stop.campaignID || message.sentAt < stop.time
        }
    }
}
