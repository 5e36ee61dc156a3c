/// One documented API operation as a typed request value.
///
/// Each endpoint knows its provider, method, path (relative to the provider's base URL), body
/// type, success type and status codes, the shape of its error bodies, and the documented rules
/// its body must satisfy. The transport sends any `Endpoint`; the sandbox serves the same paths.
///
/// ```swift
/// let campaign = try await client.send(Woodpecker.GetCampaign(id: 777))
/// ```
public protocol Endpoint: Sendable {
    /// The JSON body type; ``NoContent`` when the request has none.
    associatedtype Body: Encodable & Sendable
    /// The decoded success value; ``NoContent`` when the answer has no body.
    associatedtype Success: Decodable & Sendable

    /// The provider whose API serves this endpoint.
    static var provider: Provider { get }
    /// The HTTP statuses that mean success, e.g. `[202]` for a bulk submit.
    static var successStatuses: Set<Int> { get }
    /// The shape of this endpoint's documented error bodies.
    static var errorShape: ErrorShape { get }

    var method: HTTPMethod { get }
    /// The path relative to the provider's base URL, without a leading slash,
    /// e.g. `campaigns/777/run`. A leading `../` steps out of the base URL's last segment.
    var path: String { get }
    /// The body to send, if any.
    var body: Body? { get }
    /// Whether sending the request twice has the same effect as sending it once, so it may be
    /// retried after a connection dropped with the outcome unknown.
    var isIdempotent: Bool { get }

    /// Every documented rule the request breaks, each with its field path; empty when valid.
    func validate() -> [ValidationProblem]

    /// The success value read from the whole response, for answers whose meaning is not only in
    /// a JSON body (`204` with an `X-Total-Count` header); nil to decode the body as JSON.
    static func success(from response: TransportResponse) throws -> Success?
}

extension Endpoint {
    public var isIdempotent: Bool { method == .get || method == .patch }
    public func validate() -> [ValidationProblem] { [] }
    public static func success(from response: TransportResponse) throws -> Success? { nil }
    /// `METHOD path`, as errors and dry runs name the endpoint: `POST campaigns` (under the
    /// base URL, `/rest/v2`), `POST /rest/v1/add_prospects_list` (beside it, as its pages name it).
    public var endpointDescription: String {
        guard path.hasPrefix("../") else { return "\(method.rawValue) \(path)" }
        return "\(method.rawValue) /rest/\(path.dropFirst(3))"
    }
}

extension Endpoint where Body == NoContent {
    public var body: NoContent? { nil }
}
