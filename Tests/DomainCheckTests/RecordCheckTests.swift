import Foundation
import OutreachAPI
import TestSupport
import Testing

@testable import DomainCheck

@Suite struct RecordCheckTests {
    @Test func dmarcPolicyAndReports() async {
        var dns = TableLookup()
        dns.txt["_dmarc.good.test"] = ["v=DMARC1; p=reject; rua=mailto:d@good.test"]
        dns.txt["_dmarc.norua.test"] = ["v=DMARC1; p=none"]
        dns.txt["_dmarc.nop.test"] = ["v=DMARC1; rua=mailto:d@nop.test"]
        let good = await DMARCCheck(dns: dns).run("good.test")
        #expect(good.verdict == .ok && good.found == "p=reject, rua=mailto:d@good.test")
        #expect(await DMARCCheck(dns: dns).run("norua.test").verdict == .warn)
        #expect(await DMARCCheck(dns: dns).run("nop.test").verdict == .fail)
        let missing = await DMARCCheck(dns: dns).run("none.test")
        #expect(missing.verdict == .warn && missing.hints[0].hasPrefix("no DMARC record"))
    }

    static let rsaKey =
        "MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCrX15TAUQvc+USvjoeonQe3hlp8JSHVcsVbK+K9719dYd/gusIFOcHPYnU1xOfcXZGSxv2qPorHjvpOJwR1i1M1K/yiFgiM1SDoifMUquMF/dZrPMXodQ902Haj3pNTWpKDJSSRbSQVzXXZhXFyfncbaQ9/P8TT7q2Lc5VBrf/vwIDAQAB"

