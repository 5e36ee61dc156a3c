/// The one pass over wps source that decides what of it may be shown or kept: every line the
/// shell keeps in its history and every diagnostic (also `--check`, and the MCP server's
/// `wps_run` errors) goes through it, so a command added to the registry later is covered
/// without anyone remembering.
///
/// It reads the token stream statement by statement:
///
/// - A statement **takes a secret** when one of its stages names a command that has a secret
///   flag in the registry (also misspelt or in the wrong case: `mailbx add`, `Mailbox Add`) or
///   names none but starts one's words (`mailbox connect …`, `mailbox --email …`), when it gives a
///   flag that is or looks secret (`--password`, `--pasword`, `--api-key`, `-p`), when it is one
///   word or quoted text alone that names no command (a password on a line of its own), or when
///   it follows a secret flag left without a value at the end of the line before, blank and
///   comment lines between (the user typed the password on the next line).
/// - In such a statement a diagnostic shows only what is provably harmless: command words, flag
///   names, keywords, variable names, punctuation, and the value of a known non-secret flag that
///   fits the flag's kind (`--smtp-port 465`, `--email ann@example.com`, `--esp smtp`). Every other
///   token — positionals, unknown flags' values, text values, comments, an unterminated quote —
///   is masked.
/// - The history masks less (a line that ran keeps its harmless text): the value of every flag
///   that is or looks secret, and the whole value of a `let` whose variable looks secret or later
///   feeds a secret flag (`let p = "…"` then `--password $p`: the variable is *tainted*), also
///   through other variables (`let a = "…"; let b = $a` then `--password $b` taints `a`).
///
/// ```swift
/// let scan = SecretScan("mailbox add --email z@x.com Hunter2", registry: registry, secretFlags: ["password"])
/// scan.takesSecret         // true: `mailbox add` has a secret flag
/// scan.diagnosticRanges    // the byte range of `Hunter2`
/// ```
public struct SecretScan: Sendable {
    /// Byte ranges the history replaces by ``SecretMask/history``.
    public private(set) var historyRanges: [Range<Int>] = []
    /// Byte ranges a diagnostic shows as ``SecretMask/display``: the history's, and every token of
    /// a statement that takes a secret that is not provably harmless.
    public private(set) var diagnosticRanges: [Range<Int>] = []
    /// Some statement takes a secret (see the type's discussion): a line like this that fails to
    /// parse or check is never written to the history.
    public private(set) var takesSecret = false
    /// A secret flag is left without a value at the end of the source: the next line the user
    /// types may be the secret itself.
    public private(set) var asksForSecret = false
    /// The end offsets of the registry's secret flags given no value (`--password` then the end
    /// of the line), where a shell on a terminal may ask for the value instead.
    public private(set) var valuelessSecretFlags: [Int] = []
    /// Variables that hold a secret as far as this text shows: the ones it gives (as `$name`) to a
    /// secret flag, and the ones known before. (A secret-looking name is masked by its name.)
    public private(set) var secretVariables: Set<String>
    /// What each variable assigned so far was given: the variables its value names (`let b = $a`:
    /// `b` → `a`), this text's joined to the ones known before. A secret in `b` taints `a` too.
    public private(set) var assignments: [String: Set<String>]

    let bytes: [UInt8]
    let tokens: [Token]
    let registry: CommandRegistry
    let secretFlags: Set<String>
    /// Whether a text names a file that exists (the runtime asks the file system; the language
    /// does no I/O): a FILE positional naming one is shown, as a password would not be a file's
    /// name in the folder it runs in.
    let namesExistingFile: @Sendable (String) -> Bool
    /// ``SecretMask/flagLooksSecret(_:secretFlags:)`` of each flag name in the text, asked once
    /// per name: a long script gives the same few flags on every line.
    let flagVerdicts: [String: Bool]

