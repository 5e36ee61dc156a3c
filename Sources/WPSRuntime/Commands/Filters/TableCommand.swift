import WPSLanguage

/// `table`: the piped value rendered as a table, as text.
enum TableCommand {
    static let definition = CommandDefinition(
        ["table"], "Render as a table.", category: .filter, tests: ["transcript:commands"]
    ) { invocation, _ in
        .string(TableRenderer().render(invocation.input))
    }
}