    @Test func dkimKeysFoundAndParsed() async {
        var dns = TableLookup()
        dns.txt["google._domainkey.d.test"] = ["v=DKIM1; k=rsa; p=\(Self.rsaKey)"]
        dns.txt["s1._domainkey.d.test"] = ["v=DKIM1; k=rsa; p=bm90IGEga2V5"]
        let common = await DKIMCheck(dns: dns, selectors: DomainChecker.commonDKIMSelectors, named: false).run("d.test")
        #expect(common.verdict == .fail)
        #expect(common.found == "key at google, s1")
        #expect(
            common.hints == [
                "selector s1: the key does not parse: p= is not an RSA public key (DER SubjectPublicKeyInfo)"
            ])
        let named = await DKIMCheck(dns: dns, selectors: ["google"], named: true).run("d.test")
        #expect(named.verdict == .ok)
        let both = await DKIMCheck(dns: dns, selectors: ["google", "k9"], named: true).run("d.test")
        #expect(both.verdict == .warn && both.found == "key at google; none at k9")
        #expect(await DKIMCheck(dns: dns, selectors: ["k9"], named: true).run("d.test").verdict == .fail)
        #expect(await DKIMCheck(dns: dns, selectors: ["k9"], named: false).run("d.test").verdict == .warn)
        #expect(DKIMCheck.keyProblem(TagList("p=%%%")) == "the key does not parse: p= is not base64")
        #expect(DKIMCheck.keyProblem(TagList("k=ed25519; p=\(Data(count: 32).base64EncodedString())")) == nil)
    }

    @Test func mxPresentResolvableOrNot() async {
        var dns = TableLookup()
        dns.mx["good.test"] = [(20, "mx2.good.test"), (10, "mx1.good.test")]
        dns.addresses["mx1.good.test"] = ["192.0.2.1"]
        dns.mx["null.test"] = [(0, "")]
        dns.mx["dangling.test"] = [(10, "nowhere.test")]
        let good = await MXCheck(dns: dns).run("good.test")
        #expect(good.verdict == .warn && good.found == "10 mx1.good.test, 20 mx2.good.test")
        #expect(await MXCheck(dns: dns).run("none.test").verdict == .fail)
        #expect(await MXCheck(dns: dns).run("null.test").hints[0].hasPrefix("null MX"))
        #expect(await MXCheck(dns: dns).run("dangling.test").verdict == .fail)
    }

    @Test func trackingDomainsAndTheWholeReport() async {
        var dns = TableLookup()
        dns.cnames["track.d.test"] = "open.sender.example"
        dns.addresses["click.d.test"] = ["192.0.2.7"]
        let checker = DomainChecker(dns: dns)
        let reports = await checker.check([
            DomainTarget("track.d.test", sends: false, trackingUses: ["open_tracking_domain"]),
            DomainTarget("Click.D.Test.", sends: false, trackingUses: ["click_tracking_domain"]),
            DomainTarget("gone.d.test", sends: false, trackingUses: ["click_tracking_domain"]),
        ])
        #expect(reports.map(\.domain) == ["track.d.test", "click.d.test", "gone.d.test"])
        #expect(reports[0][.tracking]?.found == "CNAME → open.sender.example (open_tracking_domain)")
        #expect(reports[1].verdict == .ok && reports[1][.mx] == nil)
        #expect(reports[2].verdict == .fail)
    }

    @Test func serversAndDomainNamesAreRead() {
        #expect(DNSServer("127.0.0.1:5353") == DNSServer("localhost:5353"))
        #expect(DNSServer("127.0.0.1:5353") != nil)
        #expect(DNSServer("10.0.0.1")?.port == 53)
        #expect(DNSServer("dns.example.com") == nil && DNSServer("1.2.3.4:0") == nil && DNSServer("::1") == nil)
        // `domain check` reads its DOMAIN arguments with the validation the API requests use.
        #expect(
            Validation.isValidDomain("mail.example.com") && !Validation.isValidDomain("boxes.csv ")
                && !Validation.isValidDomain("x"))
    }

    @Test func anMXLookupErrorIsNotABounceAndAnAliasIsNoAddress() async {
        var dns = TableLookup()
        dns.mx["silent.test"] = [(10, "mx.silent.test")]
        dns.failing = ["mx.silent.test"]
        dns.mx["cname.test"] = [(10, "mx.cname.test")]
        dns.cnames["mx.cname.test"] = "nowhere.test"
        dns.mx["alias.test"] = [(10, "mx.alias.test")]
        dns.cnames["mx.alias.test"] = "real.alias.test"
        dns.addresses["real.alias.test"] = ["192.0.2.3"]
        let silent = await MXCheck(dns: dns).run("silent.test")
        #expect(silent.verdict == .fail)
        #expect(silent.hints.count == 1)
        #expect(silent.hints.first?.hasPrefix("could not look up mx.silent.test: mx.silent.test A: no answer") == true)
        #expect(!silent.hints.contains { $0.contains("bounces") })
        let cname = await MXCheck(dns: dns).run("cname.test")
        #expect(cname.verdict == .fail)
        #expect(cname.hints.first == "no MX host has an address (mx.cname.test): mail to cname.test bounces")
        let alias = await MXCheck(dns: dns).run("alias.test")
        #expect(alias.verdict == .warn)
        #expect(
            alias.hints == [
                "MX host mx.alias.test is an alias (CNAME to real.alias.test); RFC 2181 §10.3 asks for a name with its "
                    + "own address: point the MX record at real.alias.test"
            ])
    }

    @Test func dkimLookupsThatFailSayNothingAboutTheKeys() async {
        var dns = TableLookup()
        dns.failing = Set(DomainChecker.commonDKIMSelectors.map { "\($0)._domainkey.silent.test" })
        let result = await DKIMCheck(dns: dns, selectors: DomainChecker.commonDKIMSelectors, named: false)
            .run("silent.test")
        #expect(result.verdict == .fail)
        #expect(result.hints.count == 1)
        #expect(result.hints.first?.hasPrefix("could not look up DKIM selectors google, selector1, selector2") == true)
        #expect(!result.hints.contains { $0.contains("publish") })
    }

    @Test func aRevokedKeyAtACommonSelectorWarnsAndAtANamedOneFails() async {
        var dns = TableLookup()
        dns.txt["google._domainkey.d.test"] = ["v=DKIM1; k=rsa; p=\(Self.rsaKey)"]
        dns.txt["s1._domainkey.d.test"] = ["v=DKIM1; p="]
        let common = await DKIMCheck(dns: dns, selectors: DomainChecker.commonDKIMSelectors, named: false).run("d.test")
        #expect(common.verdict == .warn)
        #expect(common.hints == ["selector s1: the key is revoked (empty p=)"])
        #expect(await DKIMCheck(dns: dns, selectors: ["google", "s1"], named: true).run("d.test").verdict == .fail)
    }

    @Test func dkimSelectorsAreLookedUpAtOnce() async throws {
        let dns = BarrierLookup(expected: DomainChecker.commonDKIMSelectors.count)
        let result = await DKIMCheck(dns: dns, selectors: DomainChecker.commonDKIMSelectors, named: false).run("d.test")
        #expect(result.found.hasPrefix("no key; none at google, selector1"))
        #expect(await dns.arrivals.names.count == DomainChecker.commonDKIMSelectors.count)
    }

    @Test func dmarcFallsBackToTheOrganizationalDomain() async {
        var dns = TableLookup()
        dns.txt["_dmarc.example.test"] = ["v=DMARC1; p=reject; sp=quarantine; rua=mailto:d@example.test"]
        dns.txt["_dmarc.plain.test"] = ["v=DMARC1; p=none; rua=mailto:d@plain.test"]
        let sub = await DMARCCheck(dns: dns).run("mail.example.test")
        #expect(sub.verdict == .ok)
        #expect(sub.found == "sp=quarantine, rua=mailto:d@example.test (inherited from _dmarc.example.test)")
        let plain = await DMARCCheck(dns: dns).run("news.plain.test")
        #expect(plain.found == "p=none, rua=mailto:d@plain.test (inherited from _dmarc.plain.test)")
        // The organizational domain itself does not inherit.
        #expect(await DMARCCheck(dns: dns).run("other.test").verdict == .warn)
    }

    @Test func theDMARCVersionIsReadAsTheGrammarWritesIt() async {
        #expect(
            DMARCCheck.isDMARC("v = DMARC1; p=none") && DMARCCheck.isDMARC("V=DMARC1")
                && DMARCCheck.isDMARC("v=DMARC1 ;p=none"))
        #expect(!DMARCCheck.isDMARC("v=dmarc1; p=none") && !DMARCCheck.isDMARC("v=DMARC10; p=none"))
        #expect(!DMARCCheck.isDMARC("p=none; v=DMARC1"))
        var dns = TableLookup()
        dns.txt["_dmarc.spaced.test"] = ["v = DMARC1; p=reject; rua=mailto:d@spaced.test"]
        dns.txt["_dmarc.lower.test"] = ["v=dmarc1; p=reject; rua=mailto:d@lower.test"]
        #expect(await DMARCCheck(dns: dns).run("spaced.test").verdict == .ok)
        let lower = await DMARCCheck(dns: dns).run("lower.test")
        #expect(lower.verdict == .fail && lower.hints.first?.contains("the version is case-sensitive") == true)
    }

    @Test func aTrackingCNAMEToANameWithoutAnAddressFails() async {
        var dns = TableLookup()
        dns.cnames["track.d.test"] = "open.sender.example"
        dns.cnames["live.d.test"] = "open.live.example"
        dns.addresses["open.live.example"] = ["192.0.2.9"]
        dns.failing = ["silent.d.test"]
        let dead = await TrackingCheck(dns: dns).run("track.d.test", uses: [])
        #expect(dead.verdict == .fail)
        #expect(
            dead.hints.first?.hasPrefix("track.d.test is a CNAME to open.sender.example, which has no address") == true)
        let live = await TrackingCheck(dns: dns).run("live.d.test", uses: ["--tracking"])
        #expect(live.verdict == .ok && live.found == "CNAME → open.live.example (--tracking)")
        #expect(await TrackingCheck(dns: dns).run("silent.d.test", uses: []).verdict == .fail)
    }
}

/// DNS that answers nothing until `expected` lookups have arrived: lookups made one after
/// another never get there, and the wait records an issue.
struct BarrierLookup: DNSLookup {
    actor Arrivals {
        private(set) var names: [String] = []
        func add(_ name: String) { names.append(name) }
    }

    let expected: Int
    let arrivals = Arrivals()

    func lookup(_ name: String, _ type: DNSRecordType) async throws -> DNSAnswer {
        await arrivals.add(name)
        try await waitUntil("\(expected) lookups in flight at once", timeout: .seconds(30)) {
            await arrivals.names.count >= expected
        }
        return .noSuchName
    }
}
