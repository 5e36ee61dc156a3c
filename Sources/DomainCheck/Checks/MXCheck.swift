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
        var resolved: [String] = []
        var unresolved: [String] = []
        var unknown: [(host: String, error: any Error)] = []
        var aliases: [(host: String, target: String)] = []
        for host in hosts {
            switch await address(of: host.exchange) {
            case .found(let alias):
                resolved.append(host.exchange)
                if let alias { aliases.append((host.exchange, alias)) }
            case .none: unresolved.append(host.exchange)
            case .failed(let error): unknown.append((host.exchange, error))
            }
        }
        // A lookup that failed says nothing about the host: mail may well reach it.
        for (host, error) in unknown {
            let hint = "could not look up \(host): \(error)"
            if resolved.isEmpty { result.fail(hint) } else { result.warn(hint) }
        }
        if resolved.isEmpty, unknown.isEmpty {
            result.fail("no MX host has an address (\(unresolved.joined(separator: ", "))): mail to \(domain) bounces")
        } else if !unresolved.isEmpty {
            result.warn(
                "MX host\(unresolved.count == 1 ? "" : "s") without an address: \(unresolved.joined(separator: ", "))")
        }
        for (host, target) in aliases {
            result.warn(
                "MX host \(host) is an alias (CNAME to \(target)); RFC 2181 §10.3 asks for a name with its own address: "
                    + "point the MX record at \(target)")
        }
        return result
    }

    /// What looking a mail host up found.
    enum HostAddress {
        /// An A or AAAA record; `alias`: the CNAME target when the host is an alias.
        case found(alias: String?)
        /// Neither (a CNAME to a name without an address included).
        case none
        /// A lookup failed: whether the host has an address is not known.
        case failed(any Error)
    }

    /// Whether a host has an A or AAAA record; a CNAME alone is not an address.
    private func address(of host: String) async -> HostAddress {
        var failure: (any Error)?
        for type in [DNSRecordType.a, .aaaa] {
            do {
                let answer = try await dns.lookup(host, type)
                if !answer.addresses.isEmpty { return .found(alias: answer.aliasTargets.last) }
            } catch {
                failure = failure ?? error
            }
        }
        return failure.map { .failed($0) } ?? .none
    }
}
