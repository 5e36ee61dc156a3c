/// The place of every row of an import source by row number (1-based, in source order), so that
/// the journal and the records can count rows while messages name lines.
///
/// Kept as runs in which the line moves by a fixed step (and the array index, where there is
/// one, by 1): a million rows of a regular file take a handful of entries.
struct RowPlaces: Sendable {
    private struct Run: Sendable {
        var firstRow: Int
        var first: RowPlace
        var count: Int
        /// How far the line moves from one row of the run to the next (0: all on one line).
        var step: Int

        func place(_ row: Int) -> RowPlace {
            let offset = row - firstRow
            return RowPlace(line: first.line + offset * step, index: first.index.map { $0 + offset })
        }

        /// Whether `place` can be the run's next row.
        func continues(with place: RowPlace) -> Bool {
            let next = first.index.map { $0 + count }
            guard next == place.index else { return false }
            return count == 1 ? place.line >= first.line : place.line == first.line + count * step
        }
    }

    private var runs: [Run] = []
    /// How many rows there are.
    private(set) var count = 0

    init() {}

    /// Adds the next row's place (lines never go back from one row to the next).
    mutating func append(_ place: RowPlace) {
        count += 1
        if let last = runs.indices.last, runs[last].continues(with: place) {
            if runs[last].count == 1 { runs[last].step = place.line - runs[last].first.line }
            runs[last].count += 1
            return
        }
        runs.append(Run(firstRow: count, first: place, count: 1, step: 0))
    }

    /// The place of row `row`; nil outside `1…count`.
    func place(of row: Int) -> RowPlace? {
        guard row >= 1, row <= count else { return nil }
        var low = 0
        var high = runs.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if runs[middle].firstRow <= row { low = middle } else { high = middle - 1 }
        }
        return runs[low].place(row)
    }

    /// The rows that start on `lines` (an old journal's record): each range of lines is one
    /// range of rows, since lines never go back.
    func rows(onLines lines: LineSet) -> LineSet {
        var result = LineSet()
        for range in lines.ranges {
            let first = firstRow { $0 >= range.lowerBound }
            let last = firstRow { $0 > range.upperBound } - 1
            if first <= last { result.insert(first...last) }
        }
        return result
    }

    /// The first row whose line satisfies `test` (which, once true, stays true); `count + 1` when none.
    private func firstRow(where test: (Int) -> Bool) -> Int {
        var low = 1
        var high = count + 1
        while low < high {
            let middle = (low + high) / 2
            if let place = place(of: middle), test(place.line) { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The places of `rows`.
    func placeSet(of rows: LineSet) -> RowPlaceSet {
        var set = RowPlaceSet()
        for range in rows.ranges {
            for row in range {
                if let place = place(of: row) { set.insert(place) }
            }
        }
        return set
    }

    /// `rows` as messages and records name them: runs of lines (`2-201,205`), and rows that
    /// share a line by their indexes (`1[0-199]`).
    func describe(_ rows: LineSet) -> String { placeSet(of: rows).description }
}
