import Foundation
import WPSLanguage

/// Checks the snippets of a subject or message: `{{FIRST_NAME}}` and the fallback form
/// `{{FIRST_NAME | "there"}}` (the fallback may hold unescaped quotes and may be empty).
/// Unknown names (with the closest known one), malformed fallbacks and unbalanced braces are problems.
public enum SnippetLint {
    /// One snippet found in a text.
    public struct Use: Sendable, Hashable {
        public var name: String
        public var fallback: String?
        /// Byte offset and length of the whole `{{…}}`.
        public var offset: Int
        public var length: Int
    }

    /// The snippets of `text` and its problems.
    public static func scan(_ text: String) -> (uses: [Use], problems: [TextProblem]) {
        let bytes = Array(text.utf8)
        var uses: [Use] = []
        var problems: [TextProblem] = []
        var index = 0
        // Whether `pair` (`{{` or `}}`) starts at `i`: compared in place, nothing allocated per byte.
        func at(_ i: Int, _ pair: StaticString) -> Bool {
            pair.withUTF8Buffer { pattern in
                guard i + pattern.count <= bytes.count else { return false }
                for k in 0..<pattern.count where bytes[i + k] != pattern[k] { return false }
                return true
            }
        }
        while index < bytes.count {
            if at(index, "}}") {
                problems.append(TextProblem("'}}' without an opening '{{'", offset: index, length: 2))
                index += 2
                continue
            }
            guard at(index, "{{") else {
                index += 1
                continue
            }
            var close = index + 2
            while close < bytes.count, !at(close, "}}") {
                if at(close, "{{") { break }
                close += 1
            }
            guard close < bytes.count, at(close, "}}") else {
                problems.append(TextProblem("'{{' is never closed with '}}'", offset: index, length: 2))
                index += 2
                continue
            }
            let inner = String(decoding: bytes[(index + 2)..<close], as: UTF8.self)
            let length = close + 2 - index
            let parts = inner.split(separator: "|", maxSplits: 1, omittingEmptySubsequences: false)
            let name = parts[0].trimmingCharacters(in: .whitespaces)
            var fallback: String?
            if parts.count == 2 {
                let raw = parts[1].trimmingCharacters(in: .whitespaces)
                if raw.count >= 2, raw.hasPrefix("\""), raw.hasSuffix("\"") {
                    fallback = String(raw.dropFirst().dropLast())
                } else {
                    problems.append(
                        TextProblem(
                            "the fallback of {{\(name)}} must be quoted: {{\(name) | \"value\"}}", offset: index,
                            length: length))
                }
            }
            if !Snippets.names.contains(name) {
                let suggestion =
                    Suggestion.closest(to: name, in: Snippets.names).map { " — did you mean '{{\($0)}}'?" } ?? ""
                problems.append(
                    TextProblem("unknown snippet '{{\(name)}}'\(suggestion)", offset: index, length: length))
            }
            uses.append(Use(name: name, fallback: fallback, offset: index, length: length))
            index = close + 2
        }
        return (uses, problems)
    }

    /// What the API takes but a writer never means: a snippet name in single braces,
    /// `{FIRST_NAME}`, which is sent as written instead of being filled. Warnings, not problems.
    public static func lints(_ text: String) -> [TextProblem] {
        let bytes = Array(text.utf8)
        var warnings: [TextProblem] = []
        var index = 0
        let open = UInt8(ascii: "{")
        let close = UInt8(ascii: "}")
        while index < bytes.count {
            guard bytes[index] == open else {
                index += 1
                continue
            }
            // `{{` is a snippet (or a problem `scan` reports): skip it whole.
            if index + 1 < bytes.count, bytes[index + 1] == open {
                index += 2
                while index < bytes.count, bytes[index] == open { index += 1 }
                continue
            }
            var end = index + 1
            while end < bytes.count, bytes[end] != close, bytes[end] != open, end - index < 40 { end += 1 }
            if end < bytes.count, bytes[end] == close, end + 1 >= bytes.count || bytes[end + 1] != close {
                let name = String(decoding: bytes[(index + 1)..<end], as: UTF8.self).trimmingCharacters(
                    in: .whitespaces)
                if let known = Snippets.names.first(where: { $0.lowercased() == name.lowercased() }) {
                    warnings.append(
                        TextProblem(
                            "'{\(name)}' is sent as written, not filled: a snippet takes two braces, {{\(known)}}",
                            offset: index, length: end + 1 - index))
                }
            }
            index = end
        }
        return warnings
    }

    /// `text` with every snippet filled from `fields` (by snippet name, case-insensitive, or its
    /// lower-case field name such as `first_name`), else its fallback, else left as written.
    public static func fill(_ text: String, from fields: [String: String]) -> String {
        let found = scan(text).uses
        guard !found.isEmpty else { return text }
        var bytes = Array(text.utf8)
        let lowered = Dictionary(fields.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { a, _ in a })
        for use in found.reversed() {
            let value = lowered[use.name.lowercased()] ?? use.fallback
            guard let value else { continue }
            bytes.replaceSubrange(use.offset..<(use.offset + use.length), with: Array(value.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