    /// Scans `text`.
    ///
    /// - Parameters:
    ///   - secretFlags: every spelling of every flag the registry marks secret.
    ///   - secretVariables: variables known to hold a secret from earlier lines of a session.
    ///   - assignments: what earlier lines of a session assigned (see ``assignments``).
    ///   - followsSecretRequest: the line before left a secret flag without a value, so this one
    ///     may be the secret: all of its first statement is masked.
    ///   - followsRefusedSecret: the line before took a secret and was refused, so this one may be
    ///     the secret typed again on its own: its first statement is masked unless it starts with
    ///     a keyword, an assignment or a command's words as written.
    public init(
        _ text: String, registry: CommandRegistry, secretFlags: Set<String>, secretVariables: Set<String> = [],
        assignments: [String: Set<String>] = [:], followsSecretRequest: Bool = false,
        followsRefusedSecret: Bool = false,
        namesExistingFile: @escaping @Sendable (String) -> Bool = { _ in false }
    ) {
        self.namesExistingFile = namesExistingFile
        bytes = Array(text.utf8)
        tokens = Lexer.tokenize(SourceFile(name: "", text: text)).tokens
        self.registry = registry
        self.secretFlags = secretFlags
        self.secretVariables = secretVariables
        self.assignments = assignments
        var verdicts: [String: Bool] = [:]
        for token in tokens {
            guard let name = Self.flagName(token.kind), verdicts[name] == nil else { continue }
            verdicts[name] = SecretMask.flagLooksSecret(name, secretFlags: secretFlags)
        }
        flagVerdicts = verdicts
        let statements = Self.statements(tokens)
        // First the taint: which variables reach a secret flag anywhere in the text, and which
        // variables were assigned from them.
        for statement in statements { collectTaint(statement) }
        propagateTaint()
        var followsRequest = followsSecretRequest
        var followsRefusal = followsRefusedSecret
        for statement in statements {
            if statement.isEmpty {
                // A blank line keeps what the line before asked; so does a comment (`# fill in`),
                // which is masked when it may hold the secret.
                guard bytes[span(of: statement)].contains(where: { !Self.isBlank($0) }) else { continue }
                if followsRequest || followsRefusal { _ = scan(statement, followsRequest: true) }
                continue
            }
            let asked = scan(statement, followsRequest: followsRequest, followsRefusal: followsRefusal)
            followsRefusal = false
            // Only a new line may hold the value a flag at the end of the line before asked for.
            let endsLine = statement.upperBound >= tokens.count - 1 || tokens[statement.upperBound].kind == .newline
            followsRequest = endsLine && asked
        }
        asksForSecret = followsRequest
        // A URL's `user:password@` is a secret wherever it is written (`--url https://me:pw@host`).
        for token in tokens { historyRanges += Self.userInfoRanges(bytes, in: token.range.start..<token.range.end) }
        historyRanges = Self.merged(historyRanges)
        diagnosticRanges = Self.merged(diagnosticRanges + historyRanges)
    }

    /// The byte ranges of the `user:password` of each URL in `range` of `bytes`: what lies between
    /// `://` and an `@` before the host's end.
    static func userInfoRanges(_ bytes: [UInt8], in range: Range<Int>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var index = range.lowerBound
        let slash = UInt8(ascii: "/")
        let colon = UInt8(ascii: ":")
        while index + 2 < range.upperBound {
            guard bytes[index] == colon, bytes[index + 1] == slash, bytes[index + 2] == slash else {
                index += 1
                continue
            }
            let start = index + 3
            var end = start
            var at: Int?
            while end < range.upperBound {
                let byte = bytes[end]
                if byte == slash || byte == UInt8(ascii: "?") || byte == UInt8(ascii: "#") || byte == UInt8(ascii: "\"")
                    || byte == UInt8(ascii: "'") || isBlank(byte)
                {
                    break
                }
                if byte == UInt8(ascii: "@") { at = end }
                end += 1
            }
            if let at, at > start { result.append(start..<at) }
            index = max(end, index + 3)
        }
        return result
    }

    /// Whether `--name` (or `-name`) has its value masked: a flag the registry marks secret, one
    /// within the did-you-mean distance of one, or one whose name looks secret.
    public func isSecretFlag(_ name: String) -> Bool {
        flagVerdicts[name] ?? SecretMask.flagLooksSecret(name, secretFlags: secretFlags)
    }

    /// The name ``secretFlagName(at:)`` asks about for a token: a flag's, or a one-dash word's.
    static func flagName(_ kind: TokenKind) -> String? {
        switch kind {
        case .flag(let name, _): return name
        case .word(let word) where word.hasPrefix("-") && !word.hasPrefix("--"): return String(word.dropFirst())
        default: return nil
        }
    }

    // MARK: Statements

