/// The MX check: the domain has MX records, not a null MX, and its mail hosts have addresses.
struct MXCheck: Sendable {
    let dns: any DNSLookup

    func run(_ domain: String) async -> CheckResult {
        var result = CheckResult(.mx)
        let answer: DNSAnswer
        do { answer = try await dns.lookup(domain, .mx) } catch {
            result.fail("\(error)")
            return result
        }
        let hosts = answer.records.compactMap { record -> (preference: Int, exchange: String)? in
            if case .mx(let preference, let exchange) = record.data { return (preference, exchange) }
            return nil
        }.sorted { $0.preference < $1.preference }
        guard !hosts.isEmpty else {
            if answer == .noSuchName {
                result.found = "\(domain) does not exist"
                result.fail("\(domain) does not exist (NXDOMAIN): check the spelling, or register the domain")
            } else {
                result.found = "no MX record"
                result.fail(
                    "no MX record: \(domain) cannot receive replies or bounces, and receivers distrust such senders; "
                        + "add the MX records your mail provider gives")
            }
            return result
        }
        result.found = hosts.map { "\($0.preference) \($0.exchange.isEmpty ? "." : $0.exchange)" }
            .joined(separator: ", ")
        if hosts.contains(where: { $0.exchange.isEmpty || $0.exchange == "." }) {
            result.fail(
                "null MX (`0 .`): \(domain) says it accepts no mail; replace it with your provider's MX records")
            return result
        }
        var unresolved: [String] = []
        for host in hosts where await !resolves(host.exchange) { unresolved.append(host.exchange) }
        if unresolved.count == hosts.count {
            result.fail("no MX host has an address (\(unresolved.joined(separator: ", "))): mail to \(domain) bounces")
        } else if !unresolved.isEmpty {
            result.warn(
                "MX host\(unresolved.count == 1 ? "" : "s") without an address: \(unresolved.joined(separator: ", "))")
        }
        return result
    }

    /// Whether a host has an A or AAAA record.
    private func resolves(_ host: String) async -> Bool {
        for type in [DNSRecordType.a, .aaaa] {
            if let answer = try? await dns.lookup(host, type), !answer.records.isEmpty { return true }
        }
        return false
    }
}
