/// The tracking-domain check: the domain has an address, directly or through a CNAME (a CNAME
/// to a name without one leaves links dead), and where it points.
struct TrackingCheck: Sendable {
    let dns: any DNSLookup

    func run(_ domain: String, uses: [String]) async -> CheckResult {
        var result = CheckResult(.tracking)
        let usage = uses.isEmpty ? "" : " (\(uses.joined(separator: ", ")))"
        var targets: [String] = []
        var addresses: [String] = []
        do {
            // An A (then AAAA) query answers an alias with its CNAME chain, then the target's addresses.
            for type in [DNSRecordType.a, .aaaa] where addresses.isEmpty {
                let answer = try await dns.lookup(domain, type)
                if targets.isEmpty { targets = answer.aliasTargets }
                addresses = answer.addresses
            }
        } catch {
            result.fail("\(error)")
            return result
        }
        switch (targets.first, addresses.isEmpty) {
        case (let target?, let noAddress):
            result.found = "CNAME → \(target)\(usage)"
            guard noAddress else { break }
            result.fail(
                "\(domain) is a CNAME to \(targets.last ?? target), which has no address: tracked links fail; "
                    + "check the tracking host your sending tool gives")
        case (nil, false):
            result.found = "A → \(addresses.joined(separator: ", "))\(usage)"
        case (nil, true):
            result.found = "no CNAME or address\(usage)"
            result.fail("\(domain) has no CNAME or address: point it (CNAME) at your sending tool's tracking host")
        }
        return result
    }
}
