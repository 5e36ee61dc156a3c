/// A piece of wps source: a script file, a `-c` command, or a line typed at the prompt.
///
/// Positions inside it are UTF-8 byte offsets; ``location(of:)`` turns one into a 1-based
/// line and column (columns count characters, so carets line up under accented text).
public struct SourceFile: Sendable, Hashable {
    /// The name diagnostics show: a path, `<command>` or `<stdin>`.
    public let name: String
    /// The text.
    public let text: String
    /// The offsets at which each line starts.
    let lineStarts: [Int]

    public init(name: String, text: String) {
        self.name = name
        self.text = text
        func starts<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [Int] where Bytes.Index == Int {
            var starts = [0]
            for offset in bytes.indices where bytes[offset] == UInt8(ascii: "\n") { starts.append(offset + 1) }
            return starts
        }
        // A native string's bytes are read in place; another (bridged) one through a copy.
        lineStarts = text.utf8.withContiguousStorageIfAvailable { starts($0) } ?? starts(Array(text.utf8))
    }

    /// The line and column of a UTF-8 offset.
    public func location(of offset: Int) -> SourceLocation {
        let clamped = min(max(offset, 0), text.utf8.count)
        let low = lineIndex(of: clamped)
        let lineStart = lineStarts[low]
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStart)
        let end = utf8.index(utf8.startIndex, offsetBy: clamped)
        let column = text[start..<end].count + 1
        return SourceLocation(line: low + 1, column: column, offset: clamped)
    }

    /// The 0-based index of the line holding a UTF-8 offset (clamped to the text).
    func lineIndex(of offset: Int) -> Int {
        let clamped = min(max(offset, 0), text.utf8.count)
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let middle = (low + high + 1) / 2
            if lineStarts[middle] <= clamped { low = middle } else { high = middle - 1 }
        }
        return low
    }

    /// The text of a 1-based line, without its newline.
    public func line(_ number: Int) -> Substring {
        guard number >= 1, number <= lineStarts.count else { return "" }
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: lineStarts[number - 1])
        let endOffset = number < lineStarts.count ? lineStarts[number] - 1 : utf8.count
        let end = utf8.index(utf8.startIndex, offsetBy: max(endOffset, lineStarts[number - 1]))
        return text[start..<end]
    }

    /// The text of a range.
    public func text(of range: SourceRange) -> Substring {
        let utf8 = text.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: min(range.start, utf8.count))
        let end = utf8.index(utf8.startIndex, offsetBy: min(range.end, utf8.count))
        return text[start..<end]
    }
}

/// A 1-based line and column, and the UTF-8 offset they stand for.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    public let line: Int
    public let column: Int
    public let offset: Int
    public var description: String { "\(line):\(column)" }
}

/// A half-open range of UTF-8 offsets in a ``SourceFile``.
public struct SourceRange: Sendable, Hashable {
    public var start: Int
    public var end: Int
    public init(_ start: Int, _ end: Int) {
        self.start = start
        self.end = max(start, end)
    }
    /// The smallest range covering both.
    public func union(_ other: SourceRange) -> SourceRange {
        SourceRange(min(start, other.start), max(end, other.end))
    }
}
