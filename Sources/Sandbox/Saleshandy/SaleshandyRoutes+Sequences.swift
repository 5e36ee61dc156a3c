import Hummingbird
import OutreachAPI

extension SaleshandyRoutes {
    /// `GET /v1/sequences`, `GET|POST /v1/sequences/{id}/steps` (docs/contract/saleshandy/sequences.md).
    func registerSequences(on router: Router<SandboxContext>) {
        let sequences = router.group("v1/sequences")
        sequences.get { request, _ in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let query = try Self.sequenceQuery(request.uri.query ?? "")
            let list = try await store.saleshandySequences(key: key, query)
            return try json(
                SaleshandyEnvelope(
                    message: "Successfully fetched all sequences and their associated steps", payload: list))
        }
        sequences.get(":sequence/steps") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let steps = try await store.saleshandySteps(key: key, sequenceID: context.parameters.get("sequence") ?? "")
            return try json(SaleshandyEnvelope(message: "Sequence steps fetched successfully", payload: steps))
        }
        sequences.post(":sequence/steps") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let step = try await request.decodeJSON(SaleshandyStepRequest.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            let problems = Validation.saleshandyStep(step)
            guard problems.isEmpty else {
                throw SaleshandySandboxErrors.badRequest(problems.map(\.description).joined(separator: "; "))
            }
            let created = try await store.addSaleshandyStep(
                key: key, sequenceID: context.parameters.get("sequence") ?? "", step)
            return try json(
                SaleshandyEnvelope(message: "Sequence step created successfully", payload: created), status: .created)
        }
    }

    /// The list's query: numbers must be numbers; then the documented rules.
    static func sequenceQuery(_ raw: String) throws(SandboxError) -> SaleshandySequenceQuery {
        var query = SaleshandySequenceQuery()
        for (name, value) in InboxQueryParsing.pairs(raw) where !raw.isEmpty {
            switch name {
            case "sequenceName": query.sequenceName = value
            case "pageSize", "page":
                guard let number = Int(value) else {
                    throw SaleshandySandboxErrors.badRequest("\(name): must be a number, got '\(value)'")
                }
                if name == "page" { query.page = number } else { query.pageSize = number }
            case "sort": query.sort = value
            case "sortBy": query.sortBy = value
            default: break
            }
        }
        if let problem = Validation.saleshandySequenceQuery(query).first {
            throw SaleshandySandboxErrors.badRequest(problem.description)
        }
        return query
    }
}
