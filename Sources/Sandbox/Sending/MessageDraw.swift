/// The seeded random draws of one message: FNV-1a of `"campaignID:prospectID:step"`, then one
/// SplitMix64 value per lane (version, bounce, open, …), so each outcome is independent of the
/// others and the same on every run.
struct MessageDraw: Sendable, Hashable {
    /// What each lane decides.
    enum Lane: UInt64 {
        case version, bounce, open, click, reply, interest, optOut
    }

    let seed: UInt64

    init(campaignID: Int, prospectID: Int, step: Int) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        Self.feed(&hash, campaignID)
        Self.feedByte(&hash, UInt8(ascii: ":"))
        Self.feed(&hash, prospectID)
        Self.feedByte(&hash, UInt8(ascii: ":"))
        Self.feed(&hash, step)
        seed = hash
    }

    /// The lane's 64-bit value.
    func value(_ lane: Lane) -> UInt64 { Self.mix(seed, lane.rawValue) }

    /// The `index`-th SplitMix64 value after `seed`.
    static func mix(_ seed: UInt64, _ index: UInt64) -> UInt64 {
        var z = seed &+ (index &+ 1) &* 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// FNV-1a of a text's UTF-8 bytes.
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { feedByte(&hash, byte) }
        return hash
    }

    /// The lane's value in basis points, `0..<10_000`.
    func basisPoints(_ lane: Lane) -> Int { Int(value(lane) % 10_000) }

    /// FNV-1a over the decimal digits of `number` (no string is made).
    private static func feed(_ hash: inout UInt64, _ number: Int) {
        if number < 0 { feedByte(&hash, UInt8(ascii: "-")) }
        let magnitude = number.magnitude
        var divisor: UInt = 1
        while divisor <= magnitude / 10 { divisor *= 10 }
        while divisor > 0 {
            feedByte(&hash, UInt8(48 + (magnitude / divisor) % 10))
            divisor /= 10
        }
    }

    private static func feedByte(_ hash: inout UInt64, _ byte: UInt8) {
        hash ^= UInt64(byte)
        hash &*= 0x0000_0100_0000_01b3
    }
}
