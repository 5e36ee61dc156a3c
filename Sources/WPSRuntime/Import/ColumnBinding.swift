import OutreachAPI

/// How the columns of one CSV header give an import target's fields, worked out once per file
/// (``ColumnTable/binding(for:)``) so that a row is resolved by column position, with no lookup
/// by name.
struct ColumnBinding: Sendable {
    /// A field the header gives, and the columns that give it in order of precedence.
    struct FieldColumns: Sendable {
        let field: Int
        let columns: [Int]
    }

    /// A column no field uses, and the problem a value in it is.
    struct UnknownColumn: Sendable {
        let column: Int
        let problem: ValidationProblem
    }

    /// The table (``ColumnTable/id``) the binding was made with.
    let tableID: ObjectIdentifier
    /// The fields the header gives, by raw value.
    let fields: [FieldColumns]
    /// The columns no field uses, in the order of their names.
    let unknown: [UnknownColumn]
}
