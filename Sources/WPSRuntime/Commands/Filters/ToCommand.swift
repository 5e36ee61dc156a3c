import WPSLanguage

/// `to json|yaml|csv|ndjson`: the piped value rendered as text in that format.
enum ToCommand {
    static let format = Positional<String>(
        "format", .choice(OutputFormat.textFormats.map(\.rawValue)), read: .word)

    static let definition = CommandDefinition(
        ["to"], "Render as json, yaml, csv or ndjson text.", category: .filter, positionals: [format],
        tests: ["FileCommandTests.csvAndYamlRendering"]
    ) { invocation, _ in
        let name = invocation[format] ?? "json"
        guard let format = OutputFormat(rawValue: name), OutputFormat.textFormats.contains(format) else {
            let names = OutputFormat.textFormats.map(\.rawValue)
            throw RuntimeError(
                "'to \(name)': use \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "")",
                at: invocation.command.range)
        }
        return .string(try format.render(invocation.input).trimmingCharacters(in: .newlines))
    }
}
