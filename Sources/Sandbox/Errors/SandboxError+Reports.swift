extension SandboxError {
    /// 404 problem body for a report hash the account does not have (docs/contract gap 25).
    static let reportNotFound = SandboxError(
        status: .notFound, body: .problem(title: "Not Found", detail: "Report not found"))

    /// 400 problem body for a report request, `detail` naming each field and rule (gap 28).
    static func reportInput(_ problems: [String]) -> SandboxError {
        SandboxError(
            status: .badRequest, body: .problem(title: "Bad Request", detail: problems.joined(separator: "; ")))
    }
}
