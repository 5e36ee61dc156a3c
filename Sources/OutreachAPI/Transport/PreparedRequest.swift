import Foundation

/// An HTTP request ready to send: method, absolute URL, headers and JSON body.
///
/// The client builds one from an ``Endpoint``; `--dry-run` prints ``redacted()`` instead of
/// sending it, so the API key and mailbox passwords show as `••••`.
public struct PreparedRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var url: String
    /// Header names and values, in sending order.
    public var headers: [(name: String, value: String)]
    public var body: Data?
    /// `METHOD path` of the endpoint, as errors name it.
    public var endpoint: String
    /// Which provider's API the request is for and where it points within it; nil for a request
    /// made by hand (a test's). A dry run answers a request from its private overlay by this.
    public var route: Route?
    /// The family whose per-account limit the request counts against (``Endpoint/family``).
    public var family: APIFamily

    /// A request's provider, the base URL it was resolved against and its path under that base.
    public struct Route: Sendable, Hashable {
        public var provider: Provider
        /// The base URL (``OutreachClient/Configuration/baseURL(for:)``), without a trailing slash.
        public var base: String
        /// The endpoint's path relative to `base`, query included (`campaigns/777/run`,
        /// `../v1/add_prospects_list`).
        public var path: String

        public init(provider: Provider, base: String, path: String) {
            self.provider = provider
            self.base = base
            self.path = path
        }
    }

    public init(
        method: HTTPMethod, url: String, headers: [(name: String, value: String)], body: Data?, endpoint: String,
        route: Route? = nil, family: APIFamily = APIFamily(provider: .default, path: "")
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
        self.endpoint = endpoint
        self.route = route
        self.family = family
    }

    /// The API key the request carries (`x-api-key`), if any.
    public var apiKey: String? { headers.first { $0.name.lowercased() == "x-api-key" }?.value }

    public static func == (lhs: PreparedRequest, rhs: PreparedRequest) -> Bool {
        lhs.method == rhs.method && lhs.url == rhs.url && lhs.body == rhs.body && lhs.endpoint == rhs.endpoint
            && lhs.headers.map(\.name) == rhs.headers.map(\.name)
            && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(method)
        hasher.combine(url)
        hasher.combine(body)
    }

    /// The mask shown in place of a secret.
    public static let mask = "••••"
    /// Header names whose values are secrets.
    public static let secretHeaders: Set<String> = ["x-api-key", "authorization"]
    /// JSON keys whose values are secrets, in every provider's spelling.
    public static let secretKeys: Set<String> = Set(Provider.allCases.flatMap(\.secretFields))
        .union(["password", "api_key", "apiKey"])

    /// A copy with the API key header and every password field of the body masked.
    public func redacted() -> PreparedRequest {
        var copy = self
        copy.headers = headers.map { header in
            Self.secretHeaders.contains(header.name.lowercased()) ? (header.name, Self.mask) : header
        }
        if let body, let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]) {
            let masked = Self.mask(object)
            copy.body = try? JSONSerialization.data(
                withJSONObject: masked, options: [.sortedKeys, .withoutEscapingSlashes, .fragmentsAllowed])
        }
        return copy
    }

    private static func mask(_ value: Any) -> Any {
        if let object = value as? [String: Any] {
            var result: [String: Any] = [:]
            for (key, inner) in object {
                result[key] = secretKeys.contains(key) && !(inner is NSNull) ? mask : Self.mask(inner)
            }
            return result
        }
        if let array = value as? [Any] { return array.map(Self.mask) }
        return value
    }

    /// The request as text: the request line, headers and pretty JSON body (secrets masked).
    public var redactedDescription: String {
        let safe = redacted()
        var lines = ["\(safe.method.rawValue) \(safe.url)"]
        lines += safe.headers.map { "\($0.name): \($0.value)" }
        if let body = safe.body, !body.isEmpty {
            if let object = try? JSONSerialization.jsonObject(with: body, options: [.fragmentsAllowed]),
                let pretty = try? JSONSerialization.data(
                    withJSONObject: object,
                    options: [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes, .fragmentsAllowed])
            {
                lines.append("")
                lines.append(String(decoding: pretty, as: UTF8.self))
            } else {
                lines.append("")
                lines.append(String(decoding: body, as: UTF8.self))
            }
        }
        return lines.joined(separator: "\n")
    }
}
