import Foundation
import WPSLanguage

/// Renders values for a terminal: a list of records as a table (columns in first-seen order,
/// numbers right-aligned, a small nested record as dotted columns, a bigger one by its email,
/// name or id), a record as key/value rows, text as is.
///
/// A table fits `width` (the terminal's columns) when one is given: the widest column is cut
/// first, its cells ending in `…`, then the next widest, down to a few characters each.
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
            let columns = Self.columns(of: items)
            let rows = items.map { item in columns.map { Self.field(item, at: $0) } }
            return table(header: columns.map { $0.joined(separator: ".") }, rows: rows, alignNumbers: true)
        case .list(let items) where items.isEmpty:
            return "(empty)"
        case .list(let items):
            return items.map { cell($0) }.joined(separator: "\n")
        case .record(let record) where record.contains(where: { !$0.value.isScalar }):
            return TreeRenderer().render(value)
        case .record(let record):
            return table(
                header: ["field", "value"], rows: record.map { [.string($0.key), $0.value] }, alignNumbers: false)
        default:
            return value.text
        }
    }

    /// The most fields a nested record may have to be shown as its own columns.
    static let flattenedFields = 3

    /// The columns of a list of records, as paths, in first-seen order. A field holding small
    /// records of scalars (what `select id details.email details.daily_limit` leaves) becomes a
    /// column per nested field, `details.email`; a bigger one stays one column, shown by what
    /// names it.
    static func columns(of items: [Value]) -> [[String]] {
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

    func table(header: [String], rows: [[Value]], alignNumbers: Bool) -> String {
        let cells = rows.map { $0.map(cell) }
        var widths = header.map(DisplayWidth.of)
        for row in cells {
            for (index, text) in row.enumerated() { widths[index] = max(widths[index], DisplayWidth.of(text)) }
        }
        if let width {
            // The first column names the row: cut, `rev.t…` leaves rows no one can tell apart.
            let keep: Set<Int> = header.first.map(Self.isIdentifier) == true && widths[0] <= width / 2 ? [0] : []
            widths = Self.fit(widths, into: width, keeping: keep)
        }
        func line(_ texts: [String], numeric: [Bool]) -> String {
            texts.enumerated().map { index, text in
                let shown = Self.cut(text, to: widths[index])
                let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(shown)))
                return numeric[index] ? pad + shown : shown + pad
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        var lines = [line(header, numeric: header.map { _ in false })]
        lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
        for (row, texts) in zip(rows, cells) {
            lines.append(line(texts, numeric: row.map { alignNumbers && $0.number != nil }))
        }
        return lines.joined(separator: "\n")
    }

    func cell(_ value: Value) -> String {
        switch value {
        case .list(let items):
            let scalars = items.allSatisfy { $0.number != nil || { if case .string = $0 { true } else { false } }($0) }
            return items.count <= 3 && scalars ? items.map(\.text).joined(separator: ",") : "[\(items.count) items]"
        case .record(let record):
            // A nested record by what names it (`details` of a mailbox: its email).
            for key in ["email", "name", "title", "id"] {
                if let named = record[key], named.isScalar, named != .null { return cell(named) }
            }
            return record.count == 1 ? "{1 field}" : "{\(record.count) fields}"
        default:
            return value.text.replacingOccurrences(of: "\n", with: " ")
        }
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
    static func fit(_ natural: [Int], into total: Int, keeping kept: Set<Int> = []) -> [Int] {
        var widths = natural
        let gaps = 2 * max(0, widths.count - 1)
        while widths.reduce(0, +) + gaps > total {
            guard
                let widest = widths.indices.filter({ !kept.contains($0) }).max(by: { widths[$0] < widths[$1] }),
                widths[widest] > minimumColumn
            else { break }
            let excess = widths.reduce(0, +) + gaps - total
            let others =
                widths.enumerated().filter { $0.offset != widest && !kept.contains($0.offset) }.map(\.element).max()
                ?? minimumColumn
            // Down to the next widest column at most in one step, so the cuts are shared out.
            widths[widest] = max(minimumColumn, widths[widest] - excess, min(widths[widest] - 1, others))
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
