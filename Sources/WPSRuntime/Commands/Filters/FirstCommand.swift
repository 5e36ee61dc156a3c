import WPSLanguage

/// `first [N]`: the first item (alone), or the first N items (a list).
enum FirstCommand {
    static let count = Positional<Value>("n", .integer, optional: true, read: .value)

    static let definition = CommandDefinition(
        ["first"], "The first N items (default 1).", category: .filter, positionals: [count],
        tests: ["InterpreterTests.pipelinesOfRecords"]
    ) { invocation, _ in
        try slice(invocation, count) { items, n in Array(items.prefix(n)) }
    }
    .handlingPages(.keepsFirst)

    /// The items `take` keeps of N (default 1); one item alone when no N was given.
    static func slice(_ invocation: Invocation, _ count: Positional<Value>, take: ([Value], Int) -> [Value]) throws
        -> Value
    {
        var n = 1
        if let given = invocation[count] {
            guard let number = given.number, number >= 0 else {
                throw RuntimeError(
                    "'\(invocation.command.name)' needs a count of 0 or more", at: invocation.range(of: count))
            }
            n = Int(number)
        }
        let kept = take(invocation.input.items, n)
        return invocation[count] == nil && kept.count == 1 ? kept[0] : .list(kept)
    }
}
