import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OutreachAPI
import TestSupport
import Testing

@testable import Sandbox

/// A sandbox application for `app.test(.router)` with its store (whose clock tests advance).
struct TestSandbox {
    let store: SandboxStore
    let counter = RequestCounter()
    let app: Application<RouterResponder<SandboxContext>>

    init(configure: (inout SandboxConfiguration) -> Void = { _ in }, persistence: SandboxPersistence? = nil)
        async throws
    {
        var configuration = SandboxConfiguration()
        configuration.rateLimit = false
        configuration.processingDelay = .seconds(60)
        configure(&configuration)
        store = try await SandboxStore(processingDelay: configuration.processingDelay, persistence: persistence)
        app = Application(router: buildSandboxRouter(store: store, configuration: configuration, counter: counter))
    }
}

extension TestClientProtocol {
    /// Sends JSON with an API key and returns status, headers and the parsed body.
    func call(
        _ method: HTTPRequest.Method, _ path: String, key: String? = "test-key", json body: String? = nil
    ) async throws -> (status: Int, headers: HTTPFields, body: Any?) {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let key { headers[HTTPField.Name("x-api-key")!] = key }
        return try await execute(
            uri: path, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) }
        ) { response in
            let data = Data(response.body.readableBytesView)
            let parsed =
                data.isEmpty ? nil : try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed])
            return (Int(response.status.code), response.headers, parsed)
        }
    }
}
