/// One row of an import source: its fields by column name, and where it starts (CSV: the
/// physical line, counting line breaks inside quoted fields; NDJSON: the line; a JSON array: the
/// line its object starts on, and its index in the array where that line starts more than one
/// object; pipeline records: the position, from 1).
public struct SourceRow: Sendable, Hashable {
    public var line: Int
    /// The 0-based index in the JSON array, set only when the row's line starts other rows too.
    public var index: Int?
    /// Column name (trimmed, lower-cased) → value (trimmed); empty values are left out.
    public var fields: [String: String]

    /// A row; column names are lower-cased unless `normalized` says they already are.
    public init(line: Int, index: Int? = nil, fields: [String: String], normalized: Bool = false) {
        self.line = line
        self.index = index
        if normalized {
            self.fields = fields
        } else {
            var lowered: [String: String] = [:]
            for (key, value) in fields { lowered[key.lowercased()] = value }
            self.fields = lowered
        }
    }

    /// Where the row is, as messages and reports name it: `12`, or `1[2]` in a one-line array.
    public var place: RowPlace { RowPlace(line: line, index: index) }

    /// The value of the first of `names` (lower-case) present.
    public func value(_ names: [String]) -> String? {
        for name in names {
            if let value = fields[name] { return value }
        }
        return nil
    }
}
