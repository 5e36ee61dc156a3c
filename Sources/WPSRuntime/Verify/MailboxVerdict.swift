import Preflight

/// What verifying one mailbox found: each protocol's outcome, as a record and a report row.
struct MailboxVerdict: Sendable {
    var line: String
    var email: String
    var smtp: LoginOutcome
    var imap: LoginOutcome

    /// Both logins worked (or had nothing to check).
    var passed: Bool {
        [smtp.status, imap.status].allSatisfy { $0 == .ok || $0 == .skipped }
    }

    /// `smtp: 535 5.7.8 …; imap: a2 OK …`.
    var detail: String {
        "smtp: \(smtp.detail); imap: \(imap.detail)"
    }

    /// The hints of the failed logins, or nil: one said once when both logins have it, else
    /// each after its protocol (`smtp: check the server name; imap: …`).
    var hint: String? {
        let hints = [("smtp", smtp), ("imap", imap)].compactMap { name, outcome in
            outcome.status == .ok ? nil : outcome.hint.map { (name, $0) }
        }
        if hints.count == 2, hints[0].1 == hints[1].1 { return hints[0].1 }
        if hints.count == 1 { return hints[0].1 }
        return hints.isEmpty ? nil : hints.map { "\($0.0): \($0.1)" }.joined(separator: "; ")
    }

    /// Why `mailbox import --verify` keeps the row back: `failed verification: smtp auth_failed
    /// (535 5.7.8 …); hint`.
    var failureReason: String {
        let failed = [("smtp", smtp), ("imap", imap)].filter { $0.1.status != .ok && $0.1.status != .skipped }
        let parts = failed.map { "\($0.0) \($0.1.status.rawValue) (\($0.1.detail))" }
        return "failed verification: " + parts.joined(separator: ", ") + (hint.map { "; \($0)" } ?? "")
    }

    var value: Value {
        .record([
            "line": .string(line), "email": .string(email), "smtp": .string(smtp.status.rawValue),
            "imap": .string(imap.status.rawValue), "detail": .string(detail), "hint": hint.map(Value.string) ?? .null,
        ])
    }

    /// The columns of `--report`.
    static let reportHeader = ["line", "email", "smtp", "imap", "detail", "hint"]

    var reportRow: [String] {
        [line, email, smtp.status.rawValue, imap.status.rawValue, detail, hint ?? ""]
    }
}
