/// A checked `sort` (`+company,-last_contacted`): each item ascending unless `-`; text compared
/// with case ignored, dates with never-happened first; ties broken by id ascending (gap 16).
struct ProspectSort: Sendable {
    private let items: [(field: String, ascending: Bool)]

    init(_ sort: String) {
        items = sort.split(separator: ",").map { item in
            let ascending = item.first != "-"
            let field = item.first.map { "+- ".contains($0) } == true ? String(item.dropFirst()) : String(item)
            return (field, ascending)
        }
    }

    /// The key column of one sort item over `positions`.
    private enum Keys {
        case text([String])
        case number([Double])
        case none
    }

    private func keys(
        _ field: String, _ positions: [Int], _ records: [Prospect], _ activity: [Int: ProspectActivity]
    ) -> Keys {
        switch field {
        case "id": return .none  // positions are in id order already
        case "email": return .text(positions.map { records[$0].email.lowercased() })
        case "status": return .text(positions.map { records[$0].status })
        case "updated": return .number(positions.map { records[$0].updated })
        case "last_contacted": return .number(positions.map { records[$0].lastContacted ?? -.infinity })
        case "last_replied": return .number(positions.map { records[$0].lastReplied ?? -.infinity })
        case "last_opened": return .number(positions.map { activity[records[$0].id]?.lastOpened ?? -.infinity })
        case "last_clicked": return .number(positions.map { activity[records[$0].id]?.lastClicked ?? -.infinity })
        case "sent_mails": return .number(positions.map { Double(activity[records[$0].id]?.sentMails ?? 0) })
        default:
            guard let column = Prospect.columnIndex[field] else { return .none }  // all equal
            return .text(positions.map { records[$0].values[column].lowercased() })
        }
    }

    /// Sorts `positions` (ascending, i.e. in id order) by the items.
    func order(_ positions: inout [Int], _ records: [Prospect], activity: [Int: ProspectActivity] = [:]) {
        // Sort indexes into `positions` so each item's keys are computed once.
        let columns = items.map { (keys($0.field, positions, records, activity), $0.ascending, $0.field == "id") }
        var order = Array(positions.indices)
        order.sort { left, right in
            for (keys, ascending, isID) in columns {
                if isID {
                    if positions[left] != positions[right] {
                        return ascending == (positions[left] < positions[right])
                    }
                    continue
                }
                switch keys {
                case .text(let values):
                    if values[left] != values[right] { return ascending == (values[left] < values[right]) }
                case .number(let values):
                    if values[left] != values[right] { return ascending == (values[left] < values[right]) }
                case .none:
                    continue
                }
            }
            return positions[left] < positions[right]
        }
        positions = order.map { positions[$0] }
    }
}
