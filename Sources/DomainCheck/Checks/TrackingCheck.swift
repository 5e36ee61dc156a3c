/// The tracking-domain check: the domain is a CNAME (or has an address), and where it points.
struct TrackingCheck: Sendable {
    let dns: any DNSLookup

    func run(_ domain: String, uses: [String]) async -> CheckResult {
        var result = CheckResult(.tracking)
        let usage = uses.isEmpty ? "" : " (\(uses.joined(separator: ", ")))"
        do {
            let alias = try await dns.lookup(domain, .cname).records.compactMap { record -> String? in
                if case .cname(let target) = record.data { return target }
                return nil
            }
            if let target = alias.first {
                result.found = "CNAME → \(target)\(usage)"
                return result
            }
            let addresses = try await dns.lookup(domain, .a).records.compactMap { record -> String? in
                if case .address(let address) = record.data { return address }
                return nil
            }
            if !addresses.isEmpty {
                result.found = "A → \(addresses.joined(separator: ", "))\(usage)"
                return result
            }
        } catch {
            result.fail("\(error)")
            return result
        }
        result.found = "no CNAME or address\(usage)"
        result.fail("\(domain) has no CNAME or address: point it (CNAME) at your sending tool's tracking host")
        return result
    }
}
