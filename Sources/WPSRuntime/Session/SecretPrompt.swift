#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reads a secret given as `-` (`--password -`): on a terminal it asks on stderr and reads one
/// line with echo off (termios), so the secret is never on the screen, in the line or in the
/// history; otherwise it reads one line of standard input (`echo "$PW" | wps -c '… --password -'`).
///
/// ```swift
/// settings.readSecret = SecretPrompt.read
/// ```
public enum SecretPrompt {
    /// Asks with `prompt` and reads one line (its line break removed); nil at the end of input.
    @Sendable public static func read(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) == 1 else { return readLine(strippingNewline: true) }
        writeToStandardError(prompt)
        var saved = termios()
        let canHideEcho = tcgetattr(STDIN_FILENO, &saved) == 0
        if canHideEcho {
            var hidden = saved
            hidden.c_lflag &= ~tcflag_t(ECHO)
            hidden.c_lflag |= tcflag_t(ECHONL)
            _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &hidden)
        }
        defer {
            if canHideEcho { _ = tcsetattr(STDIN_FILENO, TCSAFLUSH, &saved) }
        }
        let line = readLine(strippingNewline: true)
        if !canHideEcho || line == nil { writeToStandardError("\n") }
        return line
    }

    static func writeToStandardError(_ text: String) {
        var bytes = Array(text.utf8)
        _ = bytes.withUnsafeMutableBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
    }
}
