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

    func run(_ domain: String) async -> CheckResult {
        var result = CheckResult(.dkim)
        var found: [String] = []
        var missing: [String] = []
        for selector in selectors {
            let name = "\(selector)._domainkey.\(domain)"
            let records: [String]
            do {
                records = try await dns.lookup(name, .txt).records.compactMap(\.txt)
            } catch {
                result.fail("\(error)")
                continue
            }
            guard let text = records.first(where: { TagList($0)["p"] != nil }) else {
                missing.append(selector)
                continue
            }
            found.append(selector)
            if let problem = Self.keyProblem(TagList(text)) {
                result.fail("selector \(selector): \(problem)")
            }
        }
        // Of the common list only what was found says something; of named selectors, each.
        result.found =
            (found.isEmpty ? "no key" : "key at \(found.joined(separator: ", "))")
            + (missing.isEmpty || (!named && !found.isEmpty) ? "" : "; none at \(missing.joined(separator: ", "))")
        if found.isEmpty {
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
        } else if named, !missing.isEmpty {
            result.warn("no DKIM key at \(missing.joined(separator: ", ")): publish it, or stop naming the selector")
        }
        return result
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
