/// Saleshandy's error answers as the sandbox gives them: `{message}` with the status.
enum SaleshandySandboxErrors {
    /// `400` with the message (a broken rule, an unknown sequence).
    static func badRequest(_ message: String) -> SandboxError {
        SandboxError(status: .badRequest, body: .message(message))
    }

    /// `400 Sequence is not found` (the code the spec uses for an unknown sequence).
    static let sequenceNotFound = badRequest("Sequence is not found")
}
