extension Validation {
    /// The rules of a campaign's step tree: a START root whose non-null `followup` begins a
    /// chain of EMAIL steps.
    public static func stepTree(_ root: Step, path: String) -> [ValidationProblem] {
        var problems = ProblemList()
        if root.type != .start {
            problems.add(path + ".type", "must be START: the root step is always START, got \(root.type)")
        }
        if root.delivery_time != nil { problems.add(path + ".delivery_time", "must be absent on the START step") }
        if root.body != nil { problems.add(path + ".body", "must be absent on the START step") }
        guard let first = root.followup else {
            problems.add(path + ".followup", "must be provided: START is followed by the first EMAIL step")
            return problems.items
        }
        problems.add(stepChain(first, path: path + ".followup", firstEmailInPath: true))
        return problems.items
    }

    /// The rules of an EMAIL step and every step after it.
    public static func stepChain(_ first: Step, path: String, firstEmailInPath: Bool) -> [ValidationProblem] {
        var problems: [ValidationProblem] = []
        var current: Step? = first
        var currentPath = path
        var isFirst = firstEmailInPath
        while let step = current {
            problems += emailStep(step, path: currentPath, isFirstEmailInPath: isFirst)
            isFirst = false
            current = step.followup
            currentPath += ".followup"
        }
        return problems
    }

    /// The rules of one EMAIL step (not its follow-ups).
    public static func emailStep(_ step: Step, path: String, isFirstEmailInPath: Bool) -> [ValidationProblem] {
        var problems = ProblemList()
        if step.type == .start {
            problems.add(path + ".type", "must be EMAIL: START can only be the root step")
        } else if step.type != .email {
            problems.add(path + ".type", "must be EMAIL, got \(step.type)")
        }
        if let deliveryTime = problems.required(step.delivery_time, path + ".delivery_time") {
            problems.add(self.deliveryTime(deliveryTime, path: path + ".delivery_time"))
        }
        if let body = problems.required(step.body, path + ".body") {
            versions(body.versions, path: path + ".body.versions", isFirstEmailInPath: isFirstEmailInPath, &problems)
        }
        if let after = step.followup_after {
            if !after.range.isKnown {
                problems.add(path + ".followup_after.range", "must be \(FollowupRange.knownList), got \(after.range)")
            }
            problems.range(after.value, 1...FollowupAfter.maxValue, path + ".followup_after.value", required: true)
        }
        return problems.items
    }

    private static func versions(
        _ versions: [EmailVersion], path: String, isFirstEmailInPath: Bool, _ problems: inout ProblemList
    ) {
        guard (1...EmailVersion.maxCount).contains(versions.count) else {
            problems.add(path, "must have 1…\(EmailVersion.maxCount) versions, got \(versions.count)")
            return
        }
        let subjectRequired = isFirstEmailInPath || versions.count > 1
        for (index, version) in versions.enumerated() {
            let p = "\(path)[\(index)]"
            // `id` and `version` are assigned by the server; a request that carries them (a
            // campaign read back and resent) is accepted and they are ignored.
            if subjectRequired {
                let why =
                    isFirstEmailInPath
                    ? "is required on the first EMAIL step of a path"
                    : "is required on every version when a step has several"
                if let subject = version.subject {
                    if isBlank(subject) { problems.add(p + ".subject", why) }
                } else {
                    problems.add(p + ".subject", why)
                }
            }
            problems.requiredText(version.message, p + ".message")
            if let signature = problems.required(version.signature, p + ".signature"), !signature.isKnown {
                problems.add(p + ".signature", "must be \(Signature.knownList), got \(signature.rawValue)")
            }
            _ = problems.required(version.track_opens, p + ".track_opens")
        }
    }
}
