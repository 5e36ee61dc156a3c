/// What an import says of rows whose mailboxes were connected before it: the requests and
/// batches counted apart, the settings not applied warned about, and journaled for a resume.
extension MailboxImporter {
    /// What was sent, for the progress line: `2 batches sent` when each request created a batch,
    /// else `8 requests sent, 0 batches created` (a 409 creates none); `1 request sent` for units
    /// that are not batches.
    static func sent(requests: Int, created: Int, unit: String) -> String {
        func counted(_ count: Int, _ unit: String) -> String { "\(count) \(count == 1 ? unit : plural(unit))" }
        guard unit == "batch", created != requests else { return counted(requests, unit) + " sent" }
        return counted(requests, "request") + " sent, " + counted(created, "batch") + " created"
    }

    /// The rows of an `existing` part grouped by the fields not applied (none for most), in the
    /// order of their first row: one journal entry each.
    static func byUnappliedFields(
        _ rows: LineSet, _ notApplied: [Int: UnappliedSettings]
    ) -> [(fields: [String], rows: LineSet)] {
        var groups: [[String]: LineSet] = [:]
        for range in rows.ranges {
            for row in range { groups[notApplied[row]?.fields ?? [], default: LineSet()].insert(row) }
        }
        return groups.map { ($0.key, $0.value) }.sorted { ($0.rows.first ?? 0) < ($1.rows.first ?? 0) }
    }

    /// The warnings of rows already connected: each row whose settings were not applied by its
    /// place; rows whose shown settings agree but that give settings the API does not show, one
    /// line for all of them.
    func warnUnapplied(_ notApplied: [Int: UnappliedSettings], rows: LineSet, places: RowPlaces) {
        var unseenRows = LineSet()
        var unseen: [String] = []
        for (row, unapplied) in notApplied.sorted(by: { $0.key < $1.key }) {
            guard unapplied.fields.isEmpty else {
                let place = places.place(of: row).map(String.init(describing:)) ?? "\(row)"
                progress.note("warning: \(source.name):\(place): \(unapplied.warning)")
                continue
            }
            guard !unapplied.unseen.isEmpty else { continue }
            unseenRows.insert(row)
            for field in unapplied.unseen where !unseen.contains(field) { unseen.append(field) }
        }
        guard !unseenRows.isEmpty else { return }
        if unseenRows.count == 1, let row = unseenRows.first, let unapplied = notApplied[row] {
            let place = places.place(of: row).map(String.init(describing:)) ?? "\(row)"
            progress.note("warning: \(source.name):\(place): \(unapplied.warning)")
            return
        }
        progress.note(
            "warning: lines \(places.describe(unseenRows)) of \(source.name): \(unseenRows.count) mailboxes are already connected; "
                + UnappliedSettings.mayNotHaveBeenApplied(unseen))
    }

    /// The `existing` entries of a journal as settlements: the fields a row's settings were not
    /// applied for come back with the row's email (read again from the source: a journal holds
    /// no field of a row).
    func resumedExisting(
        _ entries: [(rows: LineSet, batch: String?, notApplied: [String])]
    ) throws -> [Settlement] {
        var wanted = LineSet()
        for entry in entries where !entry.notApplied.isEmpty { wanted.formUnion(entry.rows) }
        var emails: [Int: String] = [:]
        if !wanted.isEmpty {
            var reader = try reading.rows(known: target.knownColumns, columns: target.columnTable)
            var number = 0
            while number < (wanted.last ?? 0), let row = try reader.next() {
                number += 1
                guard wanted.contains(number), row.problem == nil else { continue }
                emails[number] = target.email(of: target.item(from: row, checking: false).item) ?? ""
            }
        }
        return entries.map { entry in
            var notApplied: [Int: UnappliedSettings] = [:]
            if !entry.notApplied.isEmpty {
                for range in entry.rows.ranges {
                    for row in range {
                        notApplied[row] = UnappliedSettings(email: emails[row] ?? "", fields: entry.notApplied)
                    }
                }
            }
            return .existing(entry.rows, batch: entry.batch, notApplied: notApplied)
        }
    }
}
