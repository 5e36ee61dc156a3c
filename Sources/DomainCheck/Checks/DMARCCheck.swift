/// The DMARC check: a `v=DMARC1` record at `_dmarc.DOMAIN`, its `p=` policy, and whether
/// `rua=` asks for aggregate reports.
struct DMARCCheck: Sendable {
    let dns: any DNSLookup
    static let policies = ["none", "quarantine", "reject"]

    func run(_ domain: String) async -> CheckResult {
        var result = CheckResult(.dmarc)
        let name = "_dmarc.\(domain)"
        let records: [String]
        do {
            records = try await dns.lookup(name, .txt).records.compactMap(\.txt)
                .filter { $0.lowercased().hasPrefix("v=dmarc1") }
        } catch {
            result.fail("\(error)")
            return result
        }
        guard let text = records.first else {
            result.found = "no record at \(name)"
            result.warn(
                "no DMARC record: publish a TXT record at \(name) such as `v=DMARC1; p=none; rua=mailto:dmarc@\(domain)` "
                    + "(Gmail and Yahoo ask bulk senders for one)")
            return result
        }
        guard records.count == 1 else {
            result.found = records.joined(separator: " | ")
            result.fail("\(records.count) DMARC records at \(name): receivers ignore them all; keep one")
            return result
        }
        let tags = TagList(text)
        let policy = tags["p"]?.lowercased()
        let rua = tags["rua"].flatMap { $0.isEmpty ? nil : $0 }
        result.found = "p=\(policy ?? "(none given)")" + (rua.map { ", rua=\($0)" } ?? ", no rua")
        switch policy {
        case nil:
            result.fail("no p= policy: receivers ignore the record; add `p=none` (or quarantine, reject)")
        case let policy? where !Self.policies.contains(policy):
            result.fail("p=\(policy) is not a policy: use none, quarantine or reject")
        default:
            break
        }
        if rua == nil {
            result.warn("no rua= tag: no aggregate reports reach you; add `rua=mailto:dmarc@\(domain)`")
        }
        return result
    }
}
