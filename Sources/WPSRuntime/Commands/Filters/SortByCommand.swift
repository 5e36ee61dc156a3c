import WPSLanguage

/// `sort-by FIELD [--reverse]`: one total order over every kind of value; nulls last either way;
/// equal keys keep their input order.
enum SortByCommand {
    static let field = Positional<String>("field", .field, read: .word)
    static let reverse = Flag<Bool>("reverse", "largest first")

    static let definition = CommandDefinition(
        ["sort-by"], "Sort by a field.", category: .filter, positionals: [field], flags: [reverse],
        examples: ["campaign list | sort-by name --reverse"],
        tests: ["InterpreterTests.sortByPutsNullsLastAndMixedKindsInOneOrder"]
    ) { invocation, _ in
        guard let field = invocation[field] else { return invocation.input }
        let reverse = invocation[reverse] == true
        // Scalars sort by themselves (`sort-by it`); records by the field.
        let keyed = try invocation.input.items.map { item throws(RuntimeError) in
            guard case .record = item else { return (item, item) }
            return (item, try item.get(Interpreter.path(field)))
        }
        let sorted = keyed.enumerated().sorted { left, right in
            let (a, b) = (left.element.1, right.element.1)
            if a == .null || b == .null {
                return a == b ? left.offset < right.offset : b == .null
            }
            let order = reverse ? Value.sortOrder(b, a) : Value.sortOrder(a, b)
            return order == 0 ? left.offset < right.offset : order < 0
        }
        return .list(sorted.map(\.element.0))
    }
}
