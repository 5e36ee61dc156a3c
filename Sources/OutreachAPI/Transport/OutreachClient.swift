import Foundation

/// Sends typed ``Endpoint`` requests to Woodpecker and Saleshandy and decodes their answers.
///
/// Before sending, the endpoint's documented rules run; a request that breaks any is never sent.
/// Each account keeps at most ``APIFamily/maxInFlightPerAccount`` requests in flight per API
/// family (Woodpecker's v2, its legacy v1, Saleshandy), the family following from the endpoint. Failures
/// are retried with exponential backoff and jitter, honouring `Retry-After`, when that is safe:
/// 429, 503 and a v1 `E_TOO_MANY_REQUESTS` body (whatever its status) always, 502 and 504 and
/// dropped connections only for idempotent requests, and a request that never reached the
/// server always. Every failure is an ``OutreachError``.
///
/// ```swift
/// let client = OutreachClient(configuration: .init(apiKeys: [.woodpecker: key]), transport: AsyncHTTPTransport())
/// let campaign = try await client.send(Woodpecker.GetCampaign(id: 777))
/// ```
public struct OutreachClient: Sendable {
    /// Where each provider is and which key to send.
    public struct Configuration: Sendable {
        /// Base URLs by provider; a missing one uses ``Provider/defaultBaseURL``.
        public var baseURLs: [Provider: String]
        /// API keys by provider.
        public var apiKeys: [Provider: String]
        /// What to tell the user when a provider has no key (`profile 'staging' reads its key
        /// from STAGING_KEY, which is not set`); the default names `WOODPECKER_API_KEY`.
        public var missingKeyHints: [Provider: String] = [:]
        /// Providers this configuration does not serve, each with why (a profile binds one
        /// provider): a request to one is refused before anything is sent, whatever keys exist.
        public var refusedProviders: [Provider: String] = [:]
        /// The longest a single attempt may take.
        public var requestTimeout: Duration
        public var retry: RetryPolicy
        public var userAgent: String

        public init(
            baseURLs: [Provider: String] = [:], apiKeys: [Provider: String] = [:],
            requestTimeout: Duration = .seconds(60),
            retry: RetryPolicy = RetryPolicy(), userAgent: String = "wps/\(OutreachAPIVersion.string)"
        ) {
            self.baseURLs = baseURLs
            self.apiKeys = apiKeys
            self.requestTimeout = requestTimeout
            self.retry = retry
            self.userAgent = userAgent
        }

        /// The base URL requests to `provider` are resolved against, without a trailing slash.
        public func baseURL(for provider: Provider) -> String {
            var base = baseURLs[provider] ?? provider.defaultBaseURL
            while base.hasSuffix("/") { base.removeLast() }
            return base
        }
    }

    /// Something worth telling the user while a request is under way.
    public enum Event: Sendable {
        /// Attempt `attempt` failed for `reason`; the next starts after `delay`.
        case retrying(endpoint: String, attempt: Int, reason: String, delay: Duration)
    }

    public let configuration: Configuration
    let transport: any HTTPTransport
    let throttle: AccountThrottle
    let sleep: @Sendable (Duration) async throws -> Void
    let onEvent: (@Sendable (Event) -> Void)?

    /// Creates a client. `sleep` is injectable so tests of backoff need not wait.
    public init(
        configuration: Configuration, transport: any HTTPTransport, throttle: AccountThrottle = AccountThrottle(),
        sleep: @escaping @Sendable (Duration) async throws -> Void = { try await Task.sleep(for: $0) },
        onEvent: (@Sendable (Event) -> Void)? = nil
    ) {
        self.configuration = configuration
        self.transport = transport
        self.throttle = throttle
        self.sleep = sleep
        self.onEvent = onEvent
    }

    /// Builds the HTTP request for an endpoint without sending it (what `--dry-run` shows).
    public func prepare<E: Endpoint>(_ endpoint: E) throws(OutreachError) -> PreparedRequest {
        let provider = E.provider
        if let refusal = configuration.refusedProviders[provider] {
            throw OutreachError(kind: .configuration, endpoint: endpoint.endpointDescription, detail: refusal)
        }
        guard let key = configuration.apiKeys[provider], !key.isEmpty else {
            throw OutreachError(
                kind: .configuration, endpoint: endpoint.endpointDescription,
                detail: configuration.missingKeyHints[provider]
                    ?? "no API key for \(provider.rawValue): set \(provider.apiKeyVariable) or a profile"
            )
        }
        var headers: [(name: String, value: String)] = [
            ("accept", "application/json"), ("user-agent", configuration.userAgent), ("x-api-key", key),
        ]
        var data: Data?
        if let body = endpoint.body {
            do {
                data = try JSONCoding.encode(body)
            } catch {
                throw OutreachError(
                    kind: .configuration, endpoint: endpoint.endpointDescription,
                    detail: "cannot encode the body: \(error)")
            }
            headers.append(("content-type", "application/json"))
        }
        let base = configuration.baseURL(for: provider)
        return PreparedRequest(
            method: endpoint.method, url: Self.resolve(endpoint.path, against: base),
            headers: headers, body: data, endpoint: endpoint.endpointDescription,
            route: PreparedRequest.Route(provider: provider, base: base, path: endpoint.path), family: endpoint.family)
    }

