import CResolv
import Glibc
import NIOPosix

/// Asks name servers through glibc's libresolv (`res_nquery`, then `ns_initparse` and
/// `ns_parserr` over the answer): the system's resolver (`/etc/resolv.conf`), or one server.
///
/// Each query has a resolver state of its own and runs on NIO's blocking-I/O thread pool, so
/// queries may run at once without holding up Swift's cooperative threads.
///
/// ```swift
/// let resolver = DNSResolver(server: DNSServer("127.0.0.1:5353"))
/// let mx = try await resolver.lookup("example.com", .mx)
/// ```
public struct DNSResolver: DNSLookup {
    /// The server to ask; nil: the system's name servers.
    public let server: DNSServer?
    /// Seconds to wait for each answer, and how many times to ask each server.
    public var timeoutSeconds = 2
    public var attempts = 2

    public init(server: DNSServer? = nil) {
        self.server = server
    }

    /// How messages name the server asked: `127.0.0.1:5353`, `the system's resolver`.
    public var serverName: String { server?.description ?? "the system's resolver" }

    public func lookup(_ name: String, _ type: DNSRecordType) async throws -> DNSAnswer {
        let resolver = self
        return try await NIOThreadPool.singleton.runIfActive { try resolver.query(name, type) }
    }

    /// The blocking query.
    func query(_ name: String, _ type: DNSRecordType) throws -> DNSAnswer {
        let asked = "\(name) \(type)"
        var answer = [UInt8](repeating: 0, count: 65_535)
        var failure: Int32 = 0
        let length = answer.withUnsafeMutableBufferPointer { buffer -> Int32 in
            let size = Int32(buffer.count)
            let timeout = Int32(timeoutSeconds)
            let tries = Int32(attempts)
            guard let server else {
                return wps_dns_query(name, type.rawValue, nil, 0, timeout, tries, buffer.baseAddress, size, &failure)
            }
            return wps_dns_query(
                name, type.rawValue, server.host, Int32(server.port), timeout, tries, buffer.baseAddress, size,
                &failure)
        }
        guard length >= 0 else {
            switch Int(failure) {
            case Int(WPS_DNS_NO_SUCH_NAME): return .noSuchName
            case Int(WPS_DNS_NO_DATA): return .noRecords
            case Int(WPS_DNS_NO_RECOVERY): throw error(.noRecovery, asked)
            case Int(WPS_DNS_BAD_SERVER): throw error(.badServer, asked)
            case Int(WPS_DNS_INTERNAL): throw error(.internalFailure, asked)
            default: throw error(.noAnswer, asked)
            }
        }
        guard let records = Self.answerRecords(Array(answer.prefix(Int(length)))) else {
            throw error(.malformedAnswer, asked)
        }
        // An alias answers with its CNAME first, then the target's records of the type.
        let wanted = records.filter { record in
            switch (record.data, type) {
            case (.mx, .mx), (.txt, .txt), (.cname, _), (.address, .a), (.address, .aaaa): true
            default: false
            }
        }
        return wanted.isEmpty ? .noRecords : .records(wanted)
    }

    private func error(_ reason: DNSError.Reason, _ asked: String) -> DNSError {
        DNSError(reason, query: asked, server: serverName, serverNamed: server != nil)
    }

    /// The answer section's records of the types the checks read (others, such as DNAME or
    /// RRSIG, left out); nil when the message does not parse.
    static func answerRecords(_ message: [UInt8]) -> [DNSRecord]? {
        message.withUnsafeBufferPointer { bytes -> [DNSRecord]? in
            guard let base = bytes.baseAddress else { return nil }
            var handle = ns_msg()
            guard ns_initparse(base, Int32(bytes.count), &handle) == 0 else { return nil }
            var records: [DNSRecord] = []
            for index in 0..<wps_ns_answer_count(&handle) {
                var record = ns_rr()
                guard ns_parserr(&handle, ns_s_an, index, &record) == 0 else { return nil }
                let owner = withUnsafeBytes(of: record.name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
                let offset = Int(wps_ns_rdata_offset(&handle, &record))
                let rdata = UnsafeBufferPointer(start: record.rdata, count: Int(record.rdlength))
                guard let type = DNSRecordType(rawValue: Int32(record.type)) else { continue }
                guard let data = Self.data(type: type, rdata: rdata, message: bytes, offset: offset) else { return nil }
                records.append(DNSRecord(name: owner, data: data))
            }
            return records
        }
    }

    private static func data(
        type: DNSRecordType, rdata: UnsafeBufferPointer<UInt8>, message: UnsafeBufferPointer<UInt8>, offset: Int
    ) -> DNSRecord.Data? {
        switch type {
        case .mx:
            guard rdata.count >= 3, let exchange = name(in: message, at: offset + 2) else { return nil }
            return .mx(preference: Int(rdata[0]) << 8 | Int(rdata[1]), exchange: exchange)
        case .cname:
            return name(in: message, at: offset).map { .cname($0) }
        case .txt:
            // <length><bytes>, repeated.
            var text: [UInt8] = []
            var position = 0
            while position < rdata.count {
                let count = Int(rdata[position])
                guard position + 1 + count <= rdata.count else { return nil }
                text += rdata[(position + 1)..<(position + 1 + count)]
                position += 1 + count
            }
            return .txt(String(decoding: text, as: UTF8.self))
        case .a, .aaaa:
            return address(rdata).map { .address($0) }
        }
    }

    /// The name at `offset` of the message, compression pointers followed (`dn_expand`).
    private static func name(in message: UnsafeBufferPointer<UInt8>, at offset: Int) -> String? {
        guard let base = message.baseAddress else { return nil }
        var expanded = [CChar](repeating: 0, count: Int(NS_MAXDNAME) + 1)
        let used = wps_dn_expand(base, Int32(message.count), offset, &expanded, Int32(expanded.count))
        guard used >= 0 else { return nil }
        return String(decoding: expanded.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// An A (4 bytes) or AAAA (16 bytes) record's address as text.
    private static func address(_ rdata: UnsafeBufferPointer<UInt8>) -> String? {
        let family: Int32
        switch rdata.count {
        case 4: family = AF_INET
        case 16: family = AF_INET6
        default: return nil
        }
        var text = [CChar](repeating: 0, count: Int(INET6_ADDRSTRLEN))
        guard let base = rdata.baseAddress, inet_ntop(family, base, &text, socklen_t(text.count)) != nil else {
            return nil
        }
        return String(decoding: text.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