    /// The token index ranges of the statements: split at newlines (not one right after a `|`,
    /// which continues the pipeline), `;`, `{`, `}` and the end.
    static func statements(_ tokens: [Token]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (index, token) in tokens.enumerated() {
            let boundary: Bool
            switch token.kind {
            case .semicolon, .leftBrace, .rightBrace, .end: boundary = true
            case .newline: boundary = !(index > 0 && tokens[index - 1].kind == .pipe)
            default: boundary = false
            }
            guard boundary else { continue }
            result.append(start..<index)
            start = index + 1
        }
        return result
    }

    /// The bytes a statement covers: from the end of the boundary before it to the start of the
    /// one after (comments, an unterminated quote and what follows it included).
    func span(of statement: Range<Int>) -> Range<Int> {
        let lower = statement.lowerBound == 0 ? 0 : tokens[statement.lowerBound - 1].range.end
        let upper = statement.upperBound < tokens.count ? tokens[statement.upperBound].range.start : bytes.count
        return min(lower, bytes.count)..<min(max(lower, upper), bytes.count)
    }

    // MARK: Taint

    /// Records the variables given to a secret flag in this statement, and what an assignment
    /// that starts it was given.
    mutating func collectTaint(_ statement: Range<Int>) {
        if let first = statement.first, let valueStart = assignmentValue(at: first, in: statement),
            let name = assignedName(at: first)
        {
            assignments[name, default: []].formUnion(variables(in: valueStart..<statement.upperBound))
        }
        var index = statement.lowerBound
        while index < statement.upperBound {
            defer { index += 1 }
            guard secretFlagName(at: index) != nil, index + 1 < statement.upperBound else { continue }
            secretVariables.formUnion(variables(in: valueRun(from: index + 1, in: statement)))
        }
    }

    /// The variables the tokens at `indexes` name (`$p`, `"x$p"`).
    func variables(in indexes: some Sequence<Int>) -> Set<String> {
        var names = Set<String>()
        for index in indexes {
            switch tokens[index].kind {
            case .variable(let reference): names.insert(reference.name)
            case .string(let parts):
                for case .variable(let reference) in parts { names.insert(reference.name) }
            default: break
            }
        }
        return names
    }

    /// Follows the taint back through assignments until nothing changes: `let a = "…"; let b = $a`
    /// then `--password $b` taints `a` too, as does `let api_key = $a`.
    mutating func propagateTaint() {
        var pending = Array(secretVariables) + assignments.keys.filter(SecretMask.nameLooksSecret)
        while let name = pending.popLast() {
            for source in assignments[name] ?? [] where !secretVariables.contains(source) {
                secretVariables.insert(source)
                pending.append(source)
            }
        }
    }

    // MARK: One statement

    /// The harmless words a statement may start with (`let NAME =`, `for X in`, `try`, …).
    static let keywords: Set<String> = Set(CommandRegistry.statementKeywords + ["in", "else", "exit", "not"])

