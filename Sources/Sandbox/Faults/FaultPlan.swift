/// Which requests the sandbox answers with an injected fault, for testing clients.
///
/// Parsed from a comma-separated list (`wps sandbox --faults`):
/// ```
/// 429:0.1            answer 10% of requests with 429 and Retry-After: 1
/// 429@2:0.1          the same with Retry-After: 2
/// 503:0.05           answer 5% with 503 (not processed)
/// 500:0.01           answer 1% with 500 (not processed)
/// drop:0.01          close 1% of connections without processing the request
/// drop-after:0.01    process 1% of requests, then close the connection unanswered
/// stall:0.01         hold 1% of requests for 120 s without answering (client timeouts fire)
/// stall@5:0.01       the same, holding them for 5 s (then they are processed and answered)
/// malformed:0.01     answer 1% with 200 and a body that is not valid JSON (not processed)
/// first:5:429        the first 5 requests get 429 (any fault kind)
/// seed=42            the random seed, so a run is reproducible (default 1)
/// method=POST        only requests with this method are eligible
/// path=/rest/v2/mailboxes/manual_connection/bulk   only paths with this prefix are eligible
/// deliveries         the plan is for the sandbox's webhook deliveries, not the requests it serves:
///                    429, 503, 500, drop and malformed send nothing and count as the receiver's
///                    failure; drop-after sends, then ignores the answer (a retry repeats it);
///                    stall@N waits N s, then sends
/// ```
/// Rates are independent slices of one draw per eligible request, so their sum must be ≤ 1.
public struct FaultPlan: Sendable, Hashable {
    /// One kind of injected fault.
    public enum Fault: Sendable, Hashable {
        case tooManyRequests(retryAfter: Int)
        case unavailable
        case serverError
        case drop
        case dropAfterProcessing
        /// Hold the request this long without answering, then process it.
        case stall(seconds: Int)
        /// Answer 200 with a body that is not JSON, without processing the request.
        case malformed
    }

    /// Faults for the first `count` eligible requests.
    public var first: [(count: Int, fault: Fault)] = []
    /// Faults drawn at random, each with its probability.
    public var rates: [(rate: Double, fault: Fault)] = []
    public var seed: UInt64 = 1
    public var method: String?
    public var pathPrefix: String?
    /// Whether the plan is for the webhook deliveries the sandbox makes (the receiver's side),
    /// not the requests it serves.
    public var deliveries = false

    /// No faults.
    public init() {}

    /// Whether the plan injects nothing.
    public var isEmpty: Bool { first.isEmpty && rates.isEmpty }

    public static func == (lhs: FaultPlan, rhs: FaultPlan) -> Bool {
        lhs.first.map(\.count) == rhs.first.map(\.count) && lhs.first.map(\.fault) == rhs.first.map(\.fault)
            && lhs.rates.map(\.rate) == rhs.rates.map(\.rate) && lhs.rates.map(\.fault) == rhs.rates.map(\.fault)
            && lhs.seed == rhs.seed && lhs.method == rhs.method && lhs.pathPrefix == rhs.pathPrefix
            && lhs.deliveries == rhs.deliveries
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(seed)
        hasher.combine(rates.count)
        hasher.combine(first.count)
    }
}

/// A fault plan that could not be parsed: says which part and why.
public struct FaultPlanError: Error, CustomStringConvertible, Sendable {
    public let description: String
}

extension FaultPlan {
    /// Parses a plan such as `429:0.1,503:0.05,drop:0.01,seed=7`.
    public init(parsing text: String) throws(FaultPlanError) {
        self.init()
        var total = 0.0
        for rawPart in text.split(separator: ",") {
            let part = rawPart.trimmingCharacters(in: .whitespaces)
            if part.isEmpty { continue }
            if let value = part.value(after: "seed=") {
                guard let seed = UInt64(value) else {
                    throw FaultPlanError(description: "'\(part)': the seed must be a whole number")
                }
                self.seed = seed
                continue
            }
            if part == "deliveries" {
                deliveries = true
                continue
            }
            if let value = part.value(after: "method=") {
                method = value.uppercased()
                continue
            }
            if let value = part.value(after: "path=") {
                guard value.hasPrefix("/") else {
                    throw FaultPlanError(description: "'\(part)': the path must start with /")
                }
                pathPrefix = value
                continue
            }
            let fields = part.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            if fields.first == "first" {
                guard fields.count == 3, let count = Int(fields[1]), count >= 0 else {
                    throw FaultPlanError(description: "'\(part)': write first:COUNT:FAULT, e.g. first:5:429")
                }
                first.append((count, try Self.fault(fields[2], in: part)))
                continue
            }
            guard fields.count == 2, let rate = Double(fields[1]), (0...1).contains(rate) else {
                throw FaultPlanError(description: "'\(part)': write FAULT:RATE with a rate in 0…1, e.g. 429:0.1")
            }
            total += rate
            rates.append((rate, try Self.fault(fields[0], in: part)))
        }
        guard total <= 1.0 + 1e-9 else {
            throw FaultPlanError(description: "the rates add up to \(total); they must add up to at most 1")
        }
    }

    static func fault(_ text: String, in part: String) throws(FaultPlanError) -> Fault {
        switch text {
        case "429": return .tooManyRequests(retryAfter: 1)
        case "503": return .unavailable
        case "500": return .serverError
        case "drop": return .drop
        case "drop-after": return .dropAfterProcessing
        case "stall": return .stall(seconds: 120)
        case "malformed": return .malformed
        default:
            if text.hasPrefix("429@"), let seconds = Int(text.dropFirst(4)), seconds >= 0 {
                return .tooManyRequests(retryAfter: seconds)
            }
            if text.hasPrefix("stall@"), let seconds = Int(text.dropFirst(6)), seconds >= 0 {
                return .stall(seconds: seconds)
            }
            throw FaultPlanError(
                description:
                    "'\(part)': unknown fault '\(text)'; use 429, 429@SECONDS, 503, 500, drop, drop-after, stall, stall@SECONDS or malformed"
            )
        }
    }
}

extension String {
    fileprivate func value(after prefix: String) -> String? {
        hasPrefix(prefix) ? String(dropFirst(prefix.count)) : nil
    }
}
