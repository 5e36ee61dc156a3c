import OutreachAPI
import WPSLanguage

/// An API field an import row can give, with the column aliases it also answers to.
protocol ImportField: CaseIterable, Sendable, RawRepresentable where RawValue == Int {
    /// Other column names for the field, in order of precedence (compared as
    /// ``ColumnName/key(_:)`` writes them: `Email Address` is `email_address`).
    var aliases: [String] { get }
    /// A password: sent exactly as written, never trimmed, never shown.
    var isSecret: Bool { get }
}

extension ImportField {
    /// The API's name for the field: the case name.
    var name: String { "\(self)" }
    var isSecret: Bool { false }
}

/// How an import target's fields are named in a row.
///
/// Looking every field and alias up in the row cost some fifty hash lookups a row; resolving
/// the row's own columns against this map costs one per column, and a CSV row read with the
/// map's ``table`` none: its header was bound to the fields once (see the README's performance
/// section).
struct ColumnMap<Field: ImportField>: Sendable {
    /// Column name → (field, precedence: 0 for the field's own name, then its aliases in order).
    let table: ColumnTable
    private var columns: [String: ColumnTable.Entry] { table.entries }
    private let count: Int
    /// Which fields (by raw value) are secrets.
    private let secret: [Bool]

    init() {
        var columns: [String: ColumnTable.Entry] = [:]
        for field in Field.allCases {
            for (rank, name) in ([field.name] + field.aliases).map(ColumnName.key).enumerated()
            where columns[name] == nil {
                columns[name] = ColumnTable.Entry(field: field.rawValue, rank: rank)
            }
        }
        table = ColumnTable(id: ObjectIdentifier(Field.self), entries: columns)
        count = Field.allCases.count
        var secret = [Bool](repeating: false, count: count)
        for field in Field.allCases where field.isSecret { secret[field.rawValue] = true }
        self.secret = secret
    }

    /// Every column name a row may use, as ``ColumnName/key(_:)`` writes it.
    var known: Set<String> { Set(columns.keys) }

    /// The column names that give a secret field → the field's name.
    var secretColumns: [String: String] {
        let names = Field.allCases.map(\.name)
        return columns.filter { secret[$0.value.field] }.mapValues { names[$0.field] }
    }

    /// For a CSV row bound to this map (and no secret written with spaces): calls `body` with
    /// each field the row gives and its value, and returns (with `checking`) the problems of its
    /// unknown columns and of two columns giving one field different values; nil for any other
    /// row, which ``resolve(_:checking:)`` reads.
    func forEachBoundValue(_ row: SourceRow, checking: Bool, _ body: (Field, String) -> Void) -> [ValidationProblem]? {
        guard row.asWritten.isEmpty, let header = row.header, let binding = header.binding, binding.tableID == table.id
        else { return nil }
        let cells = row.cells
        var problems: [ValidationProblem] = []
        for entry in binding.fields {
            guard let field = Field(rawValue: entry.field) else { continue }
            var taken: (column: Int, value: String)?
            for column in entry.columns where column < cells.count {
                guard let value = cells[column] else { continue }
                guard let first = taken else {
                    body(field, value)
                    taken = (column, value)
                    if !checking { break }
                    continue
                }
                if value != first.value {
                    problems.append(Self.conflict(field, header.names[first.column], header.names[column]))
                }
            }
        }
        if checking {
            for unknown in binding.unknown where unknown.column < cells.count && cells[unknown.column] != nil {
                problems.append(unknown.problem)
            }
        }
        return problems
    }

    /// The row's values by field (where several columns give a field, its own name wins, then
    /// its aliases in order), and with `checking` a problem for each column no field uses.
    /// Secrets are taken as written (``SourceRow/asWritten``), the rest trimmed.
    func resolve(_ row: SourceRow, checking: Bool) -> ResolvedRow<Field> {
        var values = [String?](repeating: nil, count: count)
        // A CSV row bound to this map: by position, the first non-empty column of each field.
        if let problems = forEachBoundValue(row, checking: checking, { values[$0.rawValue] = $1 }) {
            return ResolvedRow(values: values, problems: problems)
        }
        var ranks = [Int](repeating: .max, count: count)
        var givenBy = [String](repeating: "", count: count)
        var unknown: [String] = []
        var conflicts: [ValidationProblem] = []
        row.forEachField { column, value in
            guard let entry = columns[ColumnName.key(column)] else {
                if checking { unknown.append(column) }
                return
            }
            if checking, let earlier = values[entry.field], earlier != value, let field = Field(rawValue: entry.field) {
                let (first, second) =
                    entry.rank < ranks[entry.field] ? (column, givenBy[entry.field]) : (givenBy[entry.field], column)
                conflicts.append(Self.conflict(field, first, second))
            }
            if entry.rank < ranks[entry.field] {
                values[entry.field] = value
                ranks[entry.field] = entry.rank
                givenBy[entry.field] = column
            }
        }
        // A secret trimming changed (or emptied) is sent as written.
        for (column, written) in row.asWritten {
            guard let entry = columns[ColumnName.key(column)], secret[entry.field], entry.rank <= ranks[entry.field]
            else { continue }
            values[entry.field] = written.text
            ranks[entry.field] = entry.rank
        }
        var problems: [ValidationProblem] = []
        if !unknown.isEmpty {
            let names = Array(columns.keys)
            problems = unknown.sorted().map { column in
                let suggestion =
                    Suggestion.closest(to: ColumnName.key(column), in: names).map { " — did you mean '\($0)'?" } ?? ""
                return ValidationProblem(column, "unknown column\(suggestion)")
            }
        }
        return ResolvedRow(values: values, problems: problems + conflicts.sorted { $0.message < $1.message })
    }

    /// Two columns of a row give one field different values: the one that would win is not
    /// known to be the one meant, and the other would be lost. (Neither value is shown: the
    /// field may be a password.)
    static func conflict(_ field: Field, _ first: String, _ second: String) -> ValidationProblem {
        ValidationProblem(
            field.name,
            "the columns '\(first)' and '\(second)' both give it, with different values: leave one out with --ignore-column"
        )
    }
}

/// A row's values by API field, and the problems found converting them.
struct ResolvedRow<Field: ImportField> {
    private let values: [String?]
    /// Unknown columns, then fields that do not convert (e.g. a port that is not a whole number).
    var problems: [ValidationProblem]

    init(values: [String?], problems: [ValidationProblem]) {
        self.values = values
        self.problems = problems
    }

    /// The text of a field.
    func text(_ field: Field) -> String? { values[field.rawValue] }

    /// An integer field; text that is not a whole number is a problem.
    mutating func int(_ field: Field) -> Int? {
        guard let text = values[field.rawValue] else { return nil }
        if let number = Int(text) { return number }
        if let number = Double(text), number == number.rounded(), abs(number) < 1e15 { return Int(number) }
        problems.append(ValidationProblem(field.name, "must be a whole number, got '\(text)'"))
        return nil
    }
}
