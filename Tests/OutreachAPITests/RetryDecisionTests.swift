import Testing

@testable import OutreachAPI

/// The retry decision as a table: every row of ``RetryPolicy/decide(_:idempotent:attempt:random:)``'s
/// documentation, with no transport and no clock.
@Suite struct RetryDecisionTests {
    let policy = RetryPolicy(maxAttempts: 3, baseDelay: .milliseconds(100), maxDelay: .seconds(5))

    /// One row: an outcome, the method's idempotence, the attempt number and the expected decision.
    struct Row: Sendable, CustomTestStringConvertible {
        let outcome: AttemptOutcome
        let idempotent: Bool
        let attempt: Int
        let expected: RetryDecision
        var testDescription: String { "\(outcome) idempotent=\(idempotent) attempt=\(attempt)" }
    }

    // random: 1 makes the backoff its ceiling: 100 ms after attempt 1, 200 ms after attempt 2.
    static let rows: [Row] = [
        Row(outcome: .answered(status: 200, retryAfter: nil), idempotent: true, attempt: 1, expected: .deliver),
        Row(outcome: .answered(status: 201, retryAfter: nil), idempotent: false, attempt: 1, expected: .deliver),
        Row(outcome: .answered(status: 400, retryAfter: nil), idempotent: true, attempt: 1, expected: .deliver),
        Row(outcome: .answered(status: 500, retryAfter: nil), idempotent: true, attempt: 1, expected: .deliver),
        Row(
            outcome: .answered(status: 429, retryAfter: nil), idempotent: false, attempt: 1,
            expected: .retry(after: .milliseconds(100), reason: "HTTP 429")),
        Row(
            outcome: .answered(status: 503, retryAfter: nil), idempotent: true, attempt: 2,
            expected: .retry(after: .milliseconds(200), reason: "HTTP 503")),
        Row(
            outcome: .answered(status: 429, retryAfter: 2), idempotent: true, attempt: 1,
            expected: .retry(after: .seconds(2), reason: "HTTP 429")),
        // A Retry-After beyond the cap waits the cap.
        Row(
            outcome: .answered(status: 429, retryAfter: 3600), idempotent: true, attempt: 1,
            expected: .retry(after: .seconds(5), reason: "HTTP 429")),
        // Retries spent: the last answer is delivered as it is.
        Row(outcome: .answered(status: 429, retryAfter: nil), idempotent: true, attempt: 3, expected: .deliver),
        // A v1 rate-limit refusal (400 with E_TOO_MANY_REQUESTS): retried whatever the method.
        Row(
            outcome: .rateLimited(status: 400, retryAfter: nil), idempotent: false, attempt: 1,
            expected: .retry(after: .milliseconds(100), reason: "HTTP 400 E_TOO_MANY_REQUESTS")),
        Row(
            outcome: .rateLimited(status: 409, retryAfter: 2), idempotent: true, attempt: 2,
            expected: .retry(after: .seconds(2), reason: "HTTP 409 E_TOO_MANY_REQUESTS")),
        Row(outcome: .rateLimited(status: 400, retryAfter: nil), idempotent: false, attempt: 3, expected: .deliver),
        Row(
            outcome: .answered(status: 502, retryAfter: nil), idempotent: true, attempt: 1,
            expected: .retry(after: .milliseconds(100), reason: "HTTP 502")),
        Row(
            outcome: .answered(status: 504, retryAfter: nil), idempotent: true, attempt: 1,
            expected: .retry(after: .milliseconds(100), reason: "HTTP 504")),
        // A gateway may have forwarded a POST: never resent.
        Row(outcome: .answered(status: 502, retryAfter: nil), idempotent: false, attempt: 1, expected: .deliver),
        Row(outcome: .answered(status: 504, retryAfter: nil), idempotent: false, attempt: 1, expected: .deliver),
        Row(
            outcome: .transportFailed(.notSent("connection refused")), idempotent: false, attempt: 1,
            expected: .retry(after: .milliseconds(100), reason: "connection refused")),
        Row(
            outcome: .transportFailed(.notSent("connection refused")), idempotent: false, attempt: 3,
            expected: .giveUp(.unreachable, reason: "connection refused")),
        Row(
            outcome: .transportFailed(.outcomeUnknown("connection reset")), idempotent: false, attempt: 1,
            expected: .giveUp(.outcomeUnknown, reason: "connection reset")),
        Row(
            outcome: .transportFailed(.outcomeUnknown("connection reset")), idempotent: true, attempt: 2,
            expected: .retry(after: .milliseconds(200), reason: "connection reset")),
        Row(
            outcome: .transportFailed(.outcomeUnknown("read timeout")), idempotent: true, attempt: 3,
            expected: .giveUp(.unreachable, reason: "read timeout")),
        Row(
            outcome: .transportFailed(.failed("invalid URL")), idempotent: true, attempt: 1,
            expected: .giveUp(.configuration, reason: "invalid URL")),
        Row(
            outcome: .transportFailed(.untrusted("certificate not trusted")), idempotent: true, attempt: 1,
            expected: .giveUp(.tls, reason: "certificate not trusted")),
    ]

    @Test(arguments: rows)
    func decides(_ row: Row) {
        let decision = policy.decide(row.outcome, idempotent: row.idempotent, attempt: row.attempt, random: 1)
        #expect(decision == row.expected)
    }

    @Test func jitterNeverWaitsLessThanATenthOfTheCeiling() {
        let decision = policy.decide(.answered(status: 429, retryAfter: nil), idempotent: true, attempt: 2, random: 0)
        #expect(decision == .retry(after: .milliseconds(20), reason: "HTTP 429"))
    }

    @Test func aSingleAttemptPolicyNeverRetries() {
        let none = RetryPolicy.none
        #expect(none.decide(.answered(status: 429, retryAfter: 1), idempotent: true, attempt: 1) == .deliver)
        #expect(
            none.decide(.transportFailed(.notSent("refused")), idempotent: true, attempt: 1)
                == .giveUp(.unreachable, reason: "refused"))
    }
}
