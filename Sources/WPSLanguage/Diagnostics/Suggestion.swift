/// "Did you mean …?" — the closest candidate by edit distance, when it is close enough.
public enum Suggestion {
    /// The candidate nearest to `word` (optimal string alignment distance), if the distance is at
    /// most a third of the longer word's length (at least 1), as swift-argument-parser judges it.
    public static func closest(to word: String, in candidates: [String]) -> String? {
        let target = Letters(word)
        var best: (String, Int)?
        for candidate in candidates {
            let letters = Letters(candidate)
            let limit = max(1, max(target.count, candidate.count) / 3)
            // The distance is at least the difference in length: past the limit, skip the table.
            guard abs(target.count - letters.count) <= limit else { continue }
            let distance = target.distance(to: letters)
            guard distance <= limit else { continue }
            if best == nil || distance < best?.1 ?? .max { best = (candidate, distance) }
        }
        return best?.0
    }

    /// The closest candidate, as ``closest(to:in:)``; of equally close ones, one of the same family
    /// as `family` (the same first `-` part: `smtp-…` before `imap-…`).
    public static func closest(to word: String, in candidates: [String], preferringFamilyOf family: String) -> String? {
        let target = Array(word.lowercased())
        let prefix = family.lowercased().split(separator: "-").first.map(String.init) ?? ""
        var best: (candidate: String, distance: Int, sameFamily: Bool)?
        for candidate in candidates {
            let distance = self.distance(target, Array(candidate.lowercased()))
            guard distance <= max(1, max(target.count, candidate.count) / 3) else { continue }
            let sameFamily = candidate.lowercased().split(separator: "-").first.map(String.init) == prefix
            if let current = best,
                current.distance < distance || (current.distance == distance && (current.sameFamily || !sameFamily))
            {
                continue
            }
            best = (candidate, distance, sameFamily)
        }
        return best?.candidate
    }

    /// Optimal string alignment distance: insertions, deletions, substitutions, adjacent swaps.
    public static func distance(_ a: [Character], _ b: [Character]) -> Int { alignmentDistance(a, b) }

    static func alignmentDistance<Element: Equatable>(_ a: [Element], _ b: [Element]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous2 = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], previous2[j - 2] + 1)
                }
            }
            (previous2, previous, current) = (previous, current, previous2)
        }
        return previous[b.count]
    }

    /// A word, lower-cased, as the characters the distance counts. ASCII without a carriage return
    /// (`\r\n` is one character) is kept as bytes, one per character: comparing bytes is much cheaper
    /// than comparing `Character`s, and command, flag and field names are ASCII.
    struct Letters {
        let bytes: [UInt8]?
        let characters: [Character]

        init(_ word: String) {
            let lower = word.lowercased()
            if lower.utf8.allSatisfy({ $0 < 0x80 && $0 != UInt8(ascii: "\r") }) {
                bytes = Array(lower.utf8)
                characters = []
            } else {
                bytes = nil
                characters = Array(lower)
            }
        }

        var count: Int { bytes?.count ?? characters.count }

        func distance(to other: Letters) -> Int {
            if let mine = bytes, let theirs = other.bytes { return alignmentDistance(mine, theirs) }
            return alignmentDistance(asCharacters, other.asCharacters)
        }

        var asCharacters: [Character] { bytes.map { Array(String(decoding: $0, as: UTF8.self)) } ?? characters }
    }
}
