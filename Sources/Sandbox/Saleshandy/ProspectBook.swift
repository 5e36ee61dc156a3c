import OutreachAPI

/// A tenant's Saleshandy prospects, by email, with the sequences each is in, and the imports that
/// brought them (docs/contract/saleshandy/prospects_import.md, proposals 2–7).
struct ProspectBook: Codable, Sendable {
    /// One prospect: its fields by name, and its status in each sequence it is in.
    struct Entry: Codable, Sendable {
        var id: String
        var createdAt: Double
        var fields: [String: String]
        var sequences: [String: String]
    }

    /// One import: when it was asked for, and the rows that failed (email, reason).
    struct ImportRecord: Codable, Sendable {
        var submittedAt: Double
        var failures: [[String]]
        var rows: Int
    }

    var entries: [Entry] = []
    /// Lower-cased email → index in ``entries``.
    var byEmail: [String: Int] = [:]
    var imports: [String: ImportRecord] = [:]
    var nextImport = 0x7a5001
    var nextProspect = 1

    /// The field names an account has (`Email`, `First Name`, …): an import's keys must be among them.
    static let fieldNames: Set<String> = [
        "Email", "First Name", "Last Name", "Company", "Country", "Phone Number", "Job Title", "City", "State",
        "LinkedIn", "Website", "Industry",
    ]

    /// Imports `request` into `sequenceID` at `now`: each row added or merged by its conflict
    /// action, the failing ones kept for the report. Returns the request id.
    mutating func run(
        _ request: SaleshandyProspectImport, into sequenceID: String, at now: Double,
        blocked: (String) -> Bool = { _ in false }
    ) -> String {
        let id = String(nextImport, radix: 16)
        nextImport += 1
        var failures: [[String]] = []
        var seen: Set<String> = []
        for fields in request.prospectList {
            let email = (fields["Email"] ?? "").trimmingCharacters(in: .whitespaces)
            guard Validation.saleshandyProspect(["Email": email]).isEmpty else {
                failures.append([email, "invalid email"])
                continue
            }
            // The sandbox's own rule, so a report can be seen: a domain under the reserved `.invalid`
            // does not exist.
            if email.lowercased().hasSuffix(".invalid") {
                failures.append([email, "the address's domain does not exist"])
                continue
            }
            if let unknown = fields.keys.sorted().first(where: { !Self.fieldNames.contains($0) }) {
                failures.append([email, "unknown field \(unknown)"])
                continue
            }
            if blocked(email) {
                failures.append([email, "do not contact"])
                continue
            }
            let key = email.lowercased()
            guard seen.insert(key).inserted else {
                failures.append([email, "duplicate in request"])
                continue
            }
            let given = fields.filter { !$0.value.isEmpty }
            if let index = byEmail[key] {
                switch request.conflictAction {
                case "overwrite": entries[index].fields.merge(given) { _, new in new }
                case "addMissingFields":
                    entries[index].fields.merge(given) { old, new in old.isEmpty ? new : old }
                default: break
                }
                if entries[index].sequences[sequenceID] == nil { entries[index].sequences[sequenceID] = "active" }
            } else {
                byEmail[key] = entries.count
                entries.append(
                    Entry(
                        id: "pr" + String(nextProspect, radix: 36), createdAt: now, fields: given,
                        sequences: [sequenceID: "active"]))
                nextProspect += 1
            }
        }
        imports[id] = ImportRecord(submittedAt: now, failures: failures, rows: request.prospectList.count)
        return id
    }
}
