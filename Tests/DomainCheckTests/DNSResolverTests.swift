import DomainCheck
import Glibc
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
                == "example.org MX: no answer from \(dnsmasq.server) (timeout, SERVFAIL or REFUSED); check the network and the server"
        )
        // A socket bound and never read: the query is delivered and waits out the timeout (a
        // closed port would answer at once with ICMP port unreachable).
        let socket = try SilentSocket()
        defer { socket.close() }
        var silent = DNSResolver(server: DNSServer("127.0.0.1:\(socket.port)"))
        silent.timeoutSeconds = 1
        silent.attempts = 1
        let unanswered = await #expect(throws: DNSError.self) { try await silent.lookup("r.test", .mx) }
        #expect(unanswered?.description.contains("no answer from 127.0.0.1:") == true)
        #expect(unanswered?.isNoAnswer == true)
        #expect(socket.pendingBytes() > 0)
        // The system's resolver, unnamed, is the one case where naming a server helps.
        #expect(unanswered?.description.contains("--dns-server") == false)
    }

    @Test func aNameTooLongToAskCannotSucceed() async throws {
        let resolver = DNSResolver(server: DNSServer("127.0.0.1:9"))
        let long = Array(repeating: String(repeating: "a", count: 60), count: 5).joined(separator: ".") + ".test"
        let error = await #expect(throws: DNSError.self) { try await resolver.lookup(long, .txt) }
        #expect(
            error?.description.hasSuffix(
                "the query cannot succeed (FORMERR or NOTIMP from 127.0.0.1:9, or a name over 255 bytes)") == true)
    }

    @Test func serverAddressesAreReadAsInetPtonReadsThem() {
        #expect(DNSServer("01.0.0.127") == nil)
        #expect(DNSServer("1.2.3") == nil && DNSServer("256.0.0.1") == nil && DNSServer(" 1.2.3.4") == nil)
        #expect(DNSServer("192.0.2.1:5353")?.description == "192.0.2.1:5353")
    }
}

/// A UDP socket on 127.0.0.1 that never answers: queries sent to it wait out their timeout.
final class SilentSocket: Sendable {
    let descriptor: Int32
    let port: Int

    init() throws {
        descriptor = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        try #require(descriptor >= 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let descriptor = descriptor
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(descriptor, generic, length) == 0 && getsockname(descriptor, generic, &length) == 0
            }
        }
        try #require(bound)
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    /// The bytes of queries received and left unread.
    func pendingBytes() -> Int {
        var count: Int32 = 0
        return ioctl(descriptor, UInt(FIONREAD), &count) == 0 ? Int(count) : 0
    }

    func close() { _ = Glibc.close(descriptor) }
}