    /// Scans one statement; returns whether it ends with a secret flag left without a value.
    mutating func scan(_ statement: Range<Int>, followsRequest: Bool, followsRefusal: Bool = false) -> Bool {
        let span = span(of: statement)
        if followsRequest || (followsRefusal && !startsAsWritten(statement)),
            bytes[span].contains(where: { !Self.isBlank($0) })
        {
            // The line after `--password` alone may be the password, and so may the line after
            // one refused: none of it is shown.
            takesSecret = true
            diagnosticRanges += maskedRuns(in: span, of: statement, shown: []).runs
            return false
        }
        var shown = Set<Int>()  // token indexes provably harmless
        var secret = false
        var asks = false
        var index = statement.lowerBound
        var stageStart = true
        var descriptor: CommandDescriptor?
        while index < statement.upperBound {
            let token = tokens[index]
            if stageStart, token.kind == .newline {
                shown.insert(index)  // `|` at the end of a line: the next stage starts on the next
                index += 1
                continue
            }
            if stageStart {
                stageStart = false
                // `let NAME = …` / `$name = …`: a secret-looking or tainted name hides its value.
                if let valueStart = assignmentValue(at: index, in: statement) {
                    for harmless in index..<valueStart { shown.insert(harmless) }
                    if let name = assignedName(at: index),
                        SecretMask.nameLooksSecret(name) || secretVariables.contains(name)
                    {
                        let value = Array(valueStart..<statement.upperBound)
                        if let first = value.first, let last = value.last {
                            takesSecret = true
                            historyRanges.append(tokens[first].range.start..<tokens[last].range.end)
                        }
                    }
                    index = valueStart
                    stageStart = true
                    continue
                }
                if case .word(let word) = token.kind, Self.keywords.contains(word) {
                    shown.insert(index)
                    // `for X in`: the loop variable is a name.
                    if word == "for", index + 1 < statement.upperBound, case .word = tokens[index + 1].kind {
                        shown.insert(index + 1)
                        index += 1
                    }
                    index += 1
                    stageStart = true
                    continue
                }
                let (words, found) = commandWords(from: index, in: statement)
                for harmless in index..<(index + words.count) { shown.insert(harmless) }
                descriptor = found
                if takesSecret(words: words, found: found, typed: typedCommandWords(from: index, in: statement)) {
                    secret = true
                }
                if !words.isEmpty {
                    index += words.count
                    continue
                }
                // A word alone that names no command (`unknown command 'Hunter2'`) may be a
                // password typed on a line of its own.
                if index == statement.lowerBound, statement.count == 1, Self.literalText(token.kind) != nil {
                    secret = true
                }
            }
            if secretFlagName(at: index) != nil {
                shown.insert(index)
                secret = true
                let values = valueRun(from: index + 1, in: statement)
                if let first = values.first, let last = values.last {
                    historyRanges.append(tokens[first].range.start..<tokens[last].range.end)
                    index = last + 1
                } else {
                    if case .flag(let name, _) = token.kind, secretFlags.contains(name) {
                        valuelessSecretFlags.append(token.range.end)
                    }
                    // Left without a value at the end of the line: the next line may be the secret.
                    let next = index + 1 < tokens.count ? tokens[index + 1].kind : .end
                    if index + 1 >= statement.upperBound, next == .newline || next == .end { asks = true }
                    index += 1
                }
                continue
            }
            switch token.kind {
            case .pipe, .subpipelineStart, .leftParen, .rightParen:
                shown.insert(index)
                stageStart = true
                descriptor = nil
                index += 1
            case .flag(let name, _):
                shown.insert(index)
                let flag = descriptor?.flag(named: name) ?? descriptor?.flag(named: name.lowercased())
                let values = valueRun(from: index + 1, in: statement)
                if let flag, !flag.isSecret, values.count == 1, let value = values.first,
                    let literal = Self.literalText(tokens[value].kind), Self.provablyHarmless(literal, flag.kind)
                {
                    shown.insert(value)
                    index = value + 1
                } else {
                    index += 1
                }
            case .word(let word) where Self.isShortFlag(word):
                shown.insert(index)
                index += 1
            case .variable, .leftBracket, .rightBracket, .comma, .operator, .assign, .newline, .semicolon:
                shown.insert(index)
                index += 1
            default:
                // The file a command reads (`mailbox verify boxes.csv`), when it exists.
                if let descriptor, descriptor.positionals.contains(where: { $0.kind == .file }),
                    let literal = Self.literalText(token.kind), namesExistingFile(literal)
                {
                    shown.insert(index)
                }
                index += 1
            }
        }
        if secret {
            takesSecret = true
            let (runs, gaps) = maskedRuns(in: span, of: statement, shown: shown)
            diagnosticRanges += runs
            // A comment or an unterminated quote on such a line is not kept either.
            historyRanges += gaps
        }
        return asks
    }

