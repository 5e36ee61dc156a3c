import Foundation
import WPSLanguage

/// Renders values for a terminal: a list of records as a table (columns in first-seen order,
/// numbers right-aligned, a small nested record as dotted columns, a bigger one by its email,
/// name or id, a list by its items), a record as key/value rows, text as is.
///
/// A table fits `width` (the terminal's columns) when one is given: first its headers are broken
/// at `_` onto more lines, then the widest column is cut, its cells ending in `…`, then the next
/// widest — never a header's word, so no two headers read the same. A table that cannot fit so
/// is turned round (a row per field, a column per record) or, with more records than that fits,
/// printed as one key/value table per record. A record of scalars, flat records and lists of
/// flat records (`campaign stats`) prints as its scalars' key/value table, then a table per
/// nested field, titled by the field's name.
public struct TableRenderer: Sendable {
    /// The terminal's width in columns; nil: no limit (output that is not a terminal).
    public var width: Int?
    /// The fewest columns a cut column keeps.
    static let minimumColumn = 6

    public init(width: Int? = nil) { self.width = width }

    public func render(_ value: Value) -> String {
        switch value {
        case .list(let items)
        where !items.isEmpty && items.allSatisfy({ if case .record = $0 { true } else { false } }):
            return records(items)
        case .list(let items) where items.isEmpty:
            return "(empty)"
        case .list(let items):
            return items.map { cell($0) }.joined(separator: "\n")
        case .record(let record) where Self.isSectioned(record):
            return sections(record)
        case .record(let record) where record.contains(where: { !$0.value.isScalar }):
            return TreeRenderer().render(value)
        case .record(let record):
            return keyValues(record)
        default:
            return value.text
        }
    }

    /// A record as `field value` rows.
    func keyValues(_ record: Record) -> String {
        table(header: ["field", "value"], rows: record.map { [.string($0.key), $0.value] }, layout: .keyValue) ?? ""
    }

    /// A list of records as a table, turned round or one key/value table per record when it does
    /// not fit the width.
    func records(_ items: [Value]) -> String {
        let columns = Self.columns(of: items)
        let header = columns.map { $0.joined(separator: ".") }
        let rows = items.map { item in columns.map { Self.field(item, at: $0) } }
        if let text = table(header: header, rows: rows, layout: .records) { return text }
        // A row per field, a column per record, headed by the first column's values.
        let turned = header.indices.dropFirst().map { index in [Value.string(header[index])] + rows.map { $0[index] } }
        let names = [header.first ?? ""] + rows.map { cell($0.first ?? .null) }
        if let text = table(header: names, rows: turned, layout: .turned) { return text }
        return items.compactMap { item in
            guard case .record(let record) = item else { return nil }
            return keyValues(record)
        }.joined(separator: "\n\n")
    }

    /// The most fields a nested record may have to be shown as its own columns.
    static let flattenedFields = 3

    /// The columns of a list of records, as paths, in first-seen order. A field holding small
    /// records of scalars (what `select id details.email details.daily_limit` leaves) becomes a
    /// column per nested field, `details.email`; a bigger one stays one column, shown by what
    /// names it.
    static func columns(of items: [Value]) -> [[String]] {
        // Records that all say which of their fields a table shows (``Record/shownColumns``).
        if case .record(let first)? = items.first, let shown = first.shownColumns,
            items.allSatisfy({ if case .record(let record) = $0 { record.shownColumns == shown } else { false } })
        {
            return shown.map { $0.split(separator: ".").map(String.init) }
        }
        var keys: [String] = []
        for case .record(let record) in items { for key in record.keys where !keys.contains(key) { keys.append(key) } }
        return keys.flatMap { key -> [[String]] in
            var nested: [String] = []
            for case .record(let record) in items {
                switch record[key] ?? .null {
                case .null: continue
                case .record(let inner) where inner.allSatisfy({ $0.value.isScalar }):
                    for field in inner.keys where !nested.contains(field) { nested.append(field) }
                default: return [[key]]
                }
            }
            guard !nested.isEmpty, nested.count <= flattenedFields else { return [[key]] }
            return nested.map { [key, $0] }
        }
    }

    /// The value at a column's path in one row; null where the row has none.
    static func field(_ item: Value, at path: [String]) -> Value {
        var value = item
        for key in path {
            guard case .record(let record) = value, let inner = record[key] else { return .null }
            value = inner
        }
        return value
    }

    /// How a table is laid out and fitted to the width.
    enum Layout {
        /// `field value` rows: the field column kept whole while the values keep a few columns,
        /// the values cut; always rendered.
        case keyValue
        /// A list of records: numbers right-aligned, headers broken at `_` before cells are cut,
        /// never a header's word; nil when that cannot fit.
        case records
        /// A list of records turned round: the field column kept whole, the records' names as
        /// headers, cut; nil when that cannot fit or two headers would read the same.
        case turned
    }

