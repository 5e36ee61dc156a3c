import Foundation
import OutreachAPI

/// A campaign as the sending rule sees it: plain values taken from the stored campaign, its
/// mailboxes' addresses and its run history.
struct SendingCampaign: Sendable {
    var id: Int
    var name: String
    var status: String
    /// The EMAIL steps along the `followup` chain (START left out).
    var steps: [SendingStep]
    /// The addresses of `email_account_ids`, in order: prospect `p` is sent from `mailboxes[p % count]`.
    var mailboxes: [String]
    /// `settings.timezone` (UTC when absent or unknown).
    var timeZone: TimeZone
    var runs: RunHistory
    /// `settings.daily_enroll`: how many messages the campaign may send in a day of its time
    /// zone, follow-ups first; nil: no limit.
    var dailyEnroll: Int?

    init(
        id: Int, name: String = "", status: String = "RUNNING", steps: [SendingStep], mailboxes: [String],
        timeZone: TimeZone = TimeZone(identifier: "UTC") ?? .current, runs: RunHistory, dailyEnroll: Int? = nil
    ) {
        self.id = id
        self.name = name
        self.status = status
        self.steps = steps
        self.mailboxes = mailboxes
        self.timeZone = timeZone
        self.runs = runs
        self.dailyEnroll = dailyEnroll
    }

    /// A stored campaign; `mailboxEmails` gives each email account id's address (an unknown id
    /// is written as its number).
    init(_ campaign: Campaign, mailboxEmails: [Int: String], runs: RunHistory) {
        let utc = TimeZone(identifier: "UTC") ?? .current
        self.init(
            id: campaign.id, name: campaign.name, status: campaign.status.rawValue,
            steps: campaign.steps.path.filter { $0.type == .email }.map(SendingStep.init),
            mailboxes: campaign.email_account_ids.map { mailboxEmails[$0] ?? String($0) },
            timeZone: campaign.settings.timezone.flatMap(TimeZone.init(identifier:)) ?? utc, runs: runs,
            dailyEnroll: campaign.settings.daily_enroll)
    }
}
