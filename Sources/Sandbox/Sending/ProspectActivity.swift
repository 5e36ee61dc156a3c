/// What sending did to one prospect, as `GET /rest/v1/prospects` shows it: when it was last
/// written to, opened, clicked and replied, how many emails it was sent, the global status its
/// first reply, bounce or opt-out gave it, and its status and interest in each campaign.
///
/// Worked out from ``AccountSending/messages`` on each request, never stored: the stored
/// prospect keeps what imports gave it (README, "Sending and reports").
struct ProspectActivity: Sendable, Equatable {
    /// The prospect's place in one campaign after sending: `REPLIED`, `BOUNCED` or `BLACKLIST`
    /// (opted out), and the interest level of a reply there.
    struct InCampaign: Sendable, Equatable {
        var status: String
        var interest: String?
    }

    var lastContacted: Double?
    var lastOpened: Double?
    var lastClicked: Double?
    var lastReplied: Double?
    var sentMails = 0
    /// `REPLIED`, `BOUNCED` or `BLACKLIST`, from the first of them; nil: still ACTIVE.
    var status: String?
    private var statusTime = Double.infinity
    /// By campaign id, where sending changed the prospect's status there.
    var campaigns: [Int: InCampaign] = [:]

    /// Each prospect's activity in `messages`, by prospect id.
    static func byProspect(_ messages: [SentMessage]) -> [Int: ProspectActivity] {
        var result: [Int: ProspectActivity] = [:]
        for message in messages { result[message.prospectID, default: ProspectActivity()].add(message) }
        return result
    }

    private mutating func add(_ message: SentMessage) {
        sentMails += 1
        lastContacted = max(lastContacted ?? message.sentAt, message.sentAt)
        if let time = message.openedAt { lastOpened = max(lastOpened ?? time, time) }
        if let time = message.clickedAt { lastClicked = max(lastClicked ?? time, time) }
        if let time = message.repliedAt { lastReplied = max(lastReplied ?? time, time) }
        var outcomes: [(status: String, time: Double)] = []
        if message.bounced { outcomes.append(("BOUNCED", message.sentAt)) }
        if message.optedOut { outcomes.append(("BLACKLIST", message.sentAt + SendingRule.Rates.optOutDelay)) }
        if let time = message.repliedAt { outcomes.append(("REPLIED", time)) }
        for outcome in outcomes where outcome.time < statusTime {
            status = outcome.status
            statusTime = outcome.time
        }
        // In the campaign, a reply is what shows (with its interest), else the first outcome.
        guard let shown = outcomes.last else { return }
        if campaigns[message.campaignID] == nil || shown.status == "REPLIED" {
            campaigns[message.campaignID] = InCampaign(status: shown.status, interest: message.interest?.rawValue)
        }
    }
}
