import Hummingbird

/// Saleshandy's emulation under `/v1`, its errors as `{message}`.
enum SaleshandySandbox: SandboxProvider {
    static func register(on router: Router<SandboxContext>, store: SandboxStore) {
        SaleshandyRoutes(store: store).register(on: router)
    }

    /// An import of up to 100,000 prospects may carry 90 MB (docs/contract/saleshandy/prospects_import.md).
    static func bodyLimit(path: String) -> Int? {
        path == "/v1/sequences/prospects/import-with-field-name" ? 90 * 1024 * 1024 : nil
    }

    static func errorFamily(path: String) -> EndpointFamily? {
        path.hasPrefix("/v1/") ? .messageBody : nil
    }
}