    /// Validates, sends (with retries) and decodes one request.
    ///
    /// - Parameter validate: `false` skips the documented rules (for tests that provoke the
    ///   server's own 400 answers).
    public func send<E: Endpoint>(_ endpoint: E, validate: Bool = true) async throws -> E.Success {
        // A body's rules and encoding (a 20,000-prospect request: tens of milliseconds) run off
        // the executor that also drives the connections, so a request already prepared is
        // written while the next is encoded.
        let prepared: @Sendable () throws -> PreparedRequest = {
            if validate {
                let problems = endpoint.validate()
                if !problems.isEmpty { throw OutreachError.validation(endpoint.endpointDescription, problems) }
            }
            return try prepare(endpoint)
        }
        let request = endpoint.body == nil ? try prepared() : try await Self.offExecutor(prepared)
        let response = try await execute(request, idempotent: endpoint.isIdempotent)
        guard E.successStatuses.contains(response.status) else {
            throw OutreachError(
                kind: .api, endpoint: request.endpoint,
                apiError: APIError.decode(
                    status: response.status, body: Data(response.body), endpoint: request.endpoint,
                    retryAfter: RetryPolicy.parseRetryAfter(response.headers["retry-after"])))
        }
        do {
            if let success = try E.success(from: response) { return success }
        } catch {
            throw OutreachError(
                kind: .malformedResponse, endpoint: request.endpoint,
                detail: "the server's answer is not the documented one: \(Self.describe(error))")
        }
        let decode: @Sendable () throws -> E.Success = {
            try Self.decodeSuccess(
                E.Success.self, from: response.body, status: response.status, endpoint: request.endpoint)
        }
        return response.body.count < Self.largeAnswer ? try decode() : try await Self.offExecutor(decode)
    }

    /// Answers at least this long (bytes) are decoded off the executor.
    static var largeAnswer: Int { 1 << 16 }

    /// Runs CPU-bound work on a Dispatch thread and waits for it without holding an executor thread.
    static func offExecutor<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global(qos: .userInitiated).async { continuation.resume(with: Result { try work() }) }
        }
    }

    /// Sends a prepared request with the retry policy and the per-account throttle of its API
    /// family (``PreparedRequest/family``), returning the final response whatever its status.
    public func execute(_ request: PreparedRequest, idempotent: Bool) async throws -> TransportResponse {
        // One gate per family and key: v1 and v2 are limited apart, as their pages describe them.
        let account = request.family.rawValue + ":" + (request.headers.first { $0.name == "x-api-key" }?.value ?? "")
        var attempt = 0
        while true {
            attempt += 1
            try await throttle.acquire(account, limit: request.family.maxInFlightPerAccount)
            let outcome: Result<TransportResponse, any Error>
            do {
                outcome = .success(try await transport.send(request, timeout: configuration.requestTimeout))
            } catch {
                outcome = .failure(error)
            }
            await throttle.release(account)

            let attemptOutcome: AttemptOutcome
            switch outcome {
            case .success(let response):
                attemptOutcome = AttemptOutcome(answer: response)
            case .failure(let error as TransportFailure):
                attemptOutcome = .transportFailed(error)
            case .failure(let error):
                throw error
            }
            switch configuration.retry.decide(attemptOutcome, idempotent: idempotent, attempt: attempt) {
            case .deliver:
                // Only an answer is delivered: a transport failure always retries or gives up.
                guard case .success(let response) = outcome else { continue }
                return response
            case .giveUp(let kind, let reason):
                throw OutreachError(kind: kind, endpoint: request.endpoint, detail: reason, attempts: attempt)
            case .retry(let delay, let reason):
                onEvent?(.retrying(endpoint: request.endpoint, attempt: attempt, reason: reason, delay: delay))
                try await sleep(delay)
            }
        }
    }

    static func decodeSuccess<T: Decodable>(_ type: T.Type, from body: [UInt8], status: Int = 200, endpoint: String)
        throws -> T
    {
        if let empty = NoContent() as? T { return empty }
        do {
            return try JSONCoding.decode(T.self, from: Data(body))
        } catch {
            let snippet = String(decoding: body.prefix(120), as: UTF8.self)
            if case DecodingError.dataCorrupted(let context) = error, context.codingPath.isEmpty {
                throw OutreachError(
                    kind: .malformedResponse, endpoint: endpoint,
                    detail: "answered \(status) with a body that is not valid JSON: \(snippet.debugDescription)")
            }
            throw OutreachError(
                kind: .malformedResponse, endpoint: endpoint,
                detail:
                    "the server's answer is not the documented JSON: \(Self.describe(error)) in \(snippet.debugDescription)"
            )
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let error = error as? DecodingError else { return "\(error)" }
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
                .trimmingCharacters(in: CharacterSet(charactersIn: "."))
        }
        switch error {
        case .keyNotFound(let key, let context): return "missing field \(path(context)).\(key.stringValue)"
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            return "\(path(context)): \(context.debugDescription)"
        case .dataCorrupted(let context): return "\(path(context)) \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    /// Joins a base URL and a relative path; each leading `../` drops the base's last segment.
    public static func resolve(_ path: String, against base: String) -> String {
        var base = base
        var path = Substring(path)
        while path.hasPrefix("../") {
            path = path.dropFirst(3)
            if let slash = base.lastIndex(of: "/"), !base[..<slash].hasSuffix("/") { base = String(base[..<slash]) }
        }
        return base + "/" + path
    }
}
