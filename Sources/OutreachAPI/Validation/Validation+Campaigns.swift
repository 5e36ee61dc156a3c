extension Validation {
    /// The rules of `POST campaigns`.
    public static func campaignDraft(_ draft: CampaignDraft) -> [ValidationProblem] {
        var problems = ProblemList()
        if let ids = problems.required(draft.email_account_ids, "email_account_ids") {
            if ids.isEmpty { problems.add("email_account_ids", "must hold at least one email account id") }
            accountIDs(ids, &problems)
        }
        if let settings = problems.required(draft.settings, "settings") {
            if let timezone = problems.required(settings.timezone, "settings.timezone") {
                self.timezone(timezone, "settings.timezone", &problems)
            }
            if let enroll = problems.required(settings.daily_enroll, "settings.daily_enroll"), enroll <= 0 {
                problems.add("settings.daily_enroll", "must be greater than 0, got \(enroll)")
            }
        }
        if let steps = problems.required(draft.steps, "steps") {
            problems.add(stepTree(steps, path: "steps"))
        }
        return problems.items
    }

    /// The rules of `PATCH campaigns/{id}`: every field optional; an empty name is allowed
    /// (the server names the campaign), and so is an empty account list.
    public static func campaignPatch(_ patch: CampaignPatch) -> [ValidationProblem] {
        var problems = ProblemList()
        if let ids = patch.email_account_ids { accountIDs(ids, &problems) }
        if let settings = patch.settings {
            if let timezone = settings.timezone { self.timezone(timezone, "settings.timezone", &problems) }
            if let enroll = settings.daily_enroll, enroll <= 0 {
                problems.add("settings.daily_enroll", "must be greater than 0, got \(enroll)")
            }
        }
        return problems.items
    }

    /// The rules of `PATCH …/versions/{version_id}`. The endpoint does not check for empty
    /// subjects or messages (as documented), so only the signature is checked.
    public static func versionPatch(_ patch: VersionPatch) -> [ValidationProblem] {
        var problems = ProblemList()
        if let signature = patch.signature, !signature.isKnown {
            problems.add("signature", "must be \(Signature.knownList), got \(signature.rawValue)")
        }
        return problems.items
    }

    /// The rules of `POST campaigns/{id}/steps`, for the step and every follow-up nested under
    /// it. A new step always follows an existing one, so it is never the first EMAIL step of
    /// its path.
    public static func newStep(_ request: NewStepRequest) -> [ValidationProblem] {
        var problems = ProblemList()
        if let parent = problems.required(request.parent_id, "parent_id"), !isUUID(parent) {
            problems.add("parent_id", "must be a step id (a UUID), got \(parent.isEmpty ? "an empty string" : parent)")
        }
        if let step = problems.required(request.step, "step") {
            problems.add(stepChain(step, path: "step", firstEmailInPath: false))
        }
        return problems.items
    }

    private static func accountIDs(_ ids: [Int], _ problems: inout ProblemList) {
        for (index, id) in ids.enumerated() where id <= 0 {
            problems.add("email_account_ids[\(index)]", "must be a positive id, got \(id)")
        }
        problems.duplicates(ids.map { String($0) }) { "email_account_ids[\($0)]" }
    }

    private static func timezone(_ value: String, _ path: String, _ problems: inout ProblemList) {
        if !isKnownTimeZone(value) {
            problems.add(path, "must be an IANA time zone such as Europe/Berlin, got \(value)")
        }
    }
}
