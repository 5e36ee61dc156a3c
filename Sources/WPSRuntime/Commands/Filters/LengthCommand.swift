import WPSLanguage

/// `length`: items of a list, characters of a text, fields of a record.
enum LengthCommand {
    static let definition = CommandDefinition(
        ["length"], "How many items a list has, characters a text, or fields a record.", category: .filter,
        examples: [#"echo "Q4 outreach" | length"#],
        tests: ["e2e:test_language_cli.py::test_length_sleep_clear_and_env_variables"]
    ) { invocation, _ in
        switch invocation.input {
        case .list(let items): .int(items.count)
        case .record(let record): .int(record.count)
        case .null: .int(0)
        default: .int(invocation.input.text.count)
        }
    }
    .handlingPages(.counting)
}
