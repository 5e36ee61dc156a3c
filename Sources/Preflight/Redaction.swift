import Foundation

/// The credentials a dialogue sent, hidden in what the server says back.
///
/// Only text that came from the server goes through it, and only after a secret was sent: a
/// password that happens to be a word (`example`) never garbles wps's own messages.
///
/// ```swift
/// var redaction = Redaction()
/// redaction.add(["s3cret", "czNjcmV0"])
/// redaction.apply("501 cannot decode czNjcmV0")  // "501 cannot decode ••••"
/// ```
struct Redaction: Sendable {
    static let mask = "••••"
    /// Longest first, so that a secret holding another one is hidden whole.
    private var secrets: [String] = []

    mutating func add(_ more: [String]) {
        for secret in more where !secret.isEmpty && !secrets.contains(secret) { secrets.append(secret) }
        secrets.sort { $0.count > $1.count }
    }

    func apply(_ text: String) -> String {
        secrets.reduce(text) { $0.replacingOccurrences(of: $1, with: Self.mask) }
    }
}
