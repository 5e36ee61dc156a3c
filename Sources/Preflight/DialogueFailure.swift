/// A dialogue that ended early with a known status: the server's reply, or what went wrong.
struct DialogueFailure: Error {
    var outcome: LoginOutcome

    init(_ status: LoginStatus, _ detail: String, hint: String? = nil) {
        outcome = LoginOutcome(status, detail, hint: hint)
    }
}
