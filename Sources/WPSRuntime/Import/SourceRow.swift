/// One row of an import source: its fields by column name, and where it starts (CSV: the
/// physical line, counting line breaks inside quoted fields; NDJSON: the line; a JSON array: the
/// line its object starts on, and its index in the array where that line starts more than one
/// object; pipeline records: the position, from 1).
///
/// A CSV row keeps its cells by column under the file's shared header (no dictionary per row);
/// ``fields`` gives them by name all the same.
public struct SourceRow: Sendable, Hashable {
    /// A field's text as the file wrote it, where that differs from the trimmed text in `fields`.
    public struct Written: Sendable, Hashable {
        public var text: String
        /// Written inside quotes (CSV), where surrounding spaces are part of the field.
        public var quoted: Bool

        public init(text: String, quoted: Bool) {
            self.text = text
            self.quoted = quoted
        }
    }

    public var line: Int
    /// The 0-based index in the JSON array, set only when the row's line starts other rows too.
    public var index: Int?
    /// Column name → the text as written, for the fields trimming changed (CSV only): a secret
    /// is sent as written, never trimmed.
    public var asWritten: [String: Written]
    /// What is wrong with the row as a whole (`has 9 fields, the header has 8`): its fields are
    /// not read, and the row is one located problem, skipped by `--skip-invalid` like any other.
    public var problem: String?
    /// The fields of a row read by name (JSON, NDJSON, records).
    private var named: [String: String]
    /// A CSV row's header, and its cells by column (trimmed; nil when empty).
    private(set) var header: RowHeader?
    private(set) var cells: [String?]

    /// A row; column names are lower-cased unless `normalized` says they already are.
    public init(
        line: Int, index: Int? = nil, fields: [String: String], normalized: Bool = false,
        asWritten: [String: Written] = [:],
        problem: String? = nil
    ) {
        self.line = line
        self.problem = problem
        self.index = index
        self.asWritten = asWritten
        header = nil
        cells = []
        if normalized {
            named = fields
        } else {
            var lowered: [String: String] = [:]
            for (key, value) in fields { lowered[key.lowercased()] = value }
            named = lowered
        }
    }

    /// A CSV row: its cells by the columns of `header`.
    init(line: Int, header: RowHeader, cells: [String?], asWritten: [String: Written]) {
        self.line = line
        index = nil
        problem = nil
        self.asWritten = asWritten
        named = [:]
        self.header = header
        self.cells = cells
    }

    /// Column name (trimmed, lower-cased) → value (trimmed); empty values are left out.
    public var fields: [String: String] {
        get {
            guard let header else { return named }
            var fields: [String: String] = Dictionary(minimumCapacity: cells.count)
            for (position, cell) in cells.enumerated() {
                if let cell, position < header.names.count { fields[header.names[position]] = cell }
            }
            return fields
        }
        set {
            named = newValue
            header = nil
            cells = []
        }
    }

    /// Where the row is, as messages and reports name it: `12`, or `1[2]` in a one-line array.
    public var place: RowPlace { RowPlace(line: line, index: index) }

    /// The value of the first of `names` (lower-case) present.
    public func value(_ names: [String]) -> String? {
        for name in names {
            if let header {
                if let position = header.positions[name], position < cells.count, let value = cells[position] {
                    return value
                }
            } else if let value = named[name] {
                return value
            }
        }
        return nil
    }

    /// Each field by column name (as ``fields``, without building a dictionary).
    func forEachField(_ body: (String, String) -> Void) {
        guard let header else {
            for (name, value) in named { body(name, value) }
            return
        }
        for (position, cell) in cells.enumerated() {
            if let cell, position < header.names.count { body(header.names[position], cell) }
        }
    }

    public static func == (left: SourceRow, right: SourceRow) -> Bool {
        left.line == right.line && left.index == right.index && left.problem == right.problem
            && left.asWritten == right.asWritten && left.fields == right.fields
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(line)
        hasher.combine(index)
        hasher.combine(problem)
        hasher.combine(asWritten)
        hasher.combine(fields)
    }
}
