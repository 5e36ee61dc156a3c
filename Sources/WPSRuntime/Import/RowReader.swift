/// Reads rows one at a time.
public protocol RowReader {
    /// The next row; nil at the end. Throws a located error for malformed input.
    mutating func next() throws(RuntimeError) -> SourceRow?
}
