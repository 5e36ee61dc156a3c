/// One prospect's place in a campaign: its status there, interest level, earliest sending time
/// and when it was added (sandbox-clock seconds, UTC).
struct Enrolment: Sendable, Equatable {
    var prospectID: Int
    /// The prospect's status in the campaign: `ACTIVE` when added, `PAUSED` while an update
    /// holds its follow-ups.
    var status = "ACTIVE"
    /// `INTERESTED`, `NOT_INTERESTED`, `MAYBE_LATER`, or nil.
    var interested: String?
    var sendAfter: Double
    var added: Double
    /// Its place in the campaign's order (the number of prospects added before it).
    var position: Int
    /// When its follow-ups were held (`PAUSED`); empty if never.
    var pauses = PauseHistory()

    /// Sets its status in the campaign at `now`: `PAUSED` holds its follow-ups from then,
    /// `ACTIVE` resumes them (docs/contract/inbox.md, proposal 9); the same status again changes
    /// nothing.
    mutating func setStatus(_ newStatus: String, at now: Double) {
        guard newStatus != status else { return }
        status = newStatus
        if newStatus == "PAUSED" { pauses.paused(at: now) } else { pauses.resumed(at: now) }
    }
}

/// The prospects of one campaign, in the order they were added, with O(1) lookup.
struct CampaignEnrolments: Sendable {
    private(set) var order: [Int] = []
    private(set) var byProspect: [Int: Enrolment] = [:]

    init() {}

    /// The enrolments loaded from storage, put back in their order.
    init(loading enrolments: [Enrolment]) {
        for enrolment in enrolments.sorted(by: { $0.position < $1.position }) {
            order.append(enrolment.prospectID)
            byProspect[enrolment.prospectID] = enrolment
        }
    }

    func contains(_ prospectID: Int) -> Bool { byProspect[prospectID] != nil }

    subscript(prospectID: Int) -> Enrolment? { byProspect[prospectID] }

    /// Adds a prospect not yet here; returns its enrolment.
    mutating func add(_ prospectID: Int, interested: String?, sendAfter: Double, at now: Double) -> Enrolment {
        let enrolment = Enrolment(
            prospectID: prospectID, interested: interested, sendAfter: sendAfter, added: now, position: order.count)
        order.append(prospectID)
        byProspect[prospectID] = enrolment
        return enrolment
    }

    /// Replaces the enrolment of a prospect already here (same position).
    mutating func replace(_ enrolment: Enrolment) {
        guard byProspect[enrolment.prospectID] != nil else { return }
        byProspect[enrolment.prospectID] = enrolment
    }
}
