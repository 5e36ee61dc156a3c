import Foundation

/// A time zone's offsets from UTC over a span of time, looked up without Foundation: the
/// transitions are asked of `TimeZone` once, then each lookup is a search in a short array.
///
/// Outside the span it was built for, it asks `TimeZone` (slower, still right).
struct UTCOffsetTable: Sendable {
    let timeZone: TimeZone
    /// The start of each interval of constant offset (the first one is the span's start).
    private let starts: [Double]
    /// The offset, in seconds east of UTC, from each start until the next.
    private let offsets: [Int]
    private let end: Double

    /// The table of `timeZone` between `start` and `end` (UTC seconds since 1970).
    init(_ timeZone: TimeZone, from start: Double, to end: Double) {
        self.timeZone = timeZone
        self.end = end
        var starts = [start]
        var offsets = [timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: start))]
        var cursor = Date(timeIntervalSince1970: start)
        // Two transitions a year at most in practice; the cap keeps a broken zone from looping.
        while starts.count < 4096, let next = timeZone.nextDaylightSavingTimeTransition(after: cursor),
            next.timeIntervalSince1970 < end, next > cursor
        {
            starts.append(next.timeIntervalSince1970)
            offsets.append(timeZone.secondsFromGMT(for: next))
            cursor = next
        }
        self.starts = starts
        self.offsets = offsets
    }

    /// The offset from UTC, in seconds, at the UTC moment `time`.
    func offset(at time: Double) -> Int {
        guard let first = starts.first, time >= first, time < end else {
            return timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: time))
        }
        if starts.count == 1 { return offsets[0] }
        // The last start at or before `time`.
        var low = 0
        var high = starts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if starts[middle] <= time { low = middle } else { high = middle - 1 }
        }
        return offsets[low]
    }
}
