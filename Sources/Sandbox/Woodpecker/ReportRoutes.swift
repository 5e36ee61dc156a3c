import HTTPTypes
import Hummingbird
import OutreachAPI

/// Woodpecker report routes (docs/contract/reports.md): `POST /rest/v2/reports/{kind}` with
/// `{from, to}` answers `{hash}`; `GET /rest/v2/reports/{hash}` its status, then its rows.
/// Errors use the v2 problem body.
struct ReportRoutes {
    let store: SandboxStore

    func register(on router: Router<SandboxContext>) {
        let reports = router.group("rest/v2/reports")
        for kind in ReportKind.allCases {
            reports.post(RouterPath(kind.rawValue)) { request, context in
                let key = try request.apiKey()
                let period = try await request.decodeJSON(ReportPeriod.self, context: context) {
                    SandboxError.reportInput([$0])
                }
                var response = try json(try await store.requestReport(key: key, kind: kind, period: period))
                // The sandbox's "today", which `sandbox advance` moves: the client reads its
                // relative days (`--from 7d`) against it.
                if let field = HTTPField.Name(ReportHash.clockHeader) {
                    response.headers[field] = String(Int(await store.clock.now))
                }
                return response
            }
        }
        reports.get(":hash") { request, context in
            let key = try request.apiKey()
            let answer = try await store.report(key: key, hash: context.parameters.get("hash") ?? "")
            return json(bytes: OrderedJSON.encode(answer))
        }
    }
}
