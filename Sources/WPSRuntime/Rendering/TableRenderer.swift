import Foundation

/// Renders values for a terminal: a list of records as a table (columns in first-seen order,
/// numbers right-aligned, nested values shown compactly), a record as key/value rows, text as is.
public struct TableRenderer: Sendable {
    /// The widest a cell may be before it is cut with `…`.
    public var maxCellWidth: Int

    public init(maxCellWidth: Int = 40) { self.maxCellWidth = maxCellWidth }

    public func render(_ value: Value) -> String {
        switch value {
        case .list(let items) where !items.isEmpty && items.allSatisfy({ if case .record = $0 { true } else { false } }):
            var columns: [String] = []
            for case .record(let record) in items { for key in record.keys where !columns.contains(key) { columns.append(key) } }
            let rows = items.map { item -> [Value] in
                guard case .record(let record) = item else { return [] }
                return columns.map { record[$0] ?? .null }
            }
            return table(header: columns, rows: rows, alignNumbers: true)
        case .list(let items) where items.isEmpty:
            return "(empty)"
        case .list(let items):
            return items.map { cell($0) }.joined(separator: "\n")
        case .record(let record) where record.contains(where: { !$0.value.isScalar }):
            return TreeRenderer().render(value)
        case .record(let record):
            return table(header: ["field", "value"], rows: record.map { [.string($0.key), $0.value] }, alignNumbers: false)
        default:
            return value.text
        }
    }

    func table(header: [String], rows: [[Value]], alignNumbers: Bool) -> String {
        let cells = rows.map { $0.map(cell) }
        var widths = header.map(\.count)
        for row in cells { for (index, text) in row.enumerated() { widths[index] = max(widths[index], text.count) } }
        func line(_ texts: [String], numeric: [Bool]) -> String {
            texts.enumerated().map { index, text in
                let pad = String(repeating: " ", count: widths[index] - text.count)
                return numeric[index] ? pad + text : text + pad
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
        let text: String
        switch value {
        case .list(let items): text = items.count <= 3 && items.allSatisfy({ $0.number != nil || { if case .string = $0 { true } else { false } }($0) }) ? items.map(\.text).joined(separator: ",") : "[\(items.count) items]"
        case .record(let record): text = "{\(record.count) fields}"
        default: text = value.text.replacingOccurrences(of: "\n", with: " ")
        }
        return text.count > maxCellWidth ? String(text.prefix(maxCellWidth - 1)) + "…" : text
    }
}

extension String {
    fileprivate func trimmingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
