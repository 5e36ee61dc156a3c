/// A campaign's status: new campaigns are `DRAFT`.
public struct CampaignStatus: OpenString {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let running: CampaignStatus = "RUNNING"
    public static let draft: CampaignStatus = "DRAFT"
    public static let stopped: CampaignStatus = "STOPPED"
    public static let paused: CampaignStatus = "PAUSED"
    public static let edited: CampaignStatus = "EDITED"
    public static let known: [CampaignStatus] = [.running, .draft, .stopped, .paused, .edited]
    /// Whether settings, steps and versions may be changed (DRAFT or EDITED).
    public var isEditable: Bool { self == .draft || self == .edited }
}

/// A step's `type`: `START` at the root, `EMAIL` everywhere else.
public struct StepType: OpenString {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let start: StepType = "START"
    public static let email: StepType = "EMAIL"
    public static let known: [StepType] = [.start, .email]
}

/// A version's `signature`: whether the sender's signature is appended.
public struct Signature: OpenString {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let sender: Signature = "SENDER"
    public static let noSignature: Signature = "NO_SIGNATURE"
    public static let known: [Signature] = [.sender, .noSignature]
}

/// The unit of `followup_after`: `DAY` or `HOUR`.
public struct FollowupRange: OpenString {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let day: FollowupRange = "DAY"
    public static let hour: FollowupRange = "HOUR"
    public static let known: [FollowupRange] = [.day, .hour]
}

/// A day of the week as used for the keys of `delivery_time`.
public struct Weekday: OpenString, Comparable {
    public let rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public static let monday: Weekday = "MONDAY"
    public static let tuesday: Weekday = "TUESDAY"
    public static let wednesday: Weekday = "WEDNESDAY"
    public static let thursday: Weekday = "THURSDAY"
    public static let friday: Weekday = "FRIDAY"
    public static let saturday: Weekday = "SATURDAY"
    public static let sunday: Weekday = "SUNDAY"
    /// The days in the order wps prints them (Monday first).
    public static let known: [Weekday] = [.monday, .tuesday, .wednesday, .thursday, .friday, .saturday, .sunday]
    /// Known days sort Monday first; unknown ones after them, alphabetically.
    public static func < (lhs: Weekday, rhs: Weekday) -> Bool {
        let l = known.firstIndex(of: lhs) ?? known.count
        let r = known.firstIndex(of: rhs) ?? known.count
        return l != r ? l < r : lhs.rawValue < rhs.rawValue
    }
}
