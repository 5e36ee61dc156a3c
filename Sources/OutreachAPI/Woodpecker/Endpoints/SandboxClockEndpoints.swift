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
}
