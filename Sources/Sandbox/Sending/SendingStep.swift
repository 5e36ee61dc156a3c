import OutreachAPI

/// One EMAIL step as the sending rule sees it: its version letters, when it may send, and how
/// long after it the next step is due.
struct SendingStep: Sendable, Hashable {
    /// The version letters, `A`…`E`, in order.
    var versions: [String]
    var schedule: DeliverySchedule
    /// The step's `followup_after` in seconds (a DAY is 86,400 s, an HOUR 3,600 s).
    var followupAfter: Double

    init(versions: [String] = ["A"], schedule: DeliverySchedule = .always, followupAfter: Double = 86_400) {
        self.versions = versions.isEmpty ? ["A"] : versions
        self.schedule = schedule
        self.followupAfter = followupAfter
    }

    /// An EMAIL step of a campaign.
    init(_ step: Step) {
        let letters = (step.body?.versions ?? []).enumerated().map { index, version in
            version.version ?? EmailVersion.letters[min(index, EmailVersion.letters.count - 1)]
        }
        let wait = step.followup_after ?? .default
        self.init(
            versions: letters, schedule: DeliverySchedule(step.delivery_time),
            followupAfter: Double(max(0, wait.value)) * (wait.range == .hour ? 3_600 : 86_400))
    }
}
