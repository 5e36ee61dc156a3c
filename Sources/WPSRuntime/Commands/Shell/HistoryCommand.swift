import Foundation
import WPSLanguage

/// `history`: the interactive shell's command history (secrets masked as the history keeps them).
enum HistoryCommand {
    static let definition = CommandDefinition(
        ["history"], "Show the command history.", category: .shell,
        tests: ["e2e:test_shell.py::test_the_history_command_lists_earlier_lines"]
    ) { invocation, interpreter in
        guard let path = interpreter.session?.settings.historyPath,
            let text = try? String(contentsOfFile: path, encoding: .utf8)
        else {
            throw RuntimeError("there is no history outside the interactive shell", at: invocation.command.range)
        }
        return .list(text.split(separator: "\n").dropFirst().map { .string(unvis(String($0))) })
    }

    /// Undoes libedit's encoding of history lines (`\040` for a space, `\\` for a backslash).
    static func unvis(_ line: String) -> String {
        let source = Array(line.utf8)
        var bytes: [UInt8] = []
        var index = 0
        func isOctal(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "7")).contains(byte) }
        while index < source.count {
            let rest = source[index...]
            if rest.count >= 4, source[index] == UInt8(ascii: "\\"), rest.dropFirst().prefix(3).allSatisfy(isOctal),
                let value = UInt8(String(decoding: rest.dropFirst().prefix(3), as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                index += 4
            } else if rest.count >= 2, source[index] == UInt8(ascii: "\\"), source[index + 1] == UInt8(ascii: "\\") {
                bytes.append(UInt8(ascii: "\\"))
                index += 2
            } else {
                bytes.append(source[index])
                index += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
