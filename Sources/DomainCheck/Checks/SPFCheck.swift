/// The SPF check: exactly one `v=spf1` record; its DNS lookups counted through `include:` and
/// `redirect=` (RFC 7208's limit of 10); `+all`, `?all` or no `all` flagged; and where the
/// mailboxes send through a known service, that service's include present.
struct SPFCheck: Sendable {
    let dns: any DNSLookup
    /// RFC 7208 §4.6.4.
    static let lookupLimit = 10
    /// How deep includes are followed before giving up (a loop is caught before that).
    static let depthLimit = 12

    func run(_ domain: String, sendingHosts: [SendingHost]) async -> CheckResult {
        var result = CheckResult(.spf)
        let records: [String]
        do {
            records = try await dns.lookup(domain, .txt).records.compactMap(\.txt).filter(SPFRecord.isSPF)
        } catch {
            result.fail("\(error)")
            return result
        }
        guard let text = records.first, let record = SPFRecord(text) else {
            result.fail(
                "no SPF record: publish one TXT record at \(domain) such as `v=spf1 include:_spf.google.com ~all`")
            return result
        }
        guard records.count == 1 else {
            result.found = records.joined(separator: " | ")
            result.fail(
                "\(records.count) SPF records: receivers treat more than one as an error (permerror); merge them into one"
            )
            return result
        }
        var walk = Walk()
        await walk.count(record, domain: domain, depth: 0, dns: dns)
        result.found = "\(text) (\(walk.lookups) DNS lookup\(walk.lookups == 1 ? "" : "s"))"
        if walk.lookups > Self.lookupLimit {
            let heaviest = walk.perTerm.sorted { $0.lookups > $1.lookups }.prefix(3)
                .map { "\($0.term) (\($0.lookups))" }.joined(separator: ", ")
            result.fail(
                "\(walk.lookups) DNS lookups, over RFC 7208's limit of \(Self.lookupLimit): receivers fail SPF (permerror); "
                    + "flatten or drop includes — the heaviest: \(heaviest)")
        }
        for problem in walk.problems { result.fail(problem) }
        switch record.all?.qualifier {
        case "+"?:
            result.fail("`+all` lets any server send as \(domain): end the record with `~all` or `-all`")
        case "?"?:
            result.warn(
                "`?all` is neutral: servers not listed are neither allowed nor refused; end with `~all` or `-all`")
        case nil where record.redirect == nil:
            result.warn("no `all` at the end: servers not listed are neutral; end the record with `~all` or `-all`")
        default:
            break
        }
        for host in sendingHosts where !host.includes.contains(where: { walk.includes.contains($0) }) {
            result.fail(
                "the mailboxes send through \(host.name), but SPF does not include it: add `include:\(host.includes[0])`"
            )
        }
        return result
    }

    /// The lookups counted through includes, the domains included, and what broke on the way.
    struct Walk {
        var lookups = 0
        /// Each top-level term that costs lookups, with what it costs through its includes.
        var perTerm: [(term: String, lookups: Int)] = []
        var includes: Set<String> = []
        var problems: [String] = []
        private var visiting: Set<String> = []

        mutating func count(_ record: SPFRecord, domain: String, depth: Int, dns: any DNSLookup) async {
            visiting.insert(domain.lowercased())
            defer { visiting.remove(domain.lowercased()) }
            for term in record.terms where term.costsLookup {
                let before = lookups
                lookups += 1
                if term.name == "include" || term.name == "redirect", let target = term.argument?.lowercased() {
                    includes.insert(target.trimmingSuffix("."))
                    await follow(target, from: domain, as: term, depth: depth, dns: dns)
                }
                if depth == 0 {
                    let written = term.isModifier ? "\(term.name)=" : "\(term.name)"
                    perTerm.append(
                        ("\(written)\(term.argument.map { (term.isModifier ? "" : ":") + $0 } ?? "")", lookups - before)
                    )
                }
            }
        }

        private mutating func follow(
            _ target: String, from domain: String, as term: SPFRecord.Term, depth: Int, dns: any DNSLookup
        ) async {
            // A macro (`%{i}`) names a domain only when a message is evaluated.
            guard !target.contains("%") else { return }
            guard !visiting.contains(target), depth < SPFCheck.depthLimit else {
                problems.append("\(term.name) \(target) loops back (from \(domain)): receivers fail SPF (permerror)")
                return
            }
            let records: [String]
            do {
                records = try await dns.lookup(target, .txt).records.compactMap(\.txt).filter(SPFRecord.isSPF)
            } catch {
                problems.append("\(term.name) \(target): \(error)")
                return
            }
            guard records.count == 1, let included = SPFRecord(records[0]) else {
                let what = records.isEmpty ? "has no SPF record" : "has \(records.count) SPF records"
                problems.append(
                    "\(term.name == "include" ? "include:" : "redirect=")\(target) \(what): receivers fail SPF (permerror)"
                )
                return
            }
            await count(included, domain: target, depth: depth + 1, dns: dns)
        }
    }
}

extension DNSRecord {
    /// The text of a TXT record; nil for another type.
    var txt: String? {
        if case .txt(let text) = data { return text }
        return nil
    }
}
