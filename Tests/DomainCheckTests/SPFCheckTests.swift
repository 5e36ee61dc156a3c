import Testing

@testable import DomainCheck

@Suite struct SPFCheckTests {
    @Test func termsAreReadWithTheirQualifiers() throws {
        let record = try #require(SPFRecord("v=spf1 ip4:192.0.2.0/24 include:_spf.google.com mx -all redirect=x.test"))
        #expect(record.terms.map(\.name) == ["ip4", "include", "mx", "all", "redirect"])
        #expect(record.all?.qualifier == "-")
        #expect(record.redirect == "x.test")
        #expect(record.terms.filter(\.costsLookup).count == 3)
        #expect(SPFRecord("v=spf10 a") == nil)
    }

    @Test func lookupsAreCountedThroughIncludes() async {
        var dns = TableLookup()
        dns.txt["heavy.test"] = ["v=spf1 include:a.test include:b.test ~all"]
        dns.txt["a.test"] = ["v=spf1 a mx ptr exists:x.test include:c.test -all"]
        dns.txt["b.test"] = ["v=spf1 a:1.test a:2.test a:3.test a:4.test -all"]
        dns.txt["c.test"] = ["v=spf1 ip4:192.0.2.1 -all"]
        let result = await SPFCheck(dns: dns).run("heavy.test", sendingHosts: [])
        // include:a (1) + a mx ptr exists (4) + include:c (1), include:b (1) + 4 a: → 11
        #expect(result.verdict == .fail)
        #expect(result.found.hasSuffix("(11 DNS lookups)"))
        #expect(result.hints.first?.contains("limit of 10") == true)
        #expect(result.hints.first?.contains("include:a.test (6)") == true)
    }

    @Test(arguments: [
        ("v=spf1 mx +all", Verdict.fail), ("v=spf1 mx all", .fail), ("v=spf1 mx ?all", .warn), ("v=spf1 mx", .warn),
        ("v=spf1 mx ~all", .ok), ("v=spf1 mx -all", .ok),
    ])
    func theAllMechanismIsJudged(record: String, verdict: Verdict) async {
        var dns = TableLookup()
        dns.txt["d.test"] = [record, "google-site-verification=abc"]
        #expect(await SPFCheck(dns: dns).run("d.test", sendingHosts: []).verdict == verdict)
    }

    @Test func noneOrTwoRecordsFail() async {
        var dns = TableLookup()
        dns.txt["two.test"] = ["v=spf1 -all", "v=spf1 mx -all"]
        #expect(await SPFCheck(dns: dns).run("none.test", sendingHosts: []).verdict == .fail)
        let two = await SPFCheck(dns: dns).run("two.test", sendingHosts: [])
        #expect(two.verdict == .fail && two.hints[0].contains("2 SPF records"))
    }

    @Test func aKnownSendingHostNeedsItsInclude() async throws {
        let google = try #require(SendingHost.serving(smtpHost: "smtp.gmail.com"))
        #expect(SendingHost.serving(smtpHost: "smtp.office365.com")?.name == "Microsoft 365")
        #expect(SendingHost.serving(smtpHost: "mail.example.com") == nil)
        var dns = TableLookup()
        dns.txt["ms.test"] = ["v=spf1 include:spf.protection.outlook.com -all"]
        dns.txt["spf.protection.outlook.com"] = ["v=spf1 ip4:40.92.0.0/15 -all"]
        dns.txt["g.test"] = ["v=spf1 include:_spf.google.com -all"]
        dns.txt["_spf.google.com"] = ["v=spf1 ip4:35.190.247.0/24 -all"]
        let missing = await SPFCheck(dns: dns).run("ms.test", sendingHosts: [google])
        #expect(missing.verdict == .fail)
        #expect(
            missing.hints == [
                "the mailboxes send through Google, but SPF does not include it: add `include:_spf.google.com`"
            ])
        #expect(await SPFCheck(dns: dns).run("g.test", sendingHosts: [google]).verdict == .ok)
    }

    @Test func anIncludeWithoutARecordOrALoopFails() async {
        var dns = TableLookup()
        dns.txt["loop.test"] = ["v=spf1 include:loop.test -all"]
        dns.txt["gone.test"] = ["v=spf1 include:nothing.test -all"]
        #expect(
            await SPFCheck(dns: dns).run("loop.test", sendingHosts: []).hints.contains { $0.contains("loops back") })
        #expect(
            await SPFCheck(dns: dns).run("gone.test", sendingHosts: []).hints == [
                "include:nothing.test has no SPF record: receivers fail SPF (permerror)"
            ])
    }

    @Test func aRedirectsAllIsJudged() async {
        var dns = TableLookup()
        dns.txt["d.test"] = ["v=spf1 redirect=r2.test"]
        dns.txt["r2.test"] = ["v=spf1 +all"]
        dns.txt["soft.test"] = ["v=spf1 redirect=r3.test"]
        dns.txt["r3.test"] = ["v=spf1 mx ~all"]
        dns.txt["open.test"] = ["v=spf1 redirect=r4.test"]
        dns.txt["r4.test"] = ["v=spf1 mx"]
        let plus = await SPFCheck(dns: dns).run("d.test", sendingHosts: [])
        #expect(plus.verdict == .fail)
        #expect(
            plus.hints == [
                "`+all` (the record of redirect=r2.test) lets any server send as d.test: end the record with `~all` or `-all`"
            ])
        #expect(await SPFCheck(dns: dns).run("soft.test", sendingHosts: []).verdict == .ok)
        let open = await SPFCheck(dns: dns).run("open.test", sendingHosts: [])
        #expect(
            open.verdict == .warn
                && open.hints.first?.hasPrefix("no `all` at the end (the record of redirect=r4.test)") == true)
    }

    @Test func nothingAfterAllNorARedirectBesideItIsCounted() async throws {
        let record = try #require(SPFRecord("v=spf1 mx -all a include:x.test redirect=y.test"))
        #expect(record.evaluatedTerms.map(\.name) == ["mx", "all"])
        #expect(record.followedRedirect == nil)
        var dns = TableLookup()
        dns.txt["d.test"] = ["v=spf1 -all redirect=gone.test"]
        dns.txt["e.test"] = ["v=spf1 ip4:192.0.2.1 -all include:gone.test a mx"]
        let redirect = await SPFCheck(dns: dns).run("d.test", sendingHosts: [])
        #expect(redirect.verdict == .ok && redirect.found.hasSuffix("(0 DNS lookups)"))
        let after = await SPFCheck(dns: dns).run("e.test", sendingHosts: [])
        #expect(after.verdict == .ok && after.found.hasSuffix("(0 DNS lookups)"))
    }

    @Test func theDepthLimitIsNotALoop() async {
        var dns = TableLookup()
        for level in 0...SPFCheck.depthLimit {
            dns.txt["n\(level).test"] = ["v=spf1 include:n\(level + 1).test -all"]
        }
        dns.txt["n\(SPFCheck.depthLimit + 1).test"] = ["v=spf1 -all"]
        let result = await SPFCheck(dns: dns).run("n0.test", sendingHosts: [])
        #expect(result.verdict == .fail)
        #expect(!result.hints.contains { $0.contains("loops back") })
        #expect(result.hints.contains { $0.contains("nests more than \(SPFCheck.depthLimit) records deep") })
    }
}
