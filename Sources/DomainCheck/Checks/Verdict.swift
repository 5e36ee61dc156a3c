/// How a check came out: `ok`, `warn` (mail goes out, but something should change) or `fail`
/// (receivers will reject or junk mail from the domain, or the record is broken).
public enum Verdict: String, Sendable, Comparable, CaseIterable {
    case ok, warn, fail

    public static func < (left: Verdict, right: Verdict) -> Bool { left.rank < right.rank }

    private var rank: Int {
        switch self {
        case .ok: 0
        case .warn: 1
        case .fail: 2
        }
    }
}
