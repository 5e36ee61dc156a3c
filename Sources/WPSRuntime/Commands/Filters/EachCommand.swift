import WPSLanguage

/// `each { … }`: runs a block for each item (`$it`); the results are the list of each block's
/// last value.
enum EachCommand {
    static let block = Positional<Expression>("block", .block, read: .expression)

    static let definition = CommandDefinition(
        ["each"], "Run a block for each item ($it).", category: .filter, positionals: [block],
        tests: ["InterpreterTests.controlFlow"]
    ) { invocation, interpreter in
        guard case .block(let block)? = invocation[block] else { return invocation.input }
        var results: [Value] = []
        for item in invocation.input.items {
            let result = try await interpreter.inItemScope(item) { interpreter -> Value in
                var last = Value.null
                for statement in block.statements {
                    if case .pipeline(let pipeline) = statement {
                        last = try await interpreter.run(pipeline)
                    } else {
                        try await interpreter.execute(statement)
                    }
                }
                return last
            }
            results.append(result)
        }
        return .list(results)
    }
    .handlingPages(.perItem)
}
