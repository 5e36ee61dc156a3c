/// The checks `domain check` runs.
public enum CheckKind: String, Sendable, CaseIterable {
    case mx, spf, dmarc, dkim, tracking
}

/// One check's outcome for one domain: its verdict, what was found, and a hint per problem.
///
/// Built by recording problems as they are found; the verdict is the worst of them.
///
/// ```swift
/// var result = CheckResult(.dmarc)
/// result.warn("no rua= tag: add rua=mailto:dmarc@example.com to get aggregate reports")
/// ```
public struct CheckResult: Sendable, Equatable {
    public let kind: CheckKind
    public private(set) var verdict = Verdict.ok
    /// What the check found, in a line: `10 mx1.example.com, 20 mx2.example.com`.
    public var found = ""
    /// One hint per problem, saying what to change.
    public private(set) var hints: [String] = []

    public init(_ kind: CheckKind) { self.kind = kind }

    /// A problem that should be fixed but does not stop mail.
    public mutating func warn(_ hint: String) { add(.warn, hint) }

    /// A problem that makes receivers reject or junk the domain's mail, or a broken record.
    public mutating func fail(_ hint: String) { add(.fail, hint) }

    private mutating func add(_ verdict: Verdict, _ hint: String) {
        self.verdict = max(self.verdict, verdict)
        hints.append(hint)
    }
}
