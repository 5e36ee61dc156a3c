@testable import DomainCheck

/// DNS answered from a table, for the checks' rules alone (the resolver itself is tested
/// against dnsmasq in `DNSResolverTests` and the end-to-end tests).
///
/// A name in `cnames` answers every type as a resolver does: its CNAME, then the target's
/// records of the type (none: a CNAME-only answer). A name in `failing` throws for every type,
/// as a query no server answers.
struct TableLookup: DNSLookup {
    var txt: [String: [String]] = [:]
    var mx: [String: [(Int, String)]] = [:]
    var addresses: [String: [String]] = [:]
    var cnames: [String: String] = [:]
    var failing: Set<String> = []

    func lookup(_ name: String, _ type: DNSRecordType) async throws -> DNSAnswer {
        if failing.contains(name) {
            throw DNSError(.noAnswer, query: "\(name) \(type)", server: "a table")
        }
        if let target = cnames[name] {
            let alias = DNSRecord(name: name, data: .cname(target))
            guard type != .cname else { return .records([alias]) }
            return .records([alias] + (try await lookup(target, type)).records)
        }
        let data: [DNSRecord.Data]
        switch type {
        case .txt: data = (txt[name] ?? []).map { .txt($0) }
        case .mx: data = (mx[name] ?? []).map { .mx(preference: $0.0, exchange: $0.1) }
        case .a, .aaaa: data = type == .a ? (addresses[name] ?? []).map { .address($0) } : []
        case .cname: data = []
        }
        return data.isEmpty ? .noRecords : .records(data.map { DNSRecord(name: name, data: $0) })
    }
}
