/// A `tag=value; tag=value` list as DMARC (RFC 7489) and DKIM (RFC 6376) records write them;
/// tag names lower-cased, values trimmed.
struct TagList: Sendable, Equatable {
    let tags: [String: String]

    init(_ text: String) {
        var tags: [String: String] = [:]
        for part in text.split(separator: ";") {
            guard let equals = part.firstIndex(of: "=") else { continue }
            let name = part[..<equals].trimmed(of: " \t").lowercased()
            let value = part[part.index(after: equals)...].trimmed(of: " \t")
            if tags[name] == nil { tags[name] = value }
        }
        self.tags = tags
    }

    subscript(_ name: String) -> String? { tags[name] }
}

extension StringProtocol {
    /// The text without leading and trailing characters of `set`.
    func trimmed(of set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice = slice.dropFirst() }
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
