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
        let ending = await walk.count(record, domain: domain, depth: 0, dns: dns)
        result.found = "\(text) (\(walk.lookups) DNS lookup\(walk.lookups == 1 ? "" : "s"))"
        if walk.lookups > Self.lookupLimit {
            let heaviest = walk.perTerm.sorted { $0.lookups > $1.lookups }.prefix(3)
                .map { "\($0.term) (\($0.lookups))" }.joined(separator: ", ")
            result.fail(
                "\(walk.lookups) DNS lookups, over RFC 7208's limit of \(Self.lookupLimit): receivers fail SPF (permerror); "
                    + "flatten or drop includes — the heaviest: \(heaviest)")
        }
        for problem in walk.problems { result.fail(problem) }
        // With no `all`, a redirect's record decides what happens to servers not listed.
        let through = ending.redirects.last.map { " (the record of redirect=\($0))" } ?? ""
        switch ending.all?.qualifier {
        case "+"?:
            result.fail("`+all`\(through) lets any server send as \(domain): end the record with `~all` or `-all`")
        case "?"?:
            result.warn(
                "`?all`\(through) is neutral: servers not listed are neither allowed nor refused; end with `~all` or `-all`"
            )
        case nil where !ending.broken:
            result.warn(
                "no `all` at the end\(through): servers not listed are neutral; end the record with `~all` or `-all`")
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

    /// How evaluating a record ends for a server it does not list: its `all`, or with none,
    /// that of the record its `redirect=` names, and so on.
    struct Ending {
        /// The `all` that decides; nil when the last record has none.
        var all: SPFRecord.Term?
        /// The `redirect=` domains followed to it, in order.
        var redirects: [String] = []
        /// Whether a redirect could not be followed (its problem is reported already).
        var broken = false
    }

    /// The lookups counted through includes, the domains included, and what broke on the way.
    struct Walk {
        var lookups = 0
        /// Each top-level term that costs lookups, with what it costs through its includes.
        var perTerm: [(term: String, lookups: Int)] = []
        var includes: Set<String> = []
        var problems: [String] = []
        private var visiting: Set<String> = []

        /// Counts the lookups of the terms a receiver evaluates (none after `all`; `redirect=`
        /// only without an `all`), and returns how the record ends.
        mutating func count(_ record: SPFRecord, domain: String, depth: Int, dns: any DNSLookup) async -> Ending {
            visiting.insert(domain.lowercased())
            defer { visiting.remove(domain.lowercased()) }
            var ending = Ending(all: record.all)
            for term in record.evaluatedTerms where term.costsLookup {
                let before = lookups
                lookups += 1
                if term.name == "include" || term.name == "redirect", let target = term.argument?.lowercased() {
                    includes.insert(target.trimmingSuffix("."))
                    let followed = await follow(target, from: domain, as: term, depth: depth, dns: dns)
                    if term.name == "redirect" {
                        if let followed {
                            ending = followed
                            ending.redirects.insert(target.trimmingSuffix("."), at: 0)
                        } else {
                            ending.broken = true
                        }
                    }
                }
                if depth == 0 {
                    let written = term.isModifier ? "\(term.name)=" : "\(term.name)"
                    perTerm.append(
                        ("\(written)\(term.argument.map { (term.isModifier ? "" : ":") + $0 } ?? "")", lookups - before)
                    )
                }
            }
            return ending
        }

        /// Counts the record `target` names; how it ends, nil when it could not be read.
        private mutating func follow(
            _ target: String, from domain: String, as term: SPFRecord.Term, depth: Int, dns: any DNSLookup
        ) async -> Ending? {
            let written = "\(term.name == "include" ? "include:" : "redirect=")\(target)"
            // A macro (`%{i}`) names a domain only when a message is evaluated.
            guard !target.contains("%") else { return Ending(all: nil, broken: true) }
            guard !visiting.contains(target) else {
                problems.append("\(written) loops back (from \(domain)): receivers fail SPF (permerror)")
                return nil
            }
            guard depth < SPFCheck.depthLimit else {
                problems.append(
                    "\(written) (from \(domain)) nests more than \(SPFCheck.depthLimit) records deep: "
                        + "wps stops following there; receivers fail SPF (permerror) past 10 lookups")
                return nil
            }
            let records: [String]
            do {
                records = try await dns.lookup(target, .txt).records.compactMap(\.txt).filter(SPFRecord.isSPF)
            } catch {
                problems.append("\(written): \(error)")
                return nil
            }
            guard records.count == 1, let included = SPFRecord(records[0]) else {
                let what = records.isEmpty ? "has no SPF record" : "has \(records.count) SPF records"
                problems.append("\(written) \(what): receivers fail SPF (permerror)")
                return nil
            }
            return await count(included, domain: target, depth: depth + 1, dns: dns)
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
