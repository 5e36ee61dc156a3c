import WPSLanguage

extension TableRenderer {
    /// The fields that name a nested record in a cell, in order of preference; then a field
    /// ending in one of them (`smtp_email`, `campaign_name`).
    static let namingFields = ["email", "name", "title", "id"]

    /// A value as one line of a cell: a record by what names it (`details` of a mailbox: its
    /// email), a list by its items (`ann@x.co, bob@x.co`), text on one line.
    func cell(_ value: Value) -> String {
        cell(value, width: nil)
    }

    /// A value as one line of a cell within `width` columns (nil: no limit): a list shows as many
    /// of its items as fit, then how many more (`ann@x.co, +2`), or only how many it has
    /// (`3 items`) when not even one fits.
    func cell(_ value: Value, width: Int?) -> String {
        switch value {
        case .list(let items):
            return listCell(items.map { cell($0) }, width: width)
        case .record(let record):
            if let named = Self.name(of: record) { return cell(named, width: width) }
            return record.count == 1 ? "{1 field}" : "{\(record.count) fields}"
        default:
            let text =
                value.text.contains(where: \.isNewline)
                ? String(value.text.map { $0.isNewline ? " " : $0 }) : value.text
            return width.map { Self.cut(text, to: $0) } ?? text
        }
    }

    /// The scalar that names a record: its `email`, `name`, `title` or `id`, else a field ending
    /// `_email`, `_name`, `_title` or `_id` (a connection request's `smtp_email`).
    static func name(of record: Record) -> Value? {
        for key in namingFields {
            if let named = record[key], named.isScalar, named != .null { return named }
        }
        for suffix in namingFields {
            for field in record where field.key.hasSuffix("_" + suffix) && field.value.isScalar && field.value != .null
            {
                return field.value
            }
        }
        return nil
    }

    private func listCell(_ parts: [String], width: Int?) -> String {
        let whole = parts.joined(separator: ", ")
        guard let width, DisplayWidth.of(whole) > width else { return whole }
        // As many whole items as fit with the count of the rest, else the first one cut.
        for shown in stride(from: parts.count - 1, through: 1, by: -1) {
            let text = parts.prefix(shown).joined(separator: ", ") + ", +\(parts.count - shown)"
            if DisplayWidth.of(text) <= width { return text }
        }
        let rest = parts.count > 1 ? " +\(parts.count - 1)" : ""
        if width - DisplayWidth.of(rest) >= 4 {
            return Self.cut(parts.first ?? "", to: width - DisplayWidth.of(rest)) + rest
        }
        return Self.cut("\(parts.count) items", to: width)
    }
}
