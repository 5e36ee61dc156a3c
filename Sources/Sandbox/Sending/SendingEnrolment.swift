/// One prospect's place in a campaign, as the sending rule needs it: plain values, so that the
/// rule does not depend on how prospects are stored.
///
/// Times are sandbox-clock seconds since 1970 (UTC).
struct SendingEnrolment: Sendable, Hashable {
    /// The prospect's id (its mailbox is `email_account_ids[prospectID % count]`).
    var prospectID: Int
    /// When the prospect was added to the campaign.
    var enrolledAt: Double
    /// The prospect's `send_after`, if any: nothing is sent to it before.
    var sendAfter: Double?
    /// Whether the prospect may be sent to: its global status is `ACTIVE`, and so is (or `PAUSED`,
    /// see ``pauses``) its status in the campaign. Nothing is sent to a prospect that is not.
    var admitted: Bool
    /// When its follow-ups in this campaign were held (`PAUSED` there): nothing is sent to it
    /// inside these periods.
    var pauses: PauseHistory

    init(
        prospectID: Int, enrolledAt: Double, sendAfter: Double? = nil, admitted: Bool = true,
        pauses: PauseHistory = PauseHistory()
    ) {
        self.prospectID = prospectID
        self.enrolledAt = enrolledAt
        self.sendAfter = sendAfter
        self.admitted = admitted
        self.pauses = pauses
    }
}
