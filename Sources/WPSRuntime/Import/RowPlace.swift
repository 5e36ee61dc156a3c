/// Where a row of an import source is, as messages, records and reports name it: the line it
/// starts on, and — only where that line starts more than one row (a JSON array written on one
/// line) — its 0-based index in the array: `12`, or `1[2]` for the third object of an array on
/// line 1 (`boxes.json:1[2]: smtp_port: …`).
public struct RowPlace: Sendable, Hashable, CustomStringConvertible {
    public var line: Int
    public var index: Int?

    public init(line: Int, index: Int? = nil) {
        self.line = line
        self.index = index
    }

    public var description: String { index.map { "\(line)[\($0)]" } ?? "\(line)" }
}
