/// Reads rows one at a time.
public protocol RowReader {
    /// The next row; nil at the end. Throws a located error for malformed input.
    mutating func next() throws(RuntimeError) -> SourceRow?
    /// The header's column names as the file spells them (trimmed; empty for a column without a
    /// name or left out by `--ignore-column`), and its line; nil for sources without a header
    /// (JSON, NDJSON, records).
    var headerColumns: (line: Int, names: [String])? { get }
    /// The `--ignore-column` names a header does not have (lower-cased); none for sources
    /// without a header, whose keys vary by row.
    var absentIgnoredColumns: [String] { get }
}

extension RowReader {
    public var headerColumns: (line: Int, names: [String])? { nil }
    public var absentIgnoredColumns: [String] { [] }
}
