import Hummingbird

/// What one emulated provider brings to the sandbox: its routes, and the error family of each of
/// its paths (so errors raised before a route runs look like the endpoint's own).
protocol SandboxProvider {
    /// Registers the provider's routes.
    static func register(on router: Router<SandboxContext>, store: SandboxStore)
    /// The error family of `path`, nil when the path is not this provider's.
    static func errorFamily(path: String) -> EndpointFamily?
    /// The body limit the provider documents for `path` (a bulk write), nil for the default.
    static func bodyLimit(path: String) -> Int?
}

/// The providers the sandbox emulates: one registration line each.
enum SandboxProviders {
    static let all: [any SandboxProvider.Type] = [WoodpeckerSandbox.self, SaleshandySandbox.self]
}
