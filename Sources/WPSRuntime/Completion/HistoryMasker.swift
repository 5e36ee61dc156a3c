import WPSLanguage

/// Masks secrets in wps source: the value of every flag the registry marks secret
/// (`--password`, `--imap-password`, …). History lines get `••••`; source shown in a
/// diagnostic keeps its byte length (each byte becomes `*`) so carets stay in place.
public enum HistoryMasker {
    static let secretFlags: Set<String> = Set(CommandRegistry.standard.commands.flatMap(\.flags).filter(\.isSecret).map(\.name))

    /// The byte ranges of `text` holding the values of secret flags.
    public static func secretRanges(in text: String) -> [Range<Int>] {
        let tokens = Lexer.tokenize(SourceFile(name: "", text: text)).tokens
        var ranges: [Range<Int>] = []
        let length = text.utf8.count
        for (index, token) in tokens.enumerated() {
            guard case .flag(let name, _) = token.kind, secretFlags.contains(name), index + 1 < tokens.count else { continue }
            let value = tokens[index + 1]
            switch value.kind {
            case .end, .newline, .semicolon, .pipe, .flag: continue
            default:
                let start = min(value.range.start, length)
                ranges.append(start..<max(start, min(value.range.end, length)))
            }
        }
        return ranges
    }

    /// The line as the history stores it: each secret value replaced by `••••`.
    public static func mask(_ line: String) -> String {
        var bytes = Array(line.utf8)
        for range in secretRanges(in: line).reversed() {
            bytes.replaceSubrange(range, with: Array("••••".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The source as a diagnostic shows it: each byte of a secret value replaced by `*`, so
    /// line and column numbers are unchanged.
    public static func maskForDisplay(_ source: SourceFile) -> SourceFile {
        let ranges = secretRanges(in: source.text)
        guard !ranges.isEmpty else { return source }
        var bytes = Array(source.text.utf8)
        for range in ranges {
            for offset in range { bytes[offset] = UInt8(ascii: "*") }
        }
        return SourceFile(name: source.name, text: String(decoding: bytes, as: UTF8.self))
    }
}
