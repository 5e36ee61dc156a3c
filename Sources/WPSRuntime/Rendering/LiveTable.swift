import Synchronization
import WPSLanguage

/// A table printed a few rows at a time, for a list that has no end known in advance
/// (`webhook listen` on a terminal): the header once, with the first rows; the columns and their
/// widths fixed then (from those rows, at least ``minimumWidth`` each, fitted to the terminal's
/// width), every later cell cut to its column with `…`.
public final class LiveTable: Sendable {
    /// The narrowest a column starts, so that later, longer values are not all cut.
    static let minimumWidth = 10

    private struct Layout {
        var columns: [[String]]
        var widths: [Int]
    }

    private let width: @Sendable () -> Int?
    private let write: @Sendable (String) -> Void
    private let layout = Mutex<Layout?>(nil)

    /// A table written by `write` (one call per line), fitted to `width` columns when known.
    public init(width: @escaping @Sendable () -> Int?, write: @escaping @Sendable (String) -> Void) {
        self.width = width
        self.write = write
    }

    /// Prints `items`: the header first if none was printed yet, then a row each. The columns
    /// are `preferred` where the first records have any of them, else the first records' own.
    public func print(_ items: [Value], preferring preferred: [[String]]) {
        guard !items.isEmpty else { return }
        let renderer = TableRenderer()
        var lines: [String] = []
        let current = layout.withLock { layout -> Layout? in
            if let layout { return layout }
            let records = items.filter { if case .record = $0 { true } else { false } }
            guard !records.isEmpty else { return nil }
            let present = preferred.filter { path in records.contains { TableRenderer.field($0, at: path) != .null } }
            let columns = present.isEmpty ? TableRenderer.columns(of: records) : present
            // Each column by its last name (`email` for prospect.email) where no other has it.
            let leaves = columns.map { $0.last ?? "" }
            let header = columns.map { path in
                leaves.filter { $0 == path.last }.count == 1 ? path.last ?? "" : path.joined(separator: ".")
            }
            var widths = zip(columns, header).map { path, name in
                max(
                    Self.minimumWidth, DisplayWidth.of(name),
                    records.map { DisplayWidth.of(renderer.cell(TableRenderer.field($0, at: path))) }.max() ?? 0)
            }
            if let total = width() {
                // What names a row (an email, an id) is not cut while others can make room.
                let names = Set(header.indices.filter { TableRenderer.isIdentifier(header[$0]) }.prefix(1))
                widths = TableRenderer.fit(widths, into: total, keeping: names)
            }
            let made = Layout(columns: columns, widths: widths)
            layout = made
            lines.append(Self.line(header, widths, numeric: columns.map { _ in false }))
            lines.append(widths.map { String(repeating: "─", count: $0) }.joined(separator: "  "))
            return made
        }
        for item in items {
            guard let current, case .record = item else {
                lines.append(renderer.cell(item))
                continue
            }
            let values = current.columns.map { TableRenderer.field(item, at: $0) }
            lines.append(Self.line(values.map(renderer.cell), current.widths, numeric: values.map { $0.number != nil }))
        }
        for line in lines { write(line) }
    }

    private static func line(_ texts: [String], _ widths: [Int], numeric: [Bool]) -> String {
        var line = texts.enumerated().map { index, text in
            let shown = TableRenderer.cut(text, to: widths[index])
            let pad = String(repeating: " ", count: max(0, widths[index] - DisplayWidth.of(shown)))
            return numeric[index] ? pad + shown : shown + pad
        }.joined(separator: "  ")
        while line.last == " " { line.removeLast() }
        return line
    }
}
