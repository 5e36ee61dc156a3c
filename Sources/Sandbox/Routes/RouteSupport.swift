import Foundation
import HTTPTypes
import Hummingbird
import OutreachAPI

/// The request context every sandbox route uses.
public typealias SandboxContext = BasicRequestContext

extension Request {
    static let apiKeyField = HTTPField.Name("x-api-key") ?? .authorization

    /// The API key of the request: `x-api-key`, or `Authorization: Bearer KEY` when `bearer` is
    /// allowed (Saleshandy's samples use it). Missing or blank keys answer 401.
    func apiKey(allowBearer: Bool = false, unauthorized: SandboxError = .unauthorized) throws -> String {
        if let key = headers[Self.apiKeyField], !key.trimmingCharacters(in: .whitespaces).isEmpty {
            return key
        }
        if allowBearer, let auth = headers[.authorization], auth.lowercased().hasPrefix("bearer ") {
            let key = String(auth.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            if !key.isEmpty { return key }
        }
        throw unauthorized
    }

    /// The body decoded as JSON into `T`; `invalid(reason)` makes the error to throw otherwise,
    /// in the endpoint's error shape (the reason comes from ``RequestBodyDecoding``).
    func decodeJSON<T: Decodable>(
        _ type: T.Type, context: SandboxContext, invalid: (String) -> SandboxError
    ) async throws -> T {
        if let type = headers[.contentType], !Self.isJSON(mediaType: type) {
            throw invalid("the request body must be JSON (Content-Type: application/json), not \(type)")
        }
        // BodyLimitMiddleware has already collected the body within the sandbox's limit.
        var request = self
        let buffer = try await request.collectBody(upTo: .max)
        let data = Data(buffer.readableBytesView)
        guard !data.isEmpty else { throw invalid("the request body is empty") }
        switch RequestBodyDecoding.decode(T.self, from: data) {
        case .success(let value): return value
        case .failure(let problem): throw invalid(problem.message)
        }
    }

    /// Whether a `Content-Type` value names JSON (`application/json`, `…+json`, any parameters).
    static func isJSON(mediaType: String) -> Bool {
        let type =
            mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }
}

extension Parameters {
    /// An integer path parameter; anything else answers `notFound`.
    func integer(_ name: String, notFound: SandboxError) throws -> Int {
        guard let text = self.get(name), let value = Int(text), value >= 0 else { throw notFound }
        return value
    }
}

/// A JSON response with the given status.
func json<T: Encodable>(_ value: T, status: HTTPResponse.Status = .ok) throws -> Response {
    json(bytes: try JSONCoding.encode(value), status: status)
}

/// A response with JSON bytes already encoded.
func json(bytes data: Data, status: HTTPResponse.Status = .ok) -> Response {
    Response(
        status: status, headers: [.contentType: "application/json"],
        body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
}

/// An empty `200 OK`.
func emptyOK() -> Response { Response(status: .ok) }
