extension TableRenderer {
    /// Whether a record prints as sections rather than a tree: it holds at least one flat record
    /// or list of records, and every field is a scalar, a list of scalars, a flat record or a
    /// list of flat records (`campaign stats`: its totals, mailboxes and steps). A flat record's
    /// fields are scalars or lists of scalars.
    static func isSectioned(_ record: Record) -> Bool {
        var nested = false
        for field in record {
            switch field.value {
            case .record(let inner):
                guard isFlat(inner) else { return false }
                nested = true
            case .list(let items) where items.allSatisfy(\.isScalar):
                continue
            case .list(let items):
                for item in items {
                    guard case .record(let inner) = item, isFlat(inner) else { return false }
                }
                nested = true
            default:
                continue
            }
        }
        return nested
    }

    private static func isFlat(_ record: Record) -> Bool {
        record.allSatisfy { field in
            if case .list(let items) = field.value { return items.allSatisfy(\.isScalar) }
            return field.value.isScalar
        }
    }

    /// The record's scalars as `field value` rows, then each nested record (as key/value rows)
    /// and list of records (as a table) under a line with its field's name, a blank line between.
    func sections(_ record: Record) -> String {
        var scalars = Record()
        var parts: [String] = []
        for field in record {
            switch field.value {
            case .record(let inner):
                parts.append(field.key + "\n" + keyValues(inner))
            case .list(let items) where !items.allSatisfy(\.isScalar):
                parts.append(field.key + "\n" + render(field.value))
            case .list(let items) where items.isEmpty:
                parts.append(field.key + "\n" + render(field.value))
            default:
                scalars[field.key] = field.value
            }
        }
        if !scalars.isEmpty { parts.insert(keyValues(scalars), at: 0) }
        return parts.joined(separator: "\n\n")
    }
}
