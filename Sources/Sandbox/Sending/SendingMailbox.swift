import OutreachAPI

/// A sending mailbox as the sending rule sees it: how many messages it may send in a UTC day
/// and how long it waits between two sends (its `daily_limit` and `frequency_from`/`frequency_to`,
/// set by `sending_wait_time_from`/`_to` and `daily_sending_limit` when it was connected).
struct SendingMailbox: Sendable, Hashable {
    /// What a mailbox gets when it was connected without limits.
    static let defaultDailyLimit = 50
    static let defaultWaitFrom = 60
    static let defaultWaitTo = 120

    var email: String
    /// Messages per UTC day; nil: no limit (the rule's own tests).
    var dailyLimit: Int?
    /// Seconds between two sends: each wait is drawn in `waitFrom...waitTo`.
    var waitFrom: Int
    var waitTo: Int

    init(email: String, dailyLimit: Int?, waitFrom: Int, waitTo: Int) {
        self.email = email
        self.dailyLimit = dailyLimit.map { max(0, $0) }
        self.waitFrom = max(0, waitFrom)
        self.waitTo = max(self.waitFrom, waitTo)
    }

    /// A mailbox that may send any number of messages at once: what the rule assumes for an
    /// address it was given no limits for.
    static func unlimited(_ email: String) -> SendingMailbox {
        SendingMailbox(email: email, dailyLimit: nil, waitFrom: 0, waitTo: 0)
    }

    /// A connected mailbox with its limits, or the defaults for those it has none of.
    static func connected(_ email: String, dailyLimit: Int? = nil, waitFrom: Int? = nil, waitTo: Int? = nil)
        -> SendingMailbox
    {
        SendingMailbox(
            email: email, dailyLimit: dailyLimit ?? defaultDailyLimit, waitFrom: waitFrom ?? defaultWaitFrom,
            waitTo: waitTo ?? defaultWaitTo)
    }

    /// A stored mailbox.
    init(_ mailbox: Mailbox) {
        let details = mailbox.details
        self = .connected(
            details.email, dailyLimit: details.daily_limit, waitFrom: details.frequency_from,
            waitTo: details.frequency_to)
    }

    /// The wait, in seconds, after the mailbox's `index`-th message (0-based): seeded by its
    /// address and the index, the same on every run.
    func wait(after index: Int) -> Double {
        guard waitTo > waitFrom else { return Double(waitFrom) }
        let span = UInt64(waitTo - waitFrom + 1)
        return Double(waitFrom + Int(MessageDraw.mix(MessageDraw.fnv1a(email), UInt64(index)) % span))
    }
}
