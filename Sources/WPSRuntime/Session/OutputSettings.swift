/// How a session shows what happens: where progress goes and whether it is redrawn, whether
/// results print as tables and trees, the terminal's width, dry runs, and how to ask before a
/// destructive command.
public struct OutputSettings: Sendable {
    /// Where progress lines go (stderr).
    public var progress: @Sendable (String) -> Void
    /// Whether stderr is a terminal (progress is redrawn in place) or not (plain lines).
    public var progressIsTerminal = false
    /// Whether results print as tables and trees (not JSON/YAML/CSV): `campaign show` draws a tree then.
    public var drawsTrees = true
    /// Whether stdout is a terminal (ids are dimmed in trees).
    public var stdoutIsTerminal = false
    /// The width trees fit (the terminal's, asked at each command: the window may be resized);
    /// nil for no limit.
    public var terminalWidth: @Sendable () -> Int? = { nil }
    /// The width of the terminal progress is drawn on (stderr's, asked at each redraw); nil when
    /// not known.
    public var progressWidth: @Sendable () -> Int? = { nil }
    /// `--dry-run`: bulk imports print their requests instead of sending them.
    public var dryRun = false
    /// Asks the person at the terminal a yes/no question (`[y/N]`), true for yes; nil without a
    /// terminal, where destructive commands need `--yes`.
    public var confirm: (@Sendable (String) -> Bool)?
    /// Reads a secret given as `-` (`--password -`): asks on the terminal with echo off, or reads
    /// one line of standard input; nil where there is no one to ask (an MCP server, whose standard
    /// input is its protocol). Returns nil when nothing could be read.
    public var readSecret: (@Sendable (String) -> String?)?
    /// Where a dry run shows requests (stdout).
    public var dryRunOutput: @Sendable (String) -> Void = { print($0) }
    /// Where import journals are kept; nil when the data is not kept either (an ephemeral sandbox).
    public var journalDirectory: String?
    /// The shell's history file, for the `history` command.
    public var historyPath: String?
    /// An MCP call: a command that streams records as they arrive (`webhook listen`) also
    /// reports each one as a progress line (`event: {…}`), as the call's result comes at its end.
    public var reportsRecordsAsProgress = false

    public init(progress: @escaping @Sendable (String) -> Void = { _ in }) {
        self.progress = progress
    }
}
