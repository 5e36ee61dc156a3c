import OutreachAPI
import WPSLanguage

/// An import target's column names without its field type: each name (lower-case) → the field
/// it gives (by raw value) and its precedence, so that a CSV reader can bind a header to the
/// fields once per file (``binding(for:)``).
struct ColumnTable: Sendable {
    /// The field a column name gives, and its precedence: 0 for the field's own name, then its
    /// aliases in order.
    struct Entry: Sendable {
        let field: Int
        let rank: Int
    }

    /// Which target the table is of: a binding is used only with the map it was made from.
    let id: ObjectIdentifier
    let entries: [String: Entry]

    /// Every column name a row may use.
    var known: Set<String> { Set(entries.keys) }

    /// How the columns of `header` (trimmed, lower-cased; empty for a column without a name)
    /// give the fields, and the problem of a value in a column no field uses.
    func binding(for header: [String]) -> ColumnBinding {
        var byField: [Int: [(rank: Int, column: Int)]] = [:]
        var unknown: [(column: Int, name: String)] = []
        for (column, name) in header.enumerated() where !name.isEmpty {
            if let entry = entries[ColumnName.key(name)] {
                byField[entry.field, default: []].append((entry.rank, column))
            } else {
                unknown.append((column, name))
            }
        }
        let fields = byField.sorted { $0.key < $1.key }.map { field, columns in
            ColumnBinding.FieldColumns(field: field, columns: columns.sorted { $0.rank < $1.rank }.map(\.column))
        }
        let names = Array(entries.keys)
        let problems = unknown.sorted { $0.name < $1.name }.map { column, name in
            let suggestion =
                Suggestion.closest(to: ColumnName.key(name), in: names).map { " — did you mean '\($0)'?" } ?? ""
            return ColumnBinding.UnknownColumn(
                column: column, problem: ValidationProblem(name, "unknown column\(suggestion)"))
        }
        return ColumnBinding(tableID: id, fields: fields, unknown: problems)
    }
}
