import OutreachAPI

/// When one EMAIL step may send: its `delivery_time` windows for each day of the week, as
/// seconds of the local day, ready for ``nextOpening(at:offsets:)``.
///
/// Built once per step; finding the next opening is arithmetic on these ranges and one offset
/// lookup in a ``UTCOffsetTable`` (no `Calendar`).
struct DeliverySchedule: Sendable, Hashable {
    static let secondsPerDay = 86_400

    /// For each weekday, Monday first (index 0), its windows as `[start, end)` seconds of the
    /// local day, sorted, overlapping or touching ones merged.
    let days: [[Range<Int>]]

    /// Every day, all day.
    static let always = DeliverySchedule(days: Array(repeating: [0..<secondsPerDay], count: 7))

    /// A schedule from windows by weekday (Monday first); a missing day has no window.
    init(days: [[Range<Int>]]) {
        var normalized: [[Range<Int>]] = []
        for index in 0..<7 {
            let windows = index < days.count ? days[index] : []
            var merged: [Range<Int>] = []
            for window in windows.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
                if let last = merged.last, window.lowerBound <= last.upperBound {
                    merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, window.upperBound)
                } else {
                    merged.append(window)
                }
            }
            normalized.append(merged)
        }
        self.days = normalized
    }

    /// A step's `delivery_time`: `HH:mm` windows, `00:00–00:00` (or `–24:00`) the whole day;
    /// windows whose times do not parse are left out. No `delivery_time` at all sends any time.
    init(_ deliveryTime: DeliveryTime?) {
        guard let deliveryTime else {
            self = .always
            return
        }
        var days = Array(repeating: [Range<Int>](), count: 7)
        for (day, windows) in deliveryTime.days {
            guard let index = Weekday.known.firstIndex(of: day) else { continue }
            for window in windows {
                guard let from = Validation.minutes(ofTime: window.from),
                    var to = Validation.minutes(ofTime: window.to, allow24: true)
                else { continue }
                if from == 0, to == 0 { to = 24 * 60 }
                if from < to { days[index].append(from * 60..<to * 60) }
            }
        }
        self.init(days: days)
    }

    /// Whether no window is open on any day (such a step never sends).
    var isEmpty: Bool { days.allSatisfy(\.isEmpty) }

    /// Monday = 0 … Sunday = 6 of a day number (days since 1970-01-01, a Thursday).
    static func weekday(ofDay day: Int) -> Int { ((day + 3) % 7 + 7) % 7 }

    /// The first moment at or after `time` (UTC seconds) that falls in a window, in the local
    /// time `offsets` gives; nil when the schedule has no window.
    func nextOpening(at time: Double, offsets: UTCOffsetTable) -> Double? {
        guard !isEmpty else { return nil }
        let offset = offsets.offset(at: time)
        let local = time + Double(offset)
        let perDay = Double(Self.secondsPerDay)
        let day = Int((local / perDay).rounded(.down))
        let secondOfDay = local - Double(day) * perDay
        for shift in 0...7 {
            let current = day + shift
            for window in days[Self.weekday(ofDay: current)] {
                if shift == 0 {
                    guard secondOfDay < Double(window.upperBound) else { continue }
                    if secondOfDay >= Double(window.lowerBound) { return time }
                }
                let opening = Double(current) * perDay + Double(window.lowerBound)
                return max(time, Self.utc(ofLocal: opening, near: offset, offsets))
            }
        }
        return nil
    }

    /// The UTC moment of a local time, whose offset may differ from `guess` across a change of
    /// daylight saving time.
    static func utc(ofLocal local: Double, near guess: Int, _ offsets: UTCOffsetTable) -> Double {
        let first = local - Double(guess)
        let offset = offsets.offset(at: first)
        return offset == guess ? first : local - Double(offsets.offset(at: local - Double(offset)))
    }
}
