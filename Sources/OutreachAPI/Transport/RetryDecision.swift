/// What one attempt of a request came to, as the retry decision sees it.
public enum AttemptOutcome: Sendable, Hashable {
    /// The server answered with this status (and perhaps a `Retry-After`, in seconds).
    case answered(status: Int, retryAfter: Double?)
    /// The server answered that the account has too many requests in flight, in a body that
    /// says so whatever the status: a `/rest/v1` body with `E_TOO_MANY_REQUESTS` (which Woodpecker
    /// sends with `400`, `409` on its webhook pages). Nothing was done, so it is retried like 429.
    case rateLimited(status: Int, retryAfter: Double?)
    /// No complete answer came back.
    case transportFailed(TransportFailure)

    /// What an answer came to: ``rateLimited(status:retryAfter:)`` when its body is a v1
    /// rate-limit refusal (any endpoint, any status), else ``answered(status:retryAfter:)``.
    public init(answer: TransportResponse) {
        let retryAfter = RetryPolicy.parseRetryAfter(answer.headers["retry-after"])
        // Only error statuses are looked at: a success body is never a refusal.
        if answer.status >= 400, ErrorBody.V1Status.isTooManyRequests(answer.body) {
            self = .rateLimited(status: answer.status, retryAfter: retryAfter)
        } else {
            self = .answered(status: answer.status, retryAfter: retryAfter)
        }
    }
}

/// What to do after an attempt: hand the answer back, try again after a delay, or give up with
/// an error of a kind. Decided by ``RetryPolicy/decide(_:idempotent:attempt:random:)`` from the
/// outcome, the method's idempotence and the attempt count alone, with no I/O.
public enum RetryDecision: Sendable, Hashable {
    /// The answer is final (success or an error status not worth retrying, or retries spent).
    case deliver
    /// Try again after `delay`; `reason` is what went wrong (`HTTP 429`, `connection refused`).
    case retry(after: Duration, reason: String)
    /// Stop with an error of this kind (`unreachable`, `outcomeUnknown`, `configuration`, `tls`).
    case giveUp(OutreachError.Kind, reason: String)
}

extension RetryPolicy {
    /// The decision after attempt number `attempt` (from 1):
    ///
    /// | outcome | idempotent | attempts left | decision |
    /// |---|---|---|---|
    /// | 429, 503 | any | yes | retry (Retry-After, else backoff) |
    /// | rate limited (v1 `E_TOO_MANY_REQUESTS`, any status) | any | yes | retry (Retry-After, else backoff) |
    /// | 502, 504 | yes | yes | retry |
    /// | any other status, or none left | | | deliver |
    /// | not sent | any | yes / no | retry / give up: unreachable |
    /// | outcome unknown | no | | give up: outcome unknown (never resent) |
    /// | outcome unknown | yes | yes / no | retry / give up: unreachable |
    /// | failed, untrusted | | | give up: configuration, tls |
    public func decide(
        _ outcome: AttemptOutcome, idempotent: Bool, attempt: Int, random: Double = Double.random(in: 0...1)
    ) -> RetryDecision {
        let attemptsLeft = attempt < maxAttempts
        switch outcome {
        case .answered(let status, let retryAfter):
            guard shouldRetry(status: status, idempotent: idempotent), attemptsLeft else { return .deliver }
            let wait = delay(afterAttempt: attempt, retryAfter: retryAfter, random: random)
            return .retry(after: wait, reason: "HTTP \(status)")
        case .rateLimited(let status, let retryAfter):
            guard attemptsLeft else { return .deliver }
            let wait = delay(afterAttempt: attempt, retryAfter: retryAfter, random: random)
            return .retry(after: wait, reason: "HTTP \(status) \(ErrorBody.V1Status.tooManyRequestsCode)")
        case .transportFailed(.notSent(let reason)):
            guard attemptsLeft else { return .giveUp(.unreachable, reason: reason) }
            return .retry(after: delay(afterAttempt: attempt, retryAfter: nil, random: random), reason: reason)
        case .transportFailed(.outcomeUnknown(let reason)):
            guard idempotent else { return .giveUp(.outcomeUnknown, reason: reason) }
            guard attemptsLeft else { return .giveUp(.unreachable, reason: reason) }
            return .retry(after: delay(afterAttempt: attempt, retryAfter: nil, random: random), reason: reason)
        case .transportFailed(.failed(let reason)):
            return .giveUp(.configuration, reason: reason)
        case .transportFailed(.untrusted(let reason)):
            return .giveUp(.tls, reason: reason)
        }
    }
}
