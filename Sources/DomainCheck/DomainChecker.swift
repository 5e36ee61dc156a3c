/// Runs `domain check`'s checks on domains, through any ``DNSLookup``.
///
/// A domain mail is sent from gets MX, SPF, DMARC and DKIM; a tracking domain gets the
/// tracking check; a domain that is both gets all five.
///
/// ```swift
/// let checker = DomainChecker(dns: DNSResolver(server: DNSServer("127.0.0.1:5353")))
/// let report = await checker.check(DomainTarget("example.com"))
/// report.verdict  // .ok, .warn or .fail
/// ```
public struct DomainChecker: Sendable {
    /// The selectors tried when none is named, the usual ones of the big providers and panels.
    public static let commonDKIMSelectors = [
        "google", "selector1", "selector2", "default", "k1", "s1", "s2", "mail", "dkim",
    ]

    let dns: any DNSLookup
    /// The DKIM selectors to try; empty: ``commonDKIMSelectors``.
    public var dkimSelectors: [String]

    public init(dns: any DNSLookup, dkimSelectors: [String] = []) {
        self.dns = dns
        self.dkimSelectors = dkimSelectors
    }

    /// Every check the target's uses call for.
    public func check(_ target: DomainTarget) async -> DomainReport {
        var checks: [CheckResult] = []
        let domain = target.domain
        if target.sends {
            async let mx = MXCheck(dns: dns).run(domain)
            async let spf = SPFCheck(dns: dns).run(domain, sendingHosts: target.sendingHosts)
            async let dmarc = DMARCCheck(dns: dns).run(domain)
            let selectors = dkimSelectors.isEmpty ? Self.commonDKIMSelectors : dkimSelectors
            async let dkim = DKIMCheck(dns: dns, selectors: selectors, named: !dkimSelectors.isEmpty).run(domain)
            checks += await [mx, spf, dmarc, dkim]
        }
        if !target.trackingUses.isEmpty || !target.sends {
            checks.append(await TrackingCheck(dns: dns).run(domain, uses: target.trackingUses))
        }
        return DomainReport(domain: domain, checks: checks)
    }

    /// Reports for the targets, in their order, the domains checked at once (each query waits on
    /// a thread of NIO's blocking pool, which bounds how many run together).
    public func check(_ targets: [DomainTarget]) async -> [DomainReport] {
        await withTaskGroup(of: (Int, DomainReport).self) { group in
            for (index, target) in targets.enumerated() {
                group.addTask { (index, await check(target)) }
            }
            var reports = [DomainReport?](repeating: nil, count: targets.count)
            for await (index, report) in group { reports[index] = report }
            return reports.compactMap { $0 }
        }
    }
}
