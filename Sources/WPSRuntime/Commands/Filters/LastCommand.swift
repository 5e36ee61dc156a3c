import WPSLanguage

/// `last [N]`: the last item (alone), or the last N items (a list).
enum LastCommand {
    static let count = Positional<Value>("n", .integer, optional: true, read: .value)

    static let definition = CommandDefinition(
        ["last"], "The last N items (default 1).", category: .filter, positionals: [count],
        tests: ["InterpreterTests.pipelinesOfRecords"]
    ) { invocation, _ in
        try FirstCommand.slice(invocation, count) { items, n in Array(items.suffix(n)) }
    }
    .handlingPages(.keepsLast)
}
