import WPSLanguage

/// `exit [CODE]`: stops the script with that exit code (0…255).
enum ExitCommand {
    static let code = Positional<Value>("code", .integer, optional: true, read: .value)

    static let definition = CommandDefinition(
        ["exit"], "Leave the shell.", category: .shell, positionals: [code],
        tests: ["FileCommandTests.exitStopsWithItsCode"]
    ) { invocation, _ in
        var status: Int32 = 0
        if let given = invocation[code] {
            guard let number = given.number, (0...255).contains(number) else {
                throw RuntimeError("exit takes a code in 0…255", at: invocation.range(of: code))
            }
            status = Int32(number)
        }
        throw ExitRequest(code: status)
    }
}
