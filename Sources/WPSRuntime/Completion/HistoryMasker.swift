import WPSLanguage

/// Masks secrets in wps source: the value of every flag that is secret or looks secret
/// (`--password`, `--smtp-password`, `--pasword`, `--api-key`, …, see ``SecretMask``) and of every
/// `let` whose variable looks secret (`let pw = …`). History lines get `••••`; a diagnostic shows
/// `****` (fixed width: it tells nothing of the secret's length) with its carets moved to match.
public enum HistoryMasker {
    /// Every spelling of every flag the registry marks secret, aliases included.
    static let secretFlags: Set<String> = Set(
        CommandRegistry.standard.commands.flatMap(\.flags).filter(\.isSecret).flatMap { [$0.name] + $0.aliases })

    /// Whether `--name` has its value masked.
    public static func isSecretFlag(_ name: String) -> Bool {
        SecretMask.flagLooksSecret(name, secretFlags: secretFlags)
    }

    /// The byte ranges of `text` holding secret values: of secret-looking flags, and the whole
    /// value of a `let` whose variable looks secret.
    public static func secretRanges(in text: String) -> [Range<Int>] {
        let tokens = Lexer.tokenize(SourceFile(name: "", text: text)).tokens
        var ranges: [Range<Int>] = []
        let length = text.utf8.count
        func add(_ start: Int, _ end: Int) {
            let lower = min(start, length)
            ranges.append(lower..<max(lower, min(end, length)))
        }
        var index = 0
        while index < tokens.count {
            defer { index += 1 }
            switch tokens[index].kind {
            case .flag(let name, _) where isSecretFlag(name) && index + 1 < tokens.count:
                let value = tokens[index + 1]
                switch value.kind {
                case .end, .newline, .semicolon, .pipe, .flag, .rightBrace: continue
                default:
                    // The value runs on over what touches it, as the parser joins it
                    // (`--password pa=ss`, `--password "pa"ss`): all of it is the secret.
                    var last = index + 1
                    while last + 1 < tokens.count, tokens[last + 1].range.start == tokens[last].range.end,
                        !endsStatement(tokens[last + 1].kind), tokens[last + 1].kind != .pipe
                    {
                        last += 1
                    }
                    add(value.range.start, tokens[last].range.end)
                    index = last
                }
            case .word("let") where index + 3 < tokens.count, .variable where index + 2 < tokens.count:
                // `let pw = …` and `$pw = …` (a new value for it).
                let named = tokens[index].kind == .word("let") ? index + 1 : index
                let name: String
                switch tokens[named].kind {
                case .word(let word) where named == index + 1: name = word
                case .variable(let reference) where named == index && reference.path.isEmpty: name = reference.name
                default: continue
                }
                guard SecretMask.nameLooksSecret(name), tokens[named + 1].kind == .assign, named + 2 < tokens.count
                else { continue }
                // Everything up to the end of the statement is the secret.
                let first = named + 2
                var last = first
                while last + 1 < tokens.count, !endsStatement(tokens[last + 1].kind) { last += 1 }
                guard !endsStatement(tokens[first].kind) else { continue }
                add(tokens[first].range.start, tokens[last].range.end)
                index = last
            default:
                continue
            }
        }
        return ranges
    }

    static func endsStatement(_ kind: TokenKind) -> Bool {
        switch kind {
        case .end, .newline, .semicolon, .rightBrace: true
        default: false
        }
    }

    /// The line as the history stores it: each secret value replaced by `••••`.
    public static func mask(_ line: String) -> String {
        var bytes = Array(line.utf8)
        for range in secretRanges(in: line).reversed() {
            bytes.replaceSubrange(range, with: Array(SecretMask.history.utf8))
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// A renderer for diagnostics of `source` that shows each secret value as `****`.
    public static func renderer(for source: SourceFile) -> DiagnosticRenderer {
        DiagnosticRenderer(source: source, masking: secretRanges(in: source.text))
    }
}
