import Foundation

/// The DKIM check: a key at `SELECTOR._domainkey.DOMAIN` for each selector tried, and whether
/// each key found parses.
struct DKIMCheck: Sendable {
    let dns: any DNSLookup
    /// The selectors to try.
    let selectors: [String]
    /// Whether the selectors were named (`--dkim-selector`): then finding none fails and missing
    /// some warns; from the common list, finding none only warns.
    let named: Bool

    /// What one selector's lookup found.
    enum Lookup: Sendable {
        /// A record with a `p=` tag.
        case key(TagList)
        /// No DKIM record at the selector.
        case missing
        /// The lookup failed.
        case failed(String)
    }

    func run(_ domain: String) async -> CheckResult {
        var result = CheckResult(.dkim)
        var found: [String] = []
        var missing: [String] = []
        var failed: [(selector: String, error: String)] = []
        for (selector, lookup) in zip(selectors, await lookUp(domain)) {
            switch lookup {
            case .failed(let error):
                failed.append((selector, error))
            case .missing:
                missing.append(selector)
            case .key(let tags):
                found.append(selector)
                guard let problem = Self.keyProblem(tags) else { break }
                // A revoked key at a common selector is often an old key left behind while
                // another selector signs; at a named selector it is the one expected to sign.
                if !named, (tags["p"] ?? "").allSatisfy(\.isWhitespace) {
                    result.warn("selector \(selector): \(problem)")
                } else {
                    result.fail("selector \(selector): \(problem)")
                }
            }
        }
        // Of the common list only what was found says something; of named selectors, each.
        result.found =
            (found.isEmpty ? "no key" : "key at \(found.joined(separator: ", "))")
            + (missing.isEmpty || (!named && !found.isEmpty) ? "" : "; none at \(missing.joined(separator: ", "))")
        if found.isEmpty, let first = failed.first {
            // Nothing found because nothing answered says nothing about the keys.
            let which = failed.map(\.selector).joined(separator: ", ")
            result.fail(
                "could not look up DKIM selector\(failed.count == 1 ? "" : "s") \(which)"
                    + (failed.count == 1 ? ": " : " (the first: ") + first.error + (failed.count == 1 ? "" : ")"))
        } else if found.isEmpty {
            let tried = selectors.joined(separator: ", ")
            if named {
                result.fail(
                    "no DKIM key at the selector\(selectors.count == 1 ? "" : "s") \(tried): publish the key your provider gives"
                )
            } else {
                result.warn(
                    "no DKIM key at the common selectors (\(tried)): name yours with --dkim-selector, or publish the key your provider gives"
                )
            }
        } else {
            if named, !missing.isEmpty {
                result.warn(
                    "no DKIM key at \(missing.joined(separator: ", ")): publish it, or stop naming the selector")
            }
            // A common selector that did not answer, when a key was found, matters no more than
            // one without a key.
            for (selector, error) in failed where named {
                result.warn("could not look up selector \(selector): \(error)")
            }
        }
        return result
    }

    /// Each selector's lookup, in the order of `selectors`, the queries made at once (one
    /// after another, a silent server made nine 4-second waits).
    private func lookUp(_ domain: String) async -> [Lookup] {
        await withTaskGroup(of: (Int, Lookup).self) { group in
            for (index, selector) in selectors.enumerated() {
                let dns = dns
                group.addTask {
                    do {
                        let records = try await dns.lookup("\(selector)._domainkey.\(domain)", .txt).records
                            .compactMap(\.txt)
                        guard let text = records.first(where: { TagList($0)["p"] != nil }) else {
                            return (index, .missing)
                        }
                        return (index, .key(TagList(text)))
                    } catch {
                        return (index, .failed("\(error)"))
                    }
                }
            }
            var lookups = [Lookup](repeating: .missing, count: selectors.count)
            for await (index, lookup) in group { lookups[index] = lookup }
            return lookups
        }
    }

    /// What is wrong with a DKIM record's key (RFC 6376 §3.6.1), or nil when it parses: `p=` is
    /// base64 of an RSA SubjectPublicKeyInfo (a DER SEQUENCE), or of 32 bytes for `k=ed25519`.
    static func keyProblem(_ tags: TagList) -> String? {
        if let version = tags["v"], version != "DKIM1" { return "v=\(version) is not DKIM1" }
        let key = (tags["p"] ?? "").filter { !$0.isWhitespace }
        guard !key.isEmpty else { return "the key is revoked (empty p=)" }
        guard let bytes = Data(base64Encoded: key) else { return "the key does not parse: p= is not base64" }
        switch tags["k"]?.lowercased() ?? "rsa" {
        case "rsa":
            guard DER.isSequence([UInt8](bytes)) else {
                return "the key does not parse: p= is not an RSA public key (DER SubjectPublicKeyInfo)"
            }
            return nil
        case "ed25519":
            return bytes.count == 32 ? nil : "the key does not parse: an ed25519 key is 32 bytes, p= has \(bytes.count)"
        case let other:
            return "k=\(other) is not a key type DKIM knows (rsa, ed25519)"
        }
    }
}

/// Just enough DER to tell a public key from noise.
enum DER {
    /// Whether the bytes are exactly one DER SEQUENCE (tag 0x30) whose length covers the rest.
    static func isSequence(_ bytes: [UInt8]) -> Bool {
        guard bytes.count >= 2, bytes[0] == 0x30 else { return false }
        let first = Int(bytes[1])
        if first < 0x80 { return first == bytes.count - 2 }
        let lengthBytes = first & 0x7F
        guard (1...4).contains(lengthBytes), bytes.count >= 2 + lengthBytes else { return false }
        let length = bytes[2..<(2 + lengthBytes)].reduce(0) { $0 << 8 | Int($1) }
        return length == bytes.count - 2 - lengthBytes
    }
}
