import Foundation

/// When and how long to wait before trying a request again.
///
/// Exponential backoff with full jitter, capped, honouring the server's `Retry-After`.
/// Retried: 429 and 503 (the server did not act, any method), a v1 `E_TOO_MANY_REQUESTS` body
/// whatever its status (Woodpecker answers it with `400`; see ``AttemptOutcome/rateLimited(status:retryAfter:)``),
/// 502 and 504 (idempotent requests only), and requests that certainly never reached the server.
public struct RetryPolicy: Sendable, Hashable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// The first backoff delay.
    public var baseDelay: Duration
    /// The longest backoff delay (and the longest `Retry-After` honoured).
    public var maxDelay: Duration

    public init(maxAttempts: Int = 6, baseDelay: Duration = .milliseconds(200), maxDelay: Duration = .seconds(30)) {
        self.maxAttempts = max(1, maxAttempts)
        self.baseDelay = baseDelay
        self.maxDelay = maxDelay
    }

    /// No retries at all.
    public static let none = RetryPolicy(maxAttempts: 1)

    /// Statuses that mean the server did not act on the request, whatever its method.
    public static let notActedStatuses: Set<Int> = [429, 503]
    /// Statuses retried for idempotent requests only (a gateway may have forwarded the request).
    public static let gatewayStatuses: Set<Int> = [502, 504]

    /// Whether a response status may be retried for a request of the given idempotence.
    public func shouldRetry(status: Int, idempotent: Bool) -> Bool {
        Self.notActedStatuses.contains(status) || (idempotent && Self.gatewayStatuses.contains(status))
    }

    /// The delay before attempt `attempt + 1` (attempt counts from 1), given an optional `Retry-After`.
    public func delay(afterAttempt attempt: Int, retryAfter: Double?, random: Double = Double.random(in: 0...1))
        -> Duration
    {
        if let retryAfter, retryAfter >= 0 {
            return min(.milliseconds(Int64(retryAfter * 1000)), maxDelay)
        }
        let exponent = min(attempt - 1, 16)
        let ceiling = min(baseDelay * (1 << exponent), maxDelay)
        // Full jitter, but never less than a tenth of the ceiling, so retries don't stampede.
        let factor = 0.1 + 0.9 * random
        return ceiling * factor
    }

    /// Parses a `Retry-After` header: delay-seconds, or an HTTP date.
    public static func parseRetryAfter(_ value: String?, now: Double = 0) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Double(value) { return max(0, seconds) }
        return HTTPDate.secondsSince1970(value).map { max(0, $0 - now) }
    }
}
