import Foundation
import WPSLanguage

/// `clear`: clears the terminal screen (nothing when stdout is not a terminal).
enum ClearCommand {
    static let definition = CommandDefinition(
        ["clear"], "Clear the terminal screen.", category: .shell,
        tests: ["e2e:test_language_cli.py::test_length_sleep_clear_and_env_variables"]
    ) { _, interpreter in
        if interpreter.session?.settings.stdoutIsTerminal == true {
            FileHandle.standardOutput.write(Data("\u{1B}[H\u{1B}[2J".utf8))
        }
        return .null
    }
}
