import Foundation

/// Which hosts are this machine: `localhost`, `127.0.0.0/8` and `::1` (bracketed or not). The
/// sandbox warns when it listens elsewhere and delivers webhooks only there.
public enum LoopbackHost {
    /// Whether `host` is a loopback name or address.
    public static func matches(_ host: String) -> Bool {
        let bare = host.hasPrefix("[") && host.hasSuffix("]") ? String(host.dropFirst().dropLast()) : host
        let lowered = bare.lowercased()
        return lowered == "localhost" || lowered == "::1" || lowered.hasPrefix("127.")
    }

    /// Whether `url`'s host is a loopback one (false for a URL without a host).
    public static func matches(url: String) -> Bool {
        guard let host = URLComponents(string: url)?.host else { return false }
        return matches(host)
    }
}
