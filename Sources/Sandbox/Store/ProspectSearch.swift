import OutreachAPI

/// The `search` filter: `field=value` pairs, all fields matching (AND), any value of one field
/// (OR); case ignored (gap 18). `email` matches a full address exactly and anything shorter as
/// part of the address; `organization_id` matches exactly (the sandbox assigns none); every
/// other field matches when it contains the value.
struct ProspectSearch: Sendable {
    private let groups: [(field: String, values: [String])]

    init(_ pairs: [(field: String, value: String)]) {
        var order: [String] = []
        var values: [String: [String]] = [:]
        for (field, value) in pairs {
            if values[field] == nil { order.append(field) }
            values[field, default: []].append(value.lowercased())
        }
        groups = order.map { ($0, values[$0] ?? []) }
    }

    func matches(_ prospect: Prospect) -> Bool {
        groups.allSatisfy { group in
            switch group.field {
            case "email":
                let email = prospect.email.lowercased()
                return group.values.contains { value in
                    Validation.isValidEmail(value) ? email == value : email.contains(value)
                }
            case "organization_id":
                return false
            default:
                guard let column = Prospect.columnIndex[group.field] else { return false }
                let text = prospect.values[column].lowercased()
                return group.values.contains { text.contains($0) }
            }
        }
    }
}
