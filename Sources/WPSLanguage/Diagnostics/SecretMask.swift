/// What counts as a secret in wps source, and how it is masked.
///
/// A flag is secret when the registry says so, or when it *looks* secret: an unknown flag within
/// the did-you-mean distance of a secret one (`--pasword`), or one whose name holds `pass`,
/// `secret`, `token` or `key` in any case (`--Password`, `--api-key`). A variable looks secret by
/// the same words (`let api_key = …`), or when named `pw`/`pwd`.
public enum SecretMask {
    /// What the history keeps in place of a secret value.
    public static let history = "••••"
    /// What a diagnostic shows in place of a secret value: fixed width, so it tells no length.
    public static let display = "****"

    static let secretWords = ["pass", "secret", "token", "key"]

    /// Whether a flag or variable name looks like it holds a secret by its words.
    public static func nameLooksSecret(_ name: String) -> Bool {
        let lower = name.lowercased()
        if secretWords.contains(where: { lower.contains($0) }) { return true }
        let parts = lower.split(whereSeparator: { $0 == "_" || $0 == "-" })
        return parts.contains("pw") || parts.contains("pwd")
    }

    /// Whether `--name` should have its value masked, given the registry's secret flag spellings.
    public static func flagLooksSecret(_ name: String, secretFlags: Set<String>) -> Bool {
        if secretFlags.contains(name) || nameLooksSecret(name) { return true }
        let target = Array(name.lowercased())
        return secretFlags.contains { flag in
            Suggestion.distance(target, Array(flag)) <= max(1, max(target.count, flag.count) / 3)
        }
    }
}

extension SecretMask {
    /// `text` with every one of `secrets` in it shown as ``display``: anywhere when it is 4
    /// characters or longer (but in a flag's name, `--password`, which is shown anyway), else only
    /// where it is quoted (`'x'`), so that short words are not cut out of a message's own words.
    /// Longer secrets are replaced first.
    ///
    /// ```swift
    /// SecretMask.scrub("expected an integer, got 'Hunter2'", hiding: ["Hunter2"])  // "… got '****'"
    /// ```
    public static func scrub(_ text: String, hiding secrets: [String]) -> String {
        var result = text
        for secret in secrets.filter({ !$0.isEmpty }).sorted(by: { $0.utf8.count > $1.utf8.count }) {
            if secret.count >= 4 {
                result = replacing(secret, with: display, in: result)
            } else {
                result = replacing("'\(secret)'", with: "'\(display)'", in: result)
            }
        }
        return result
    }

    /// `text` with each of its words that is one of `secrets` shown as ``display``: a word runs
    /// between blanks and quotes, and is also tried without a final `.`, `,`, `;`, `:` or `)`.
    /// Linear in the text, however many secrets there are (a long script's every masked value).
    public static func scrub(_ text: String, words secrets: Set<String>) -> String {
        guard !secrets.isEmpty else { return text }
        var result = ""
        var word = ""
        func flush() {
            if secrets.contains(word) {
                result += display
            } else if let last = word.last, ".,;:)".contains(last), secrets.contains(String(word.dropLast())) {
                result += display + String(last)
            } else {
                result += word
            }
            word = ""
        }
        for character in text {
            if character.isWhitespace || character == "'" || character == "\"" {
                flush()
                result.append(character)
            } else {
                word.append(character)
            }
        }
        flush()
        return result
    }

    /// `text` with every occurrence of `target` replaced, byte by byte (the language module uses
    /// the standard library only), except right after `--`: a flag's name.
    static func replacing(_ target: String, with replacement: String, in text: String) -> String {
        let needle = Array(target.utf8)
        let haystack = Array(text.utf8)
        guard !needle.isEmpty, haystack.count >= needle.count else { return text }
        let dash = UInt8(ascii: "-")
        var result: [UInt8] = []
        result.reserveCapacity(haystack.count)
        var index = 0
        while index < haystack.count {
            let inFlagName = index >= 2 && haystack[index - 1] == dash && haystack[index - 2] == dash
            if !inFlagName, index + needle.count <= haystack.count,
                haystack[index..<(index + needle.count)].elementsEqual(needle)
            {
                result += replacement.utf8
                index += needle.count
            } else {
                result.append(haystack[index])
                index += 1
            }
        }
        return String(decoding: result, as: UTF8.self)
    }
}
