/// Reads rows one at a time.
public protocol RowReader {
    /// The next row; nil at the end. Throws a located error for malformed input.
    mutating func next() throws(RuntimeError) -> SourceRow?
    /// The header's column names as the file spells them (trimmed), and its line; nil for
    /// sources without a header (JSON, NDJSON, records).
    var headerColumns: (line: Int, names: [String])? { get }
}

extension RowReader {
    public var headerColumns: (line: Int, names: [String])? { nil }
}
