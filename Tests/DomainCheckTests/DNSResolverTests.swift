import DomainCheck
import Testing

/// The resolver through glibc's libresolv against a real dnsmasq on loopback: each record type
/// decoded, compression and CNAMEs followed, NXDOMAIN told from NODATA, and the failures.
@Suite struct DNSResolverTests {
    static let records = [
        "--mx-host=r.test,mx1.r.test,10", "--mx-host=r.test,mx2.r.test,20",
        "--host-record=mx1.r.test,192.0.2.1,2001:db8::1",
        // Two character-strings: SPF and DKIM read them joined.
        "--txt-record=r.test,v=spf1 ,include:x.test ~all",
        "--cname=alias.r.test,mx1.r.test",
    ]

    @Test func recordsOfEachTypeAreDecoded() async throws {
        let dnsmasq = try await Dnsmasq.start(Self.records)
        defer { dnsmasq.stop() }
        let resolver = DNSResolver(server: dnsmasq.server)
        let mx = try await resolver.lookup("r.test", .mx).records.map(\.data)
        #expect(Set(mx) == [.mx(preference: 10, exchange: "mx1.r.test"), .mx(preference: 20, exchange: "mx2.r.test")])
        #expect(try await resolver.lookup("r.test", .txt).records.map(\.data) == [.txt("v=spf1 include:x.test ~all")])
        #expect(try await resolver.lookup("alias.r.test", .cname).records.map(\.data) == [.cname("mx1.r.test")])
        #expect(try await resolver.lookup("mx1.r.test", .aaaa).records.map(\.data) == [.address("2001:db8::1")])
        let alias = try await resolver.lookup("alias.r.test", .a).records
        #expect(alias.map(\.data) == [.cname("mx1.r.test"), .address("192.0.2.1")])
        #expect(alias.first?.name == "alias.r.test")
        #expect(try await resolver.lookup("gone.r.test", .mx) == .noSuchName)
        #expect(try await resolver.lookup("mx1.r.test", .mx) == .noRecords)
    }

    @Test func aRefusalOrNoAnswerIsAnError() async throws {
        let dnsmasq = try await Dnsmasq.start(Self.records)
        defer { dnsmasq.stop() }
        var resolver = DNSResolver(server: dnsmasq.server)
        resolver.timeoutSeconds = 1
        resolver.attempts = 1
        // dnsmasq refuses names outside its zones (--local=/test/, no upstream); libresolv then
        // tries the next server, and with none left says TRY_AGAIN, as for a timeout.
        let refused = await #expect(throws: DNSError.self) { try await resolver.lookup("example.org", .mx) }
        #expect(
            refused?.description
                == "example.org MX: no answer from \(dnsmasq.server) (timeout, SERVFAIL or REFUSED); check the network or try --dns-server"
        )
        var silent = DNSResolver(server: DNSServer("127.0.0.1:\(try Dnsmasq.freeUDPPort())"))
        silent.timeoutSeconds = 1
        silent.attempts = 1
        let unanswered = await #expect(throws: DNSError.self) { try await silent.lookup("r.test", .mx) }
        #expect(unanswered?.description.contains("no answer from 127.0.0.1:") == true)
    }
}
