/// When one prospect's follow-ups in one campaign were held: the periods between the update that
/// set it `PAUSED` there and the one that set it `ACTIVE` again (the last one open while it is
/// paused). Empty for a prospect never paused, as most are. Stored with its enrolment.
///
/// The sending rule sends nothing to the prospect inside a period; a step that fell due during
/// one is due at its end, then waits for its window, as after a campaign pause
/// (docs/contract/inbox.md, proposal 9).
struct PauseHistory: Sendable, Hashable, Codable {
    /// One period of holding: from `start` until `end` (nil: still paused).
    struct Period: Sendable, Hashable, Codable {
        var start: Double
        var end: Double?
    }

    /// The periods in time order; only the last may be open.
    private(set) var periods: [Period] = []

    init(periods: [Period] = []) { self.periods = periods }

    /// Whether the prospect is paused now (the last period is open).
    var isPaused: Bool { periods.last.map { $0.end == nil } ?? false }

    /// Records that the prospect was paused at `time` (no-op while paused).
    mutating func paused(at time: Double) {
        guard !isPaused else { return }
        periods.append(Period(start: time, end: nil))
    }

    /// Records that the prospect was resumed at `time` (no-op when it is not paused).
    mutating func resumed(at time: Double) {
        guard isPaused, let last = periods.indices.last else { return }
        periods[last].end = max(time, periods[last].start)
    }

    /// The first moment at or after `time` outside every period, or nil when `time` falls in the
    /// open one. Periods are half-open: `[start, end)`.
    func nextFreeMoment(from time: Double) -> Double? {
        var moment = time
        for period in periods where period.start <= moment {
            guard let end = period.end else { return nil }
            if moment < end { moment = end }
        }
        return moment
    }
}
