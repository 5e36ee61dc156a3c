import WPSLanguage

/// `where CONDITION`: keeps the items for which the condition holds; a field no item has is an
/// error naming the closest one, and a field an item lacks is null in it.
enum WhereCommand {
    static let condition = Positional<Expression>("condition", .condition, read: .expression)

    static let definition = CommandDefinition(
        ["where"], "Keep the items for which a condition holds.", category: .filter, positionals: [condition],
        examples: [#"campaign list | where status == "DRAFT""#], tests: ["InterpreterTests.whereSeesFieldsOfEachRecord"]
    ) { invocation, interpreter in
        guard let condition = invocation[condition] else { return invocation.input }
        let items = invocation.input.items
        try Interpreter.checkFields(of: condition, in: items)
        let names = Interpreter.fieldWords(of: condition).map { String($0.word.prefix { $0 != "." }) }
        var kept: [Value] = []
        for item in items {
            let seen = Interpreter.withNamedFields(item, names)
            let passes = try await interpreter.inItemScope(item) {
                try await $0.evaluate(condition, fieldsOf: seen).isTruthy
            }
            if passes { kept.append(item) }
        }
        return .list(kept)
    }
    .handlingPages(.perItem)
}
