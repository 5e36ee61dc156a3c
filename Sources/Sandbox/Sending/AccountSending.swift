/// What every campaign of an account has sent up to a moment, from the mailboxes they share
/// (``SendingSimulation``), with one account-wide rule on top of each campaign's own: a
/// prospect's first reply, bounce or opt-out (in any campaign) stops every campaign from writing
/// to it after that moment, as the prospect's global status then stops being ACTIVE (README,
/// "Sending and reports").
struct AccountSending: Sendable {
    /// The campaigns, by id, as the sending rule saw them.
    let campaigns: [Int: SendingCampaign]
    /// The messages sent, campaign by campaign in the account's order.
    let messages: [SentMessage]
    /// By campaign id, when the campaign sent its last message (every sequence ended), if it did.
    let completions: [Int: Double]

    /// The sending of `campaigns` (in order), each to its `enrolments`, from `mailboxes` (by
    /// address; one not there has no limits), as of `now`.
    init(
        _ campaigns: [SendingCampaign], enrolments: (Int) -> [SendingEnrolment],
        mailboxes: [String: SendingMailbox] = [:], now: Double
    ) {
        var byID: [Int: SendingCampaign] = [:]
        for campaign in campaigns { byID[campaign.id] = campaign }
        let simulation = SendingSimulation(campaigns, enrolments: enrolments, mailboxes: mailboxes, now: now)
        self.campaigns = byID
        self.messages = simulation.messages
        self.completions = simulation.completions
    }

    private init(campaigns: [Int: SendingCampaign], messages: [SentMessage], completions: [Int: Double]) {
        self.campaigns = campaigns
        self.messages = messages
        self.completions = completions
    }

    /// The same sending with only the messages to the prospects of `prospects`.
    func keeping(_ prospects: Set<Int>) -> AccountSending {
        AccountSending(
            campaigns: campaigns, messages: messages.filter { prospects.contains($0.prospectID) },
            completions: completions)
    }
}
