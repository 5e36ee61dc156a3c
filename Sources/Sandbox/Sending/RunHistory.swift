/// When a campaign was `RUNNING`: the periods between each `run` and the `pause`, `stop` or
/// `make_editable` that ended it (the last one open while it runs). Stored with the account.
struct RunHistory: Sendable, Hashable, Codable {
    /// One period of running: from `start` until `end` (nil: still running).
    struct Period: Sendable, Hashable, Codable {
        var start: Double
        var end: Double?
    }

    /// The periods in time order; only the last may be open.
    private(set) var periods: [Period] = []

    init(periods: [Period] = []) { self.periods = periods }

    /// When the campaign first ran, if it ever did.
    var firstStart: Double? { periods.first?.start }

    /// Whether the campaign is running now (the last period is open).
    var isRunning: Bool { periods.last.map { $0.end == nil } ?? false }

    /// Records that the campaign entered `RUNNING` at `time` (no-op while running).
    mutating func started(at time: Double) {
        guard !isRunning else { return }
        periods.append(Period(start: time, end: nil))
    }

    /// Records that the campaign left `RUNNING` at `time` (no-op when it is not running).
    mutating func ended(at time: Double) {
        guard isRunning, let last = periods.indices.last else { return }
        periods[last].end = max(time, periods[last].start)
    }

    /// The first moment at or after `time` at which the campaign was running, or nil if it never
    /// ran again after `time`. Periods are half-open: `[start, end)`.
    func nextRunningMoment(from time: Double) -> Double? {
        for period in periods {
            let moment = max(time, period.start)
            if let end = period.end, end <= moment { continue }
            return moment
        }
        return nil
    }
}
