extension Woodpecker {
    /// `POST sandbox/clock/advance?by=3h` — the sandbox's own route (not Woodpecker's): moves its
    /// clock forward, so what sending, replies and webhooks would do in that time happens now.
    public struct AdvanceSandboxClock: WoodpeckerMailboxEndpoint {
        public var by: String
        public init(by: String) { self.by = by }
        public var method: HTTPMethod { .post }
        public var path: String { "sandbox/clock/advance?by=\(by)" }
        public var isIdempotent: Bool { false }
        public typealias Body = NoContent
        public typealias Success = SandboxClockTime
        public var body: NoContent? { nil }
    }
}

/// The sandbox clock's time: as the v1 records write it, and in seconds since 1970.
public struct SandboxClockTime: Codable, Sendable, Hashable {
    public var now: String
    public var seconds: Double

    /// The longest `sandbox advance` moves the clock at once.
    public static let maxAdvance = 365 * 86_400

    /// `90s`, `30m`, `3h`, `2d` (or `0`) in seconds, at most `limit`; nil for anything else. The
    /// one reader of the sandbox's durations: `sandbox advance`, its route, `wps sandbox --clock-offset`.
    public static func seconds(_ text: String, upTo limit: Int) -> Int? {
        if text == "0" { return 0 }
        let units: [Character: Int] = ["s": 1, "m": 60, "h": 3_600, "d": 86_400]
        guard let last = text.last, let unit = units[last], let value = Int(text.dropLast()), value >= 0,
            value <= limit / unit
        else { return nil }
        return value * unit
    }
}

extension Woodpecker {
    /// `GET sandbox/clock` — the sandbox's own route (not Woodpecker's): its clock, which
    /// `sandbox advance` may have moved ahead of the caller's; the real API answers 404.
    public struct GetSandboxClock: WoodpeckerMailboxEndpoint {
        public init() {}
        public var method: HTTPMethod { .get }
        public var path: String { "sandbox/clock" }
        public typealias Body = NoContent
        public typealias Success = SandboxClockTime
        public var body: NoContent? { nil }
    }
}