    /// Whether the token at `index` is a flag that is or looks secret: `--password`, `--pasword`,
    /// `--Password`, `--api-key`, or a short `-p` / `-password` (wps has no short flags; one
    /// written so is read as meant). Returns its name.
    func secretFlagName(at index: Int) -> String? {
        switch tokens[index].kind {
        case .flag(let name, _): return isSecretFlag(name) ? name : nil
        case .word(let word) where word.hasPrefix("-") && !word.hasPrefix("--"):
            let name = String(word.dropFirst())
            guard !name.isEmpty, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0 == "-" || $0 == "_") }) else {
                return nil
            }
            return name.lowercased() == "p" || isSecretFlag(name) ? name : nil
        default: return nil
        }
    }

    /// `-p`, `-e`: a dash and one letter, shown as a flag name.
    static func isShortFlag(_ word: String) -> Bool {
        let scalars = Array(word.unicodeScalars)
        return scalars.count == 2 && scalars[0] == "-" && scalars[1].isASCII && scalars[1].properties.isAlphabetic
    }

    /// The tokens of a flag's value starting at `index`: the value and what touches it, as the
    /// parser joins it (`pa=ss`, `"pa"ss`); a `:` written against the flag (`--password: X`) is
    /// read as a slip for `=`. Empty when no value follows.
    func valueRun(from start: Int, in statement: Range<Int>) -> [Int] {
        guard start < statement.upperBound else { return [] }
        var first = start
        // `--password: X` / `--password : X`: the colon is no value; what follows it is.
        if case .word(":") = tokens[first].kind, first + 1 < statement.upperBound { first += 1 }
        switch tokens[first].kind {
        case .newline, .semicolon, .pipe, .flag, .rightBrace, .rightParen, .end, .operator: return []
        default: break
        }
        var last = first
        var depth = 0  // a `$(…)` or `[…]` value runs to its closing bracket
        while last + 1 < tokens.count {
            switch tokens[last].kind {
            case .subpipelineStart, .leftParen, .leftBracket, .leftBrace: depth += 1
            case .rightParen, .rightBracket, .rightBrace: depth = max(0, depth - 1)
            default: break
            }
            let next = tokens[last + 1]
            if depth > 0 {
                if next.kind == .end { break }
                last += 1
                continue
            }
            guard last + 1 < statement.upperBound, next.range.start == tokens[last].range.end else { break }
            switch next.kind {
            case .pipe, .newline, .semicolon, .rightBrace, .end: return Array(start...last)
            default: last += 1
            }
        }
        return Array(start...last)
    }

    /// After `let NAME =` or `$name =` at `index`, the index of the value's first token.
    func assignmentValue(at index: Int, in statement: Range<Int>) -> Int? {
        if case .word("let") = tokens[index].kind, index + 2 < statement.upperBound,
            case .word = tokens[index + 1].kind, tokens[index + 2].kind == .assign
        {
            return index + 3
        }
        if case .variable(let reference) = tokens[index].kind, reference.path.isEmpty, index + 1 < statement.upperBound,
            tokens[index + 1].kind == .assign
        {
            return index + 2
        }
        return nil
    }

    /// The variable an assignment at `index` names.
    func assignedName(at index: Int) -> String? {
        switch tokens[index].kind {
        case .word("let"): if case .word(let name) = tokens[index + 1].kind { return name }
        case .variable(let reference): return reference.name
        default: break
        }
        return nil
    }

    /// The command words at `index` — also misspelt or in another case, as the did-you-mean would
    /// read them — and the command they name, if any.
    func commandWords(from start: Int, in statement: Range<Int>) -> (words: [String], command: CommandDescriptor?) {
        var words: [String] = []
        var index = start
        while index < statement.upperBound, case .word(let word) = tokens[index].kind {
            let options = registry.subcommands(after: words)
            guard !options.isEmpty else { break }
            let lower = word.lowercased()
            if options.contains(lower) {
                words.append(lower)
            } else if let close = Suggestion.closest(to: lower, in: options) {
                words.append(close)
            } else {
                break
            }
            index += 1
        }
        return (words, registry.command(words))
    }

    /// The command words at `index` as written (in any case), without did-you-mean.
    func typedCommandWords(from start: Int, in statement: Range<Int>) -> [String] {
        var words: [String] = []
        var index = start
        while index < statement.upperBound, case .word(let word) = tokens[index].kind,
            registry.subcommands(after: words).contains(word.lowercased())
        {
            words.append(word.lowercased())
            index += 1
        }
        return words
    }

    /// Whether a stage whose command words read as `words` (naming `found`), `typed` as written,
    /// takes a secret: it names a command with a secret flag, or it names none and its words
    /// start one (`mailbox connect …`, `mailbox --email …`: a wrong or missing subcommand does
    /// not hide that `mailbox add` takes a password).
    func takesSecret(words: [String], found: CommandDescriptor?, typed: [String]) -> Bool {
        if let found, found.flags.contains(where: \.isSecret) { return true }
        func startsSecretCommand(_ prefix: [String]) -> Bool {
            !prefix.isEmpty
                && registry.commands.contains { $0.words.starts(with: prefix) && $0.flags.contains(where: \.isSecret) }
        }
        if found == nil, startsSecretCommand(words) { return true }
        return registry.command(typed) == nil && startsSecretCommand(typed)
    }

    /// Whether a statement starts as a line meant as wps would: with a keyword, an assignment, a
    /// variable, or a command's words as written (not a misspelling of them).
    func startsAsWritten(_ statement: Range<Int>) -> Bool {
        guard let first = statement.first else { return true }
        if assignmentValue(at: first, in: statement) != nil { return true }
        switch tokens[first].kind {
        case .word(let word):
            return Self.keywords.contains(word)
                || registry.command(typedCommandWords(from: first, in: statement)) != nil
        case .variable: return true
        default: return false
        }
    }

    // MARK: Harmless values

    /// The text of a literal token (a word, `'…'`, or `"…"` without interpolation).
    static func literalText(_ kind: TokenKind) -> String? {
        switch kind {
        case .word(let word): return word
        case .literal(let literal): return literal
        case .string(let parts):
            var text = ""
            for part in parts {
                guard case .text(let piece) = part else { return nil }
                text += piece
            }
            return text
        default: return nil
        }
    }

    /// Whether `text`, given to a non-secret flag of `kind`, is provably not a secret: it has the
    /// shape of that kind, one a password would not have by accident (a number for a port, an
    /// email address for `--email`, one of a choice's options). Free text, file names, hosts and
    /// anything of another shape are not.
    public static func provablyHarmless(_ text: String, _ kind: ValueKind) -> Bool {
        switch kind {
        case .integer, .campaignID, .mailboxID, .stepID, .batchID:
            return !text.isEmpty && text.count <= 12 && text.allSatisfy { $0.isASCII && $0.isNumber }
        case .number: return text.count <= 16 && Double(text) != nil
        case .bool: return text == "true" || text == "false"
        case .duration: return CommandChecker.isDuration(text)
        case .time: return CommandChecker.isTime(text)
        case .signature, .outputFormat, .choice, .delimiter:
            return CommandChecker.mismatch(text, kind) == nil
        case .email, .prospectEmail: return looksLikeEmail(text)
        case .timezone:
            return text == "UTC"
                || (text.contains("/")
                    && text.allSatisfy { $0.isASCII && ($0.isLetter || $0 == "/" || $0 == "_" || $0 == "-") })
        case .list(let inner):
            let items = text.split(separator: ",", omittingEmptySubsequences: false)
            return !items.isEmpty && items.allSatisfy { provablyHarmless(String($0), inner) }
        default: return false
        }
    }

    /// `name@domain.tld`, of the characters addresses use.
    static func looksLikeEmail(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix(".")
        else { return false }
        return text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "@._%+-".contains($0)) }
    }

    // MARK: Ranges

    static func isBlank(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: " ") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\r")
            || byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\\")
    }

    /// The masked runs of a statement's bytes: each token not `shown` (touching ones joined), and
    /// what lies between tokens that is not blank (a comment, an unterminated quote: one run per
    /// line, over its spaces).
    func maskedRuns(in span: Range<Int>, of statement: Range<Int>, shown: Set<Int>) -> (
        runs: [Range<Int>], gaps: [Range<Int>]
    ) {
        enum Kind { case shown, masked, gap, blank }
        var kinds = span.map { Self.isBlank(bytes[$0]) ? Kind.blank : .gap }
        for index in statement {
            let token = tokens[index]
            let lower = max(token.range.start, span.lowerBound)
            let upper = min(token.range.end, span.upperBound)
            for offset in lower..<max(lower, upper) {
                kinds[offset - span.lowerBound] = shown.contains(index) ? .shown : .masked
            }
        }
        var runs: [Range<Int>] = []
        var gaps: [Range<Int>] = []
        var local = 0
        while local < kinds.count {
            guard kinds[local] == .masked || kinds[local] == .gap else {
                local += 1
                continue
            }
            let start = local
            var end = local + 1
            while end < kinds.count {
                if kinds[end] == kinds[start] || (kinds[end] != .shown && kinds[end] != .blank) {
                    end += 1
                    continue
                }
                // Spaces inside a gap (`# my password is X`) keep one run; a newline ends it.
                guard kinds[start] == .gap, kinds[end] == .blank else { break }
                var next = end
                while next < kinds.count, kinds[next] == .blank, bytes[span.lowerBound + next] != UInt8(ascii: "\n") {
                    next += 1
                }
                guard next < kinds.count, kinds[next] == .gap else { break }
                end = next
            }
            let run = (span.lowerBound + start)..<(span.lowerBound + end)
            runs.append(run)
            if kinds[start] == .gap { gaps.append(run) }
            local = end
        }
        return (runs, gaps)
    }

    /// Sorted ranges, overlapping or touching ones joined.
    static func merged(_ ranges: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges.filter({ !$0.isEmpty }).sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = result.last, range.lowerBound <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }
}
