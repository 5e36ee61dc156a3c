/// One email the sandbox counts as sent, with what became of it by the time it was computed.
///
/// Times are sandbox-clock seconds since 1970 (UTC); an event later than the `now` the messages
/// were computed for has not happened yet and is nil (or false).
struct SentMessage: Sendable, Hashable {
    var campaignID: Int
    var prospectID: Int
    /// The EMAIL step, 1-based along the `followup` chain.
    var stepIndex: Int
    /// The version letter, `A`…`E`.
    var version: String
    /// The sending mailbox's address.
    var mailbox: String
    var sentAt: Double
    /// Only a first step bounces; a bounced message has no other event.
    var bounced: Bool
    var openedAt: Double?
    var clickedAt: Double?
    var repliedAt: Double?
    /// The reply's interest level (nil without a reply).
    var interest: ProspectInterest?
    var optedOut: Bool

    /// Whether the message reached the prospect.
    var delivered: Bool { !bounced }
}
