/// How one login check (SMTP or IMAP) of a mailbox ended.
///
/// The raw values are what `mailbox verify` prints and writes to its report.
public enum LoginStatus: String, Sendable, CaseIterable {
    /// The server accepted the login.
    case ok
    /// The server refused the login or the password.
    case authFailed = "auth_failed"
    /// One side spoke TLS and the other plain text (TLS from the first byte against a STARTTLS
    /// port, or the reverse).
    case tlsMismatch = "tls_mismatch"
    /// The server offers no TLS and plain text was not allowed: no password was sent.
    case plaintextRefused = "plaintext_refused"
    /// The server's certificate is not trusted or not issued for the host.
    case certificate
    /// No connection could be made (refused, no such host, no route).
    case unreachable
    /// The server did not answer within the time given.
    case timeout
    /// The server answered something the dialogue does not allow (its reply is in the detail).
    case `protocol`
    /// Nothing to check: the mailbox names no server for this protocol.
    case skipped
}

/// The outcome of one login check: its status, what the server said (never the password) and
/// what to do about it.
public struct LoginOutcome: Sendable, Equatable {
    public var status: LoginStatus
    /// The server's reply code and text, or the failure in words.
    public var detail: String
    /// What to do, when wps knows.
    public var hint: String?

    public init(_ status: LoginStatus, _ detail: String, hint: String? = nil) {
        self.status = status
        self.detail = detail
        self.hint = hint
    }
}
