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

    /// The body decoded as JSON into `T`; `invalid(reason)` makes the error to throw otherwise.
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
        do {
            return try JSONCoding.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw invalid(Self.describe(error))
        } catch {
            throw invalid("the request body is not valid JSON")
        }
    }

    /// Whether a `Content-Type` value names JSON (`application/json`, `…+json`, any parameters).
    static func isJSON(mediaType: String) -> Bool {
        let type = mediaType.split(separator: ";").first.map { $0.trimmingCharacters(in: .whitespaces).lowercased() } ?? ""
        return type == "application/json" || (type.hasPrefix("application/") && type.hasSuffix("+json"))
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context):
            let parent = path(context)
            return (parent.isEmpty ? "" : parent + ".") + key.stringValue + ": must be provided"
        case .typeMismatch(let type, let context):
            return "\(path(context)): must be \(Self.kind(type))"
        case .valueNotFound(let type, let context):
            return "\(path(context)): must be \(Self.kind(type)), got null"
        case .dataCorrupted(let context):
            return context.codingPath.isEmpty ? "the request body is not valid JSON" : "\(path(context)): \(context.debugDescription)"
        @unknown default:
            return "the request body does not match the documented schema"
        }
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type: "an integer"
        case is String.Type: "a string"
        case is Bool.Type: "a boolean"
        case is Double.Type: "a number"
        default: type is any Collection.Type ? "an array" : "an object"
        }
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
        status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: data)))
}

/// An empty `200 OK`.
func emptyOK() -> Response { Response(status: .ok) }
