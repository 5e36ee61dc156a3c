/// A set of row places (``RowPlace``), written as an import record's `lines` and in messages:
/// runs of lines for rows that have a line to themselves (`2-201,205`), and the indexes of rows
/// that share a line (`1[0-199]`), in source order: `2-5,7[0-1],7[3]`.
///
/// A file's rows never share lines, so there it is the set of their lines, written as before.
struct RowPlaceSet: Sendable, Hashable, CustomStringConvertible {
    /// The lines of rows that have a line to themselves.
    private(set) var lines = LineSet()
    /// Line → the indexes of the rows that share it.
    private(set) var shared: [Int: LineSet] = [:]

    init() {}

    /// Parses what ``description`` writes; nil when malformed.
    init?(parsing text: Substring) {
        for part in text.split(separator: ",") {
            guard let open = part.firstIndex(of: "[") else {
                guard let range = LineSet(parsing: part) else { return nil }
                lines.formUnion(range)
                continue
            }
            guard part.last == "]", let line = Int(part[..<open]), line > 0,
                let indexes = LineSet(parsing: part[part.index(after: open)..<part.index(before: part.endIndex)]),
                !indexes.isEmpty
            else { return nil }
            shared[line, default: LineSet()].formUnion(indexes)
        }
    }

    var isEmpty: Bool { lines.isEmpty && shared.isEmpty }

    mutating func insert(_ place: RowPlace) {
        if let index = place.index {
            shared[place.line, default: LineSet()].insert(index)
        } else {
            lines.insert(place.line)
        }
    }

    mutating func formUnion(_ other: RowPlaceSet) {
        lines.formUnion(other.lines)
        for (line, indexes) in other.shared { shared[line, default: LineSet()].formUnion(indexes) }
    }

    func contains(_ place: RowPlace) -> Bool {
        if let index = place.index { return shared[place.line]?.contains(index) ?? false }
        return lines.contains(place.line)
    }

    /// Every line a row of the set starts on.
    var allLines: LineSet {
        var all = lines
        for line in shared.keys { all.insert(line) }
        return all
    }

    /// The places in source order (by line, then index).
    var places: [RowPlace] {
        pieces.flatMap { piece -> [RowPlace] in
            switch piece {
            case .lines(let range): range.map { RowPlace(line: $0) }
            case .shared(let line, let indexes): indexes.map { RowPlace(line: line, index: $0) }
            }
        }
    }

    var description: String {
        pieces.map { piece in
            switch piece {
            case .lines(let range): range.count == 1 ? "\(range.lowerBound)" : "\(range.lowerBound)-\(range.upperBound)"
            case .shared(let line, let range):
                range.count == 1 ? "\(line)[\(range.lowerBound)]" : "\(line)[\(range.lowerBound)-\(range.upperBound)]"
            }
        }.joined(separator: ",")
    }

    private enum Piece {
        case lines(ClosedRange<Int>)
        case shared(line: Int, indexes: ClosedRange<Int>)

        var line: Int {
            switch self {
            case .lines(let range): range.lowerBound
            case .shared(let line, _): line
            }
        }
    }

    /// Runs of lines and of shared lines' indexes, in source order.
    private var pieces: [Piece] {
        let runs = lines.ranges.map(Piece.lines)
        let sharing = shared.keys.sorted().flatMap { line in
            (shared[line]?.ranges ?? []).map { Piece.shared(line: line, indexes: $0) }
        }
        let ordered = (runs + sharing).enumerated().sorted {
            ($0.element.line, $0.offset) < ($1.element.line, $1.offset)
        }
        return ordered.map(\.element)
    }
}
