/// The header of a CSV source, shared by all its rows: the column names (trimmed, lower-cased;
/// empty for a column without a name), and, when the reader was given an import target's
/// columns, how they give its fields.
final class RowHeader: Sendable {
    let names: [String]
    /// Column name → its position.
    let positions: [String: Int]
    let binding: ColumnBinding?

    init(names: [String], columns: ColumnTable?) {
        self.names = names
        var positions: [String: Int] = [:]
        for (position, name) in names.enumerated() where !name.isEmpty { positions[name] = position }
        self.positions = positions
        binding = columns?.binding(for: names)
    }
}
