/// The events a Woodpecker webhook can be subscribed to (docs/contract/webhooks.md, "The
/// events"): 21 names, lower case to subscribe; the listing spells them in upper case.
public enum WebhookEvent: String, Sendable, Hashable, CaseIterable, Codable {
    case prospectReplied = "prospect_replied"
    case prospectBlacklisted = "prospect_blacklisted"
    case prospectAutoreplied = "prospect_autoreplied"
    case followupAfterAutoreply = "followup_after_autoreply"
    case secondaryReplied = "secondary_replied"
    case linkClicked = "link_clicked"
    case campaignSent = "campaign_sent"
    case prospectSaved = "prospect_saved"
    case emailOpened = "email_opened"
    case prospectInterested = "prospect_interested"
    case prospectMaybeLater = "prospect_maybe_later"
    case prospectNotInterested = "prospect_not_interested"
    case prospectBounced = "prospect_bounced"
    case prospectInvalid = "prospect_invalid"
    case prospectOptOut = "prospect_opt_out"
    case prospectNonResponsive = "prospect_non_responsive"
    case campaignCompleted = "campaign_completed"
    case taskCreated = "task_created"
    case taskDone = "task_done"
    case taskIgnored = "task_ignored"
    case linkedinConnectionRequestAccepted = "linkedin_automation_connection_request_accepted"

    /// Every name, in the contract's order.
    public static let names: [String] = allCases.map(\.rawValue)

    /// The event a name stands for, as subscribe writes it or in upper case as the listing
    /// writes it (`PROSPECT_REPLIED`); mixed case is no event.
    public init?(name: String) {
        self.init(rawValue: name == name.uppercased() ? name.lowercased() : name)
    }

    /// How many URLs one event may be subscribed to per account.
    public static let subscriptionsPerEvent = 3
}
