import Hummingbird
import OutreachAPI

extension SaleshandyRoutes {
    /// The import into a step, its status and report, and the prospect list
    /// (docs/contract/saleshandy/prospects_import.md, prospects.md).
    func registerProspects(on router: Router<SandboxContext>) {
        router.post("v1/sequences/prospects/import-with-field-name") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let body = try await request.decodeJSON(SaleshandyProspectImport.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            let problems = Validation.saleshandyProspectImport(body)
            guard problems.isEmpty else {
                throw SaleshandySandboxErrors.badRequest(problems.map(\.description).joined(separator: "; "))
            }
            let id = try await store.importSaleshandyProspects(key: key, body)
            return try json(
                SaleshandyImportAccepted(
                    message:
                        "Prospect import has started successfully. Please wait while we import your prospects. You may check the status using this API `v1/prospects/import-status/\(id)`.",
                    payload: SaleshandyRequestID(requestId: id)), status: .created)
        }
        router.get("v1/prospects/import-status/:request") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            guard
                let status = try await store.saleshandyImportStatus(
                    key: key, id: context.parameters.get("request") ?? "")
            else { throw SaleshandySandboxErrors.badRequest("Prospect import request not found") }
            return try json(status)
        }
        router.get("v1/prospects/import-status/:request/report.csv") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            guard
                let failures = try await store.saleshandyImportFailures(
                    key: key, id: context.parameters.get("request") ?? "")
            else { throw Self.notFound }
            var csv = "Email,Reason\r\n"
            for failure in failures { csv += failure.map(Self.csvField).joined(separator: ",") + "\r\n" }
            return Response(
                status: .ok, headers: [.contentType: "text/csv; charset=utf-8"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: csv)))
        }
        router.post("v1/analytics/stats") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let body = try await request.decodeJSON(SaleshandyStatsRequest.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            guard !body.sequenceId.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw SaleshandySandboxErrors.badRequest("sequenceId: must be provided")
            }
            let stats = try await store.saleshandyStats(key: key, sequenceID: body.sequenceId)
            return try json(SaleshandyEnvelope(message: "Sequence consolidated fetched successfully", payload: stats))
        }
        router.patch("v1/prospects/status") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let body = try await request.decodeJSON(SaleshandyStatusChange.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            let problems = Validation.saleshandyStatusChange(body)
            guard problems.isEmpty else {
                throw SaleshandySandboxErrors.badRequest(problems.map(\.description).joined(separator: "; "))
            }
            let counts = try await store.changeSaleshandyStatus(key: key, body)
            return try json(SaleshandyEnvelope(message: "Prospects status updated", payload: counts))
        }
        router.get("v1/prospects") { request, _ in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            var search: String?
            var pageSize = 100
            var page = 1
            var descending = false
            for (name, value) in InboxQueryParsing.pairs(request.uri.query ?? "") {
                switch name {
                case "search": search = value
                case "pageSize":
                    guard let size = Int(value), [10, 20, 50, 100].contains(min(size, 100)) || size > 100 else {
                        throw SaleshandySandboxErrors.badRequest("pageSize: must be 10, 20, 50 or 100, got '\(value)'")
                    }
                    pageSize = min(size, 100)
                case "page":
                    guard let number = Int(value), number >= 1 else {
                        throw SaleshandySandboxErrors.badRequest("page: must be a number from 1, got '\(value)'")
                    }
                    page = number
                case "sort":
                    guard ["ASC", "DESC"].contains(value) else {
                        throw SaleshandySandboxErrors.badRequest("sort: must be ASC or DESC, got '\(value)'")
                    }
                    descending = value == "DESC"
                default: break
                }
            }
            let list = try await store.saleshandyProspects(
                key: key, search: search, pageSize: pageSize, page: page, descending: descending)
            return try json(JSONValue.object([("payload", .array(list))]))
        }
    }
}
