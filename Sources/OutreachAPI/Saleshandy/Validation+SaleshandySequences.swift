extension Validation {
    /// The rules of `POST /v1/sequences/{sequenceId}/steps` (docs/contract/saleshandy/sequences.md).
    public static func saleshandyStep(_ request: SaleshandyStepRequest) -> [ValidationProblem] {
        var problems = ProblemList()
        problems.range(request.absoluteDays, 1...999, "absoluteDays", required: true)
        guard let channel = SaleshandyChannel(rawValue: request.type) else {
            problems.add(
                "type",
                "must be one of \(SaleshandyChannel.allCases.map { String($0.rawValue) }.joined(separator: ", ")), got \(request.type)"
            )
            return problems.items
        }
        if request.variants.isEmpty { problems.add("variants", "must hold at least one variant") }
        if request.variants.count > channel.maxVariants {
            problems.add(
                "variants",
                "a \(channel.name) step holds at most \(channel.maxVariants) variant\(channel.maxVariants == 1 ? "" : "s"), got \(request.variants.count)"
            )
        }
        let (required, optional) = channel.payloadKeys
        for (index, variant) in request.variants.enumerated() {
            let p = "variants[\(index)]."
            for key in required where (variant.payload[key] ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
                problems.add(p + "payload." + key, "is required on a \(channel.name) step")
            }
            for key in variant.payload.keys.sorted() where !required.contains(key) && !optional.contains(key) {
                problems.add(p + "payload." + key, "is not a field of a \(channel.name) step")
            }
            if let note = variant.taskNote {
                if channel == .email { problems.add(p + "taskNote", "is not allowed on an email step") }
                if note.count > 3000 {
                    problems.add(p + "taskNote", "must be at most 3000 characters, got \(note.count)")
                }
            }
            if variant.attachmentIds != nil, channel != .email {
                problems.add(p + "attachmentIds", "only an email step has attachments")
            }
        }
        if let priority = request.priority, !SaleshandyStepRequest.priorities.contains(priority) {
            problems.add(
                "priority",
                "must be one of \(SaleshandyStepRequest.priorities.joined(separator: ", ")), got \(priority)")
        }
        return problems.items
    }

    /// The rules of `GET /v1/sequences`'s query.
    public static func saleshandySequenceQuery(_ query: SaleshandySequenceQuery) -> [ValidationProblem] {
        var problems = ProblemList()
        problems.range(query.pageSize, 1...1000, "pageSize", required: false)
        problems.range(query.page, 1...Int.max, "page", required: false)
        if let sort = query.sort, !SaleshandySequenceQuery.sorts.contains(sort) {
            problems.add("sort", "must be ASC or DESC, got \(sort)")
        }
        if let key = query.sortBy, !SaleshandySequenceQuery.sortKeys.contains(key) {
            problems.add(
                "sortBy", "must be one of \(SaleshandySequenceQuery.sortKeys.joined(separator: ", ")), got \(key)")
        }
        return problems.items
    }
}
