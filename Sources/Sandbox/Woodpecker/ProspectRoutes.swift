import Foundation
import HTTPTypes
import Hummingbird
import OutreachAPI

/// Woodpecker's legacy prospect routes (`/rest/v1`): `add_prospects_list`,
/// `add_prospects_campaign` and `GET prospects`, with v1 errors (docs/contract).
struct ProspectRoutes {
    let store: SandboxStore

    static let totalCountField = HTTPField.Name("X-Total-Count") ?? .contentLength

    func register(on router: Router<SandboxContext>) {
        let v1 = router.group("rest/v1")
        v1.post("add_prospects_list") { request, context in
            let key = try request.apiKey(unauthorized: .v1Session)
            let body = try ProspectImportDecoding.decode(try await request.v1Body(), campaign: false)
            return try json(try await store.importProspects(key: key, body))
        }
        v1.post("add_prospects_campaign") { request, context in
            let key = try request.apiKey(unauthorized: .v1Session)
            let body = try ProspectImportDecoding.decode(try await request.v1Body(), campaign: true)
            return try json(try await store.importProspects(key: key, body))
        }
        v1.get("prospects") { request, _ in
            let key = try request.apiKey(unauthorized: .v1Session)
            let query = try ProspectQueryParsing.parse(request.uri.query ?? "")
            let page = try await store.listProspects(key: key, query)
            var response: Response
            if page.records.isEmpty {
                response = Response(status: .noContent)
            } else {
                response = json(bytes: try JSONCoding.encode(page.records))
            }
            response.headers[Self.totalCountField] = String(page.total)
            return response
        }
    }
}

extension Request {
    /// The body of a v1 write, collected (``BodyLimitMiddleware`` has limited it); a body
    /// declared as something other than JSON answers `E_WRONG_PARAM`.
    func v1Body() async throws -> Data {
        if let type = headers[.contentType], !Self.isJSON(mediaType: type) {
            throw SandboxError.v1(
                .wrongParam, "the request body must be JSON (Content-Type: application/json), not \(type)")
        }
        var request = self
        let buffer = try await request.collectBody(upTo: .max)
        return Data(buffer.readableBytesView)
    }
}
