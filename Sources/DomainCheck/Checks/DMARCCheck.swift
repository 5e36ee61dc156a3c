/// The DMARC check: a `v=DMARC1` record at `_dmarc.DOMAIN`, else at the organizational domain's
/// (RFC 7489 §6.6.3), its policy for the domain (`sp=` for a subdomain when the record is
/// inherited and has one, else `p=`), and whether `rua=` asks for aggregate reports.
///
/// The organizational domain is taken as the last two labels (`mail.example.com` →
/// `example.com`): without the Public Suffix List, a domain under `co.uk` falls back to
/// `_dmarc.co.uk`, which has no record.
struct DMARCCheck: Sendable {
    let dns: any DNSLookup
    static let policies = ["none", "quarantine", "reject"]

    func run(_ domain: String) async -> CheckResult {
        var result = CheckResult(.dmarc)
        let name = "_dmarc.\(domain)"
        let own: Found
        do { own = try await records(at: name) } catch {
            result.fail("\(error)")
            return result
        }
        var found = own
        var inherited: String?
        if own.records.isEmpty, let organizational = Self.organizationalDomain(domain) {
            let orgName = "_dmarc.\(organizational)"
            do { found = try await records(at: orgName) } catch {
                result.fail("\(error)")
                return result
            }
            if !found.records.isEmpty { inherited = orgName }
        }
        guard let text = found.records.first else {
            result.found = "no record at \(name)"
            if let near = own.nearMisses.first ?? found.nearMisses.first {
                result.fail(
                    "`\(near)` is not read as DMARC: the version is case-sensitive, start the record with `v=DMARC1`")
                return result
            }
            result.warn(
                "no DMARC record: publish a TXT record at \(name) such as `v=DMARC1; p=none; rua=mailto:dmarc@\(domain)` "
                    + "(Gmail and Yahoo ask bulk senders for one)")
            return result
        }
        let at = inherited ?? name
        guard found.records.count == 1 else {
            result.found = found.records.joined(separator: " | ")
            result.fail("\(found.records.count) DMARC records at \(at): receivers ignore them all; keep one")
            return result
        }
        let tags = TagList(text)
        // A subdomain inheriting the record gets `sp=` when there is one (§6.3).
        let (tag, policy) =
            inherited != nil && tags["sp"] != nil ? ("sp", tags["sp"]?.lowercased()) : ("p", tags["p"]?.lowercased())
        let rua = tags["rua"].flatMap { $0.isEmpty ? nil : $0 }
        result.found =
            "\(tag)=\(policy ?? "(none given)")" + (rua.map { ", rua=\($0)" } ?? ", no rua")
            + (inherited.map { " (inherited from \($0))" } ?? "")
        switch policy {
        case nil:
            result.fail("no p= policy: receivers ignore the record; add `p=none` (or quarantine, reject)")
        case let policy? where !Self.policies.contains(policy):
            result.fail("\(tag)=\(policy) is not a policy: use none, quarantine or reject")
        default:
            break
        }
        if rua == nil {
            result.warn("no rua= tag: no aggregate reports reach you; add `rua=mailto:dmarc@\(domain)`")
        }
        return result
    }

    /// The DMARC records at a name, and the TXT records that would be one but for the case of
    /// `DMARC1` (`v=dmarc1`).
    struct Found {
        var records: [String] = []
        var nearMisses: [String] = []
    }

    private func records(at name: String) async throws -> Found {
        var found = Found()
        for text in try await dns.lookup(name, .txt).records.compactMap(\.txt) {
            if Self.isDMARC(text) {
                found.records.append(text)
            } else if text.lowercased().filter({ !$0.isWhitespace }).hasPrefix("v=dmarc1") {
                found.nearMisses.append(text)
            }
        }
        return found
    }

    /// Whether a TXT record is a DMARC record: its first tag is `v` with the value `DMARC1`
    /// (RFC 7489 §6.4: `"v" *WSP "=" *WSP %x44.4d.41.52.43.31`, spaces around `=` allowed,
    /// the value case-sensitive).
    static func isDMARC(_ text: String) -> Bool {
        let first = text.split(separator: ";", maxSplits: 1, omittingEmptySubsequences: false)[0]
        guard let equals = first.firstIndex(of: "=") else { return false }
        // Nothing before `v`: the grammar starts the record with it.
        return first[..<equals].trimmingSuffixCharacters(of: " \t").lowercased() == "v"
            && first[first.index(after: equals)...].trimmed(of: " \t") == "DMARC1"
    }

    /// The last two labels of a domain of three or more: the organizational domain as a naive
    /// reading of RFC 7489 §3.2 takes it (wrong under public suffixes such as `co.uk`).
    static func organizationalDomain(_ domain: String) -> String? {
        let labels = domain.split(separator: ".")
        guard labels.count > 2 else { return nil }
        return labels.suffix(2).joined(separator: ".")
    }
}

extension StringProtocol {
    /// The text without trailing characters of `set`.
    func trimmingSuffixCharacters(of set: String) -> String {
        var slice = Substring(self)
        while let last = slice.last, set.contains(last) { slice = slice.dropLast() }
        return String(slice)
    }
}
