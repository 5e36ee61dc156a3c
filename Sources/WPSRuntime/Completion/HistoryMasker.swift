import WPSLanguage

/// Masks secrets in a line before it is stored in the history: the value of every flag the
/// registry marks secret (`--password`, `--imap-password`) becomes `••••`.
public enum HistoryMasker {
    static let secretFlags: Set<String> = Set(CommandRegistry.standard.commands.flatMap(\.flags).filter(\.isSecret).map(\.name))

    public static func mask(_ line: String) -> String {
        let tokens = Lexer.tokenize(SourceFile(name: "", text: line)).tokens
        var ranges: [SourceRange] = []
        for (index, token) in tokens.enumerated() {
            guard case .flag(let name, _) = token.kind, secretFlags.contains(name), index + 1 < tokens.count else { continue }
            let value = tokens[index + 1]
            switch value.kind {
            case .end, .newline, .semicolon, .pipe, .flag: continue
            default: ranges.append(value.range)
            }
        }
        var bytes = Array(line.utf8)
        for range in ranges.reversed() {
            bytes.replaceSubrange(range.start..<min(range.end, bytes.count), with: Array("••••".utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
