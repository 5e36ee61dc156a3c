import WPSLanguage

/// `where CONDITION`: keeps the items for which the condition holds; a field no item has is an
/// error naming the closest one.
enum WhereCommand {
    static let condition = Positional<Expression>("condition", .condition, read: .expression)

    static let definition = CommandDefinition(
        ["where"], "Keep the items for which a condition holds.", category: .filter, positionals: [condition],
        examples: [#"campaign list | where status == "DRAFT""#], tests: ["InterpreterTests.whereSeesFieldsOfEachRecord"]
    ) { invocation, interpreter in
        guard let condition = invocation[condition] else { return invocation.input }
        let items = invocation.input.items
        try Interpreter.checkFields(of: condition, in: items)
        var kept: [Value] = []
        for item in items {
            let passes = try await interpreter.inItemScope(item) {
                try await $0.evaluate(condition, fieldsOf: item).isTruthy
            }
            if passes { kept.append(item) }
        }
        return .list(kept)
    }
    .handlingPages(.perItem)
}