    /// The rows under `header`, fitted to the width as `layout` says; nil when they cannot fit.
    func table(header: [String], rows: [[Value]], layout: Layout) -> String? {
        var widths = header.map(DisplayWidth.of)
        for row in rows {
            for (index, value) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(cell(value))) }
        }
        let gaps = 2 * max(0, widths.count - 1)
        var headerLines = header.map { [$0] }
        if let width, widths.reduce(0, +) + gaps > width {
            switch layout {
            case .keyValue, .turned:
                let othersNeed = (widths.count - 1) * Self.minimumColumn + gaps
                let keep: Set<Int> = layout == .turned || widths[0] + othersNeed <= width ? [0] : []
                widths = Self.fit(widths, into: width, keeping: keep)
                headerLines = zip(header, widths).map { [Self.cut($0, to: $1)] }
                if layout == .turned {
                    let names = headerLines.dropFirst().map { $0[0] }
                    guard Set(names).count == names.count, widths.reduce(0, +) + gaps <= width else { return nil }
                }
            case .records:
                let floors = header.map(Self.headerFloor)
                var natural = floors
                for row in rows {
                    for (index, value) in row.enumerated() {
                        natural[index] = max(natural[index], DisplayWidth.of(cell(value)))
                    }
                }
                // The columns that name the row (`id`, `email`, leading ones): cut, `rev.t…` or
                // `ann@demo.example.c…` leave rows no one can tell apart — kept whole while they
                // take at most half the width.
                var keep: Set<Int> = []
                var kept = 0
                for index in header.indices.prefix(while: { Self.isIdentifier(header[$0]) }) {
                    guard kept + natural[index] <= width / 2 else { break }
                    keep.insert(index)
                    kept += natural[index]
                }
                widths = Self.fit(natural, into: width, keeping: keep, floors: floors)
                var spare = width - widths.reduce(0, +) - gaps
                guard spare >= 0 else { return nil }
                // Room left over goes to headers that then fit on one line, the cheapest first.
                for index in widths.indices.sorted(by: { widths[$0] - natural[$0] < widths[$1] - natural[$1] })
                where widths[index] >= natural[index] {
                    let need = DisplayWidth.of(header[index]) - widths[index]
                    if need > 0, need <= spare {
                        widths[index] += need
                        spare -= need
                    }
                }
                headerLines = zip(header, widths).map { Self.wrap($0, to: $1) }
            }
        }
        let alignNumbers = layout != .keyValue
        func line(_ texts: [String], numeric: [Bool]) -> String {
            texts.enumerated().map { index, text in
                let shown = Self.cut(text, to: widths[index])
                let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(shown)))
                return numeric[index] ? pad + shown : shown + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        // Headers of several lines sit on the rule, their last words side by side.
        let depth = headerLines.map(\.count).max() ?? 1
        var lines = (0..<depth).map { level in
            line(
                headerLines.map { words in level < depth - words.count ? "" : words[level - (depth - words.count)] },
                numeric: header.map { _ in false })
        }
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for row in rows {
            let texts = row.enumerated().map { index, value in cell(value, width: widths[index]) }
            // A turned table's values are one field's across records: all numbers, or left-aligned.
            let numeric =
                layout == .turned
                ? row.indices.map { $0 > 0 && row.dropFirst().allSatisfy { $0.number != nil || $0 == .null } }
                : row.map { alignNumbers && $0.number != nil }
            lines.append(line(texts, numeric: numeric))
        }
        return lines.joined(separator: "\n")
    }

    /// The narrowest a column may be without cutting a word of its header broken at `_`
    /// (`failed_` over `mailboxes`).
    static func headerFloor(_ header: String) -> Int {
        let words = header.split(separator: "_", omittingEmptySubsequences: false)
        return words.enumerated().map { DisplayWidth.of($0.element) + ($0.offset < words.count - 1 ? 1 : 0) }.max() ?? 0
    }

    /// `header` broken after its `_`s into lines of at most `width` columns, as few as fit.
    static func wrap(_ header: String, to width: Int) -> [String] {
        guard DisplayWidth.of(header) > width else { return [header] }
        let words = header.split(separator: "_", omittingEmptySubsequences: false).map(String.init)
        var lines: [String] = []
        var current = ""
        for (index, word) in words.enumerated() {
            let piece = word + (index < words.count - 1 ? "_" : "")
            if !current.isEmpty, DisplayWidth.of(current + piece) > width {
                lines.append(current)
                current = ""
            }
            current += piece
        }
        lines.append(current)
        return lines
    }

    /// Whether a column's header names what identifies a row: `id`, `domain`, `email`,
    /// `campaign_id`, `details.email`.
    static func isIdentifier(_ header: String) -> Bool {
        let name = header.split(separator: ".").last.map(String.init) ?? header
        return ["id", "domain", "email"].contains(name) || name.hasSuffix("_id") || name.hasSuffix("_email")
    }

    /// Column widths that fit `total` columns (two spaces between columns): the widest is cut
    /// first, one column at a time, none below ``minimumColumn`` (or its own width), and none of
    /// `keeping` at all (the table is then wider than `total` when the others cannot make room).
    /// `floors` gives each column's own narrowest (default ``minimumColumn``).
    static func fit(_ natural: [Int], into total: Int, keeping kept: Set<Int> = [], floors: [Int]? = nil) -> [Int] {
        var widths = natural
        let floor = natural.indices.map { min(natural[$0], max(minimumColumn, floors?[$0] ?? 0)) }
        let gaps = 2 * max(0, widths.count - 1)
        while widths.reduce(0, +) + gaps > total {
            guard
                let widest = widths.indices.filter({ !kept.contains($0) && widths[$0] > floor[$0] })
                    .max(by: { widths[$0] < widths[$1] })
            else { break }
            let excess = widths.reduce(0, +) + gaps - total
            let others =
                widths.enumerated().filter { $0.offset != widest && !kept.contains($0.offset) }.map(\.element).max()
                ?? minimumColumn
            // Down to the next widest column at most in one step, so the cuts are shared out.
            widths[widest] = max(floor[widest], widths[widest] - excess, min(widths[widest] - 1, others))
        }
        return widths
    }

    /// `text` within `width` display columns, its end replaced by `…` when cut.
    static func cut(_ text: String, to width: Int) -> String {
        guard DisplayWidth.of(text) > width else { return text }
        var kept = ""
        var used = 0
        for character in text {
            let next = DisplayWidth.of(character)
            if used + next > width - 1 { break }
            kept.append(character)
            used += next
        }
        return kept + "…"
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
