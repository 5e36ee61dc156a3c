import Hummingbird

/// Saleshandy's emulation under `/v1`, its errors as `{message}`.
enum SaleshandySandbox: SandboxProvider {
    static func register(on router: Router<SandboxContext>, store: SandboxStore) {
        SaleshandyRoutes(store: store).register(on: router)
    }

    static func errorFamily(path: String) -> EndpointFamily? {
        path.hasPrefix("/v1/") ? .messageBody : nil
    }
}
