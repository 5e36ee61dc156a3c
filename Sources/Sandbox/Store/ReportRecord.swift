import OutreachAPI

/// A report an account asked for: what, over which days, when it is ready, and once it has
/// been fetched ready, its rows (computed once and kept, docs/contract gap 27). Stored with the account.
struct ReportRecord: Codable, Sendable, Hashable {
    /// 64 lowercase hex characters, unique per request.
    var hash: String
    var kind: ReportKind
    var period: ReportPeriod
    var requestedAt: Double
    /// `requestedAt` plus the processing delay: `IN_PROGRESS` before, `READY` from then on.
    var readyAt: Double
    /// The rows' values in ``ReportKind/columns`` order; nil until first fetched when ready.
    var rows: [[JSONValue]]?

    /// `General_statistics_per_campaign_2022-09-15-2022-10-14`.
    var description: String { "\(kind.descriptionName)_\(period.from)-\(period.to)" }

    /// The rows as JSON objects with the report's keys in order.
    var data: [JSONValue] {
        let columns = kind.columns
        return (rows ?? []).map { values in .object(Array(zip(columns, values))) }
    }

    /// The hash of the `sequence`-th report of the account `tenantID` (deterministic, distinct
    /// for each account and sequence number): four SplitMix64 lanes over an FNV-1a seed.
    static func hash(tenantID: String, sequence: Int, kind: ReportKind, period: ReportPeriod) -> String {
        var seed: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in "\(tenantID)|\(sequence)|\(kind.rawValue)|\(period.from)|\(period.to)".utf8 {
            seed ^= UInt64(byte)
            seed &*= 0x0000_0100_0000_01b3
        }
        return (0..<4).map { lane -> String in
            var z = seed &+ UInt64(lane + 1) &* 0x9e37_79b9_7f4a_7c15
            z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
            z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
            z ^= z >> 31
            let text = String(z, radix: 16)
            return String(repeating: "0", count: 16 - text.count) + text
        }.joined()
    }
}
