import WPSLanguage

/// `echo VALUE…`: one value as it is, several joined as text.
enum EchoCommand {
    static let values = Positional<Value>("value", .any, optional: true, repeating: true, read: .value)

    static let definition = CommandDefinition(
        ["echo"], "Print values.", category: .shell, positionals: [values],
        tests: ["transcript:language"]
    ) { invocation, _ in
        let given = invocation.all(values)
        return given.count == 1 ? given[0] : .string(given.map(\.text).joined(separator: " "))
    }
}
