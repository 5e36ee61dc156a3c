extension SandboxError {
    /// 400 problem body, `detail` naming the parameter or field (docs/contract/inbox.md, proposal 5).
    static func inboxInput(_ detail: String) -> SandboxError {
        SandboxError(status: .badRequest, body: .problem(title: "Bad Request", detail: detail))
    }

    /// 404 problem body for a message that is not a visible reply of the account (proposal 7).
    static func inboxMessageNotFound(_ id: Int) -> SandboxError {
        SandboxError(
            status: .notFound,
            body: .problem(
                title: "Not Found",
                detail: "no inbox message \(id) in this account (inbox list shows the messages' ids)"))
    }

    /// 404 problem body for a prospect that is not in the account's database (proposal 8).
    static func prospectNotFound(_ id: Int) -> SandboxError {
        SandboxError(
            status: .notFound,
            body: .problem(
                title: "Not Found", detail: "no prospect \(id) in this account (prospect list shows the ids)"))
    }
}
