/// A problem found in wps source, with where it is and, when one fits, what was meant.
///
/// Rendered rustc-style by ``DiagnosticRenderer``:
/// ```
/// error: unknown command 'campain'
///  --> quickstart.wps:2:1
///   |
/// 2 | campain list
///   | ^^^^^^^ did you mean 'campaign'?
/// ```
public struct Diagnostic: Sendable, Hashable, Error {
    /// How serious it is.
    public enum Severity: String, Sendable, Hashable {
        case error, warning, note
    }

    public var severity: Severity
    public var message: String
    public var range: SourceRange
    /// Shown under the caret: a suggestion such as `did you mean 'campaign'?`.
    public var label: String?

    public init(_ severity: Severity = .error, _ message: String, at range: SourceRange, label: String? = nil) {
        self.severity = severity
        self.message = message
        self.range = range
        self.label = label
    }

    /// An error whose label suggests the closest of `candidates` to `word`, if any is close.
    public static func unknown(_ what: String, _ word: String, at range: SourceRange, candidates: [String])
        -> Diagnostic
    {
        let suggestion = Suggestion.closest(to: word, in: candidates)
        return Diagnostic(
            .error, "unknown \(what) '\(word)'", at: range, label: suggestion.map { "did you mean '\($0)'?" })
    }
}
