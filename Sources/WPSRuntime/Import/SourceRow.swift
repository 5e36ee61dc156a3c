/// One row of an import source: its fields by column name, and the line it starts on
/// (CSV: the physical line, counting line breaks inside quoted fields; NDJSON: the line;
/// a JSON array: the line its object starts on; pipeline records: the position, from 1).
public struct SourceRow: Sendable, Hashable {
    public var line: Int
    /// Column name (trimmed, lower-cased) → value (trimmed); empty values are left out.
    public var fields: [String: String]

    /// A row; column names are lower-cased unless `normalized` says they already are.
    public init(line: Int, fields: [String: String], normalized: Bool = false) {
        self.line = line
        if normalized {
            self.fields = fields
        } else {
            var lowered: [String: String] = [:]
            for (key, value) in fields { lowered[key.lowercased()] = value }
            self.fields = lowered
        }
    }

    /// The value of the first of `names` (lower-case) present.
    public func value(_ names: [String]) -> String? {
        for name in names {
            if let value = fields[name] { return value }
        }
        return nil
    }
}
