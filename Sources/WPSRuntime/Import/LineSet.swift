/// A set of numbers — an import's row numbers, or source lines — kept as sorted, merged ranges,
/// written `2-201,205,207-210`.
///
/// Batches are runs of consecutive rows, so an import of a million rows is a few thousand ranges.
public struct LineSet: Sendable, Hashable, CustomStringConvertible {
    /// Sorted, non-overlapping, non-adjacent closed ranges.
    public private(set) var ranges: [ClosedRange<Int>] = []

    public init() {}

    public init<S: Sequence>(_ lines: S) where S.Element == Int {
        for line in lines { insert(line) }
    }

    /// Parses `2-201,205`; nil when malformed.
    public init?(parsing text: Substring) {
        if text.isEmpty { return }
        for part in text.split(separator: ",") {
            let bounds = part.split(separator: "-", maxSplits: 1)
            guard let low = bounds.first.flatMap({ Int($0) }) else { return nil }
            let high = bounds.count == 2 ? Int(bounds[1]) : low
            guard let high, low <= high else { return nil }
            insert(low...high)
        }
    }

    public var isEmpty: Bool { ranges.isEmpty }
    public var count: Int { ranges.reduce(0) { $0 + $1.count } }
    public var first: Int? { ranges.first?.lowerBound }
    public var last: Int? { ranges.last?.upperBound }

    public func contains(_ line: Int) -> Bool {
        var low = 0
        var high = ranges.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound < line {
                low = middle + 1
            } else if ranges[middle].lowerBound > line {
                high = middle - 1
            } else {
                return true
            }
        }
        return false
    }

    public mutating func insert(_ line: Int) { insert(line...line) }

    public mutating func insert(_ range: ClosedRange<Int>) {
        // Appending in order is the common case.
        if let tail = ranges.last, tail.upperBound + 1 >= range.lowerBound, tail.lowerBound <= range.lowerBound {
            ranges[ranges.count - 1] = tail.lowerBound...max(tail.upperBound, range.upperBound)
            return
        }
        if ranges.last.map({ $0.upperBound + 1 < range.lowerBound }) ?? true {
            ranges.append(range)
            return
        }
        var merged = range
        var kept: [ClosedRange<Int>] = []
        for existing in ranges {
            if existing.upperBound + 1 < merged.lowerBound || merged.upperBound + 1 < existing.lowerBound {
                kept.append(existing)
            } else {
                merged = min(existing.lowerBound, merged.lowerBound)...max(existing.upperBound, merged.upperBound)
            }
        }
        kept.append(merged)
        ranges = kept.sorted { $0.lowerBound < $1.lowerBound }
    }

    public mutating func formUnion(_ other: LineSet) {
        for range in other.ranges { insert(range) }
    }

    public func subtracting(_ other: LineSet) -> LineSet {
        var result = LineSet()
        for range in ranges {
            var start = range.lowerBound
            for cut in other.ranges where cut.upperBound >= start && cut.lowerBound <= range.upperBound {
                if cut.lowerBound > start { result.insert(start...(cut.lowerBound - 1)) }
                start = cut.upperBound + 1
            }
            if start <= range.upperBound { result.insert(start...range.upperBound) }
        }
        return result
    }

    /// The numbers in both sets.
    public func intersection(_ other: LineSet) -> LineSet {
        subtracting(subtracting(other))
    }

    public var description: String {
        ranges.map { $0.lowerBound == $0.upperBound ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }.joined(
            separator: ",")
    }
}
