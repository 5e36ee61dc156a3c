import WPSLanguage

/// `get PATH`: the value at a path of the piped value (`steps.followup.id`, `boxes[0].email`).
enum GetCommand {
    static let path = Positional<String>("path", .field, read: .word)

    static let definition = CommandDefinition(
        ["get"], "Take the value at a path.", category: .filter, positionals: [path],
        tests: ["InterpreterTests.commandsTheRuntimeAddsRunWithTheirInput"]
    ) { invocation, _ in
        guard let path = invocation[path] else { return invocation.input }
        do throws(RuntimeError) {
            return try invocation.input.get(Interpreter.path(path))
        } catch {
            throw RuntimeError(error.message, at: invocation.command.range)
        }
    }
}
