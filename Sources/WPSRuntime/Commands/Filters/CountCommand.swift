import WPSLanguage

/// `count`: how many items the piped value has.
enum CountCommand {
    static let definition = CommandDefinition(
        ["count"], "How many items.", category: .filter, tests: ["transcript:language"]
    ) { invocation, _ in
        .int(invocation.input.items.count)
    }
    .handlingPages(.counting)
}
