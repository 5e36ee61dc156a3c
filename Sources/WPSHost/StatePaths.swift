import Foundation

/// Where wps keeps its state between runs: the shell's history and the import journals.
public enum StatePaths {
    /// `$XDG_STATE_HOME/wps/history` (default `~/.local/state/wps/history`).
    public static func historyPath(environment: [String: String]) -> String {
        let base =
            environment["XDG_STATE_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return base + "/wps/history"
    }

    /// Where imports are journaled: `imports/` beside the history file.
    public static func journalDirectory(environment: [String: String]) -> String {
        (historyPath(environment: environment) as NSString).deletingLastPathComponent + "/imports"
    }
}
