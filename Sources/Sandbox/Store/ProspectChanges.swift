/// What one request changed in an account's prospects and enrolments, so persistence writes those
/// rows only (the prospects are not part of the account's JSON state).
struct ProspectChanges: Sendable {
    /// A campaign's enrolment of one prospect.
    struct EnrolmentKey: Hashable, Sendable {
        var campaign: Int
        var prospect: Int
    }

    var prospects: Set<Int> = []
    var enrolments: Set<EnrolmentKey> = []
    /// Campaigns whose enrolments were all dropped (the campaign was deleted).
    var droppedCampaigns: Set<Int> = []

    var isEmpty: Bool { prospects.isEmpty && enrolments.isEmpty && droppedCampaigns.isEmpty }
}
