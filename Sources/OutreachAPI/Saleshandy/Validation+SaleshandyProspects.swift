extension Validation {
    /// The request-level rules of `POST /v1/sequences/prospects/import-with-field-name`; a row's
    /// own problems (no email) are the account's to report, row by row.
    public static func saleshandyProspectImport(_ request: SaleshandyProspectImport) -> [ValidationProblem] {
        var problems = ProblemList()
        if request.prospectList.isEmpty { problems.add("prospectList", "must hold at least one prospect") }
        if request.prospectList.count > SaleshandyProspectImport.maxProspects {
            problems.add(
                "prospectList",
                "must hold at most \(SaleshandyProspectImport.maxProspects) prospects, got \(request.prospectList.count)"
            )
        }
        problems.requiredText(request.stepId, "stepId")
        if !SaleshandyProspectImport.conflictActions.contains(request.conflictAction) {
            problems.add(
                "conflictAction",
                "must be one of \(SaleshandyProspectImport.conflictActions.joined(separator: ", ")), got \(request.conflictAction)"
            )
        }
        for (index, tag) in (request.tags ?? []).enumerated()
        where tag.trimmingCharacters(in: .whitespaces).isEmpty {
            problems.add("tags[\(index)]", "must not be empty")
        }
        return problems.items
    }

    /// The rules of one prospect of an import (`Email` present and valid), as wps checks each row.
    public static func saleshandyProspect(_ fields: [String: String]) -> [ValidationProblem] {
        var problems = ProblemList()
        problems.requiredEmail(fields["Email"], "Email")
        return problems.items
    }
}
