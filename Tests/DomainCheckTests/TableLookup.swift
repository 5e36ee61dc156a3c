@testable import DomainCheck

/// DNS answered from a table, for the checks' rules alone (the resolver itself is tested
/// against dnsmasq in `DNSResolverTests` and the end-to-end tests).
struct TableLookup: DNSLookup {
    var txt: [String: [String]] = [:]
    var mx: [String: [(Int, String)]] = [:]
    var addresses: [String: [String]] = [:]
    var cnames: [String: String] = [:]

    var serverName: String { "a table" }

    func lookup(_ name: String, _ type: DNSRecordType) async throws -> DNSAnswer {
        let data: [DNSRecord.Data]
        switch type {
        case .txt: data = (txt[name] ?? []).map { .txt($0) }
        case .mx: data = (mx[name] ?? []).map { .mx(preference: $0.0, exchange: $0.1) }
        case .a, .aaaa: data = type == .a ? (addresses[name] ?? []).map { .address($0) } : []
        case .cname: data = cnames[name].map { [.cname($0)] } ?? []
        }
        return data.isEmpty ? .noRecords : .records(data.map { DNSRecord(name: name, ttl: 60, data: $0) })
    }
}
