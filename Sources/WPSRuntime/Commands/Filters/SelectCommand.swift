import WPSLanguage

/// `select FIELD…`: keeps only these fields of each record (a path keeps its nesting).
enum SelectCommand {
    static let fields = Positional<String>("field", .field, repeating: true, read: .word)

    static let definition = CommandDefinition(
        ["select"], "Keep only these fields.", category: .filter, positionals: [fields],
        tests: [
            "transcript:commands", "e2e:test_language_cli.py::test_select_keeps_nested_paths_so_sort_by_still_works",
        ]
    ) { invocation, _ in
        let names = invocation.all(fields)
        func pick(_ item: Value) -> Value {
            guard case .record(let record) = item else { return item }
            var picked = Record()
            for field in names {
                let value = record[field] ?? (try? item.get(Interpreter.path(field))) ?? .null
                // `select id details.email` keeps the nesting, so `sort-by details.email` still works.
                let parts = field.split(separator: ".").map(String.init)
                if record[field] == nil, parts.count > 1, !field.contains("[") {
                    picked = Interpreter.setting(parts[...], to: value, in: picked)
                } else {
                    picked[field] = value
                }
            }
            return .record(picked)
        }
        if case .list(let items) = invocation.input { return .list(items.map(pick)) }
        return pick(invocation.input)
    }
    .handlingPages(.perItem)
}
