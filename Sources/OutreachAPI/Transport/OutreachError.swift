/// Why a call through ``OutreachClient`` failed.
///
/// An opaque struct over a private enum, so new kinds can be added: check ``kind`` and read
/// the matching property. Its description always says what failed, where, and what to do.
public struct OutreachError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The broad kinds of failure.
    public enum Kind: Sendable, Hashable {
        /// The request broke documented rules; nothing was sent. See ``problems``.
        case validation
        /// The API answered with an error status. See ``apiError``.
        case api
        /// The connection dropped after the request may have reached the server: it may or may
        /// not have acted. A non-idempotent request is never resent automatically.
        case outcomeUnknown
        /// The server could not be reached at all, even after retries.
        case unreachable
        /// The server answered with a success status but a body that is not the documented JSON.
        case malformedResponse
        /// The client is misconfigured (e.g. no API key for the provider).
        case configuration
        /// The TLS handshake failed (e.g. the server's certificate is not trusted); nothing was
        /// sent and it was not retried.
        case tls
    }

    public let kind: Kind
    /// The endpoint, as `METHOD path`.
    public let endpoint: String
    /// The broken rules (``Kind/validation``).
    public let problems: [ValidationProblem]
    /// The API's answer (``Kind/api``).
    public let apiError: APIError?
    /// More detail: the transport's or decoder's own words.
    public let detail: String
    /// How many attempts were made.
    public let attempts: Int

    init(
        kind: Kind, endpoint: String, problems: [ValidationProblem] = [], apiError: APIError? = nil,
        detail: String = "",
        attempts: Int = 0
    ) {
        self.kind = kind
        self.endpoint = endpoint
        self.problems = problems
        self.apiError = apiError
        self.detail = detail
        self.attempts = attempts
    }

    static func validation(_ endpoint: String, _ problems: [ValidationProblem]) -> OutreachError {
        OutreachError(kind: .validation, endpoint: endpoint, problems: problems)
    }

    public var description: String {
        switch kind {
        case .validation:
            let list = problems.map { "  " + $0.description }.joined(separator: "\n")
            return
                "\(endpoint): the request breaks \(problems.count) documented rule\(problems.count == 1 ? "" : "s"); nothing was sent\n\(list)"
        case .api:
            return apiError?.description ?? "\(endpoint): API error"
        case .outcomeUnknown:
            return
                "\(endpoint): \(detail); the server may or may not have acted on the request, so it was not resent — check its state before trying again"
        case .unreachable:
            return
                "\(endpoint): \(detail) (after \(attempts) attempt\(attempts == 1 ? "" : "s")); check the base URL and your network"
        case .malformedResponse:
            return "\(endpoint): \(detail)"
        case .configuration:
            return "\(endpoint): \(detail)"
        case .tls:
            return "TLS: \(detail)"
        }
    }
}
