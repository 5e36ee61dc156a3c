import Hummingbird
import OutreachAPI

extension SaleshandyRoutes {
    /// The do-not-contact lists: list, search, add (docs/contract/saleshandy/dnc.md).
    func registerDNC(on router: Router<SandboxContext>) {
        router.get("v1/dnc") { request, _ in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            var search: String?
            for (name, value) in InboxQueryParsing.pairs(request.uri.query ?? "") {
                switch name {
                case "search": search = value
                case "pageSize", "page": try Self.checkPaging(name, value)
                case "sort":
                    guard ["ASC", "DESC"].contains(value) else {
                        throw SaleshandySandboxErrors.badRequest("sort: must be ASC or DESC, got '\(value)'")
                    }
                case "sortBy":
                    guard ["total", "updatedAt"].contains(value) else {
                        throw SaleshandySandboxErrors.badRequest("sortBy: must be total or updatedAt, got '\(value)'")
                    }
                default: break
                }
            }
            let lists = try await store.saleshandyDNCLists(key: key, search: search)
            return try json(
                SaleshandyEnvelope(
                    payload: SaleshandyEnvelope(message: "Successfully fetched dnc list", payload: lists)))
        }
        router.get("v1/dnc/item/search") { request, _ in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            var search = ""
            var type = "all"
            for (name, value) in InboxQueryParsing.pairs(request.uri.query ?? "") {
                switch name {
                case "search": search = value
                case "pageSize", "page": try Self.checkPaging(name, value)
                case "type":
                    guard ["all", "email", "domain"].contains(value) else {
                        throw SaleshandySandboxErrors.badRequest("type: must be all, email or domain, got '\(value)'")
                    }
                    type = value
                default: break
                }
            }
            let matches = try await store.searchSaleshandyDNC(key: key, search: search, type: type)
            let count = matches.reduce(0) { $0 + $1.dncItems.count }
            return try json(
                SaleshandyEnvelope(
                    message: "Successfully fetched dnc item",
                    payload: SaleshandyDNCSearch(
                        dncList: matches,
                        meta: .init(
                            totalItems: count, currentPage: 1, itemsPerPage: 100, totalPages: count == 0 ? 0 : 1,
                            itemCount: count))))
        }
        router.post("v1/dnc") { request, context in
            let key = try request.apiKey(allowBearer: true, unauthorized: Self.unauthorized)
            let body = try await request.decodeJSON(SaleshandyDNCAdd.self, context: context) {
                SaleshandySandboxErrors.badRequest($0)
            }
            let problems = Validation.saleshandyDNCAdd(body)
            guard problems.isEmpty else {
                throw SaleshandySandboxErrors.badRequest(problems.map(\.description).joined(separator: "; "))
            }
            let added = try await store.addToSaleshandyDNC(key: key, body)
            return try json(
                SaleshandyEnvelope(message: "Items added to dnc list successfully", payload: added), status: .created)
        }
    }

    /// `pageSize` 1…100 and `page` from 1, as numbers (docs/contract/saleshandy/dnc.md, gap 4).
    static func checkPaging(_ name: String, _ value: String) throws(SandboxError) {
        guard let number = Int(value), number >= 1, name == "page" || number <= 100 else {
            throw SaleshandySandboxErrors.badRequest(
                "\(name): must be a number from 1\(name == "page" ? "" : " to 100"), got '\(value)'")
        }
    }
}
