import WPSLanguage

/// `save FILE`: writes the piped value to a file, in the format its extension names.
enum SaveCommand {
    static let file = Positional<String>("file", .file, read: .word)

    static let definition = CommandDefinition(
        ["save"], "Write the value to a file (format from its extension).", category: .filter, positionals: [file],
        examples: ["campaign list | save campaigns.csv"], tests: ["FileCommandTests.saveAndOpenRoundTripEveryFormat"]
    ) { invocation, _ in
        let path = try invocation.required(file)
        try Interpreter.writeTextFile(
            Interpreter.format(invocation.input, forFile: path), to: path, at: invocation.command.range)
        return .null
    }
}
