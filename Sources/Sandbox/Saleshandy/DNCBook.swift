import OutreachAPI

/// A tenant's do-not-contact lists (docs/contract/saleshandy/dnc.md): one account-wide list to
/// begin with; items added through the API, an email or a domain each, lower-cased.
struct DNCBook: Codable, Sendable {
    struct List: Codable, Sendable {
        var id: String
        var name: String
        var createdAt: Double
        var updatedAt: Double
        var items: [SaleshandyDNCItem]
    }

    var lists: [List] = []
    var seeded = false
    var nextItem = 1

    /// The account-wide list's id.
    static let globalID = "dnGl0ba1Ls"

    mutating func seedIfNeeded(at now: Double) {
        guard !seeded else { return }
        seeded = true
        lists.append(
            List(id: Self.globalID, name: "Global Do Not Contact List", createdAt: now, updatedAt: now, items: []))
    }

    /// Adds `values` to the list at `index`: one already there, or repeated, is skipped.
    mutating func add(_ values: [String], toListAt index: Int, at now: Double) -> SaleshandyDNCAdded {
        var result = SaleshandyDNCAdded(added: 0, skipped: 0)
        for raw in values {
            let value = raw.trimmingCharacters(in: .whitespaces).lowercased()
            if lists[index].items.contains(where: { $0.value == value }) {
                result.skipped += 1
                continue
            }
            lists[index].items.append(
                SaleshandyDNCItem(
                    id: "di" + String(nextItem, radix: 36), value: value,
                    type: value.contains("@") ? "email" : "domain",
                    createdAt: Self.text(now)))
            nextItem += 1
            result.added += 1
        }
        lists[index].updatedAt = now
        return result
    }

    /// Whether `email` (or its domain) is on any list.
    func blocks(_ email: String) -> Bool {
        let address = email.lowercased()
        let domain = address.split(separator: "@").last.map(String.init) ?? ""
        return lists.contains { list in list.items.contains { $0.value == address || $0.value == domain } }
    }

    /// `2026-12-08T00:59:44.000Z`.
    static func text(_ seconds: Double) -> String { String(SandboxTime.v1Text(seconds).dropLast(5)) + ".000Z" }
}
