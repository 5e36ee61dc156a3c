import Foundation
import LineEditor
import WPSHost
import WPSLanguage
import WPSRuntime

/// The interactive shell: libedit line editing, history shared across sessions (secrets
/// masked), tab completion from the registry and the session, multi-line input, Ctrl-C to clear
/// the line or cancel the running command, Ctrl-D to leave.
struct Shell {
    let runner: ScriptRunner
    let label: String
    let profiles: [String]

    /// `$XDG_STATE_HOME/wps/history` (default `~/.local/state/wps/history`), created 0600.
    static func historyPath(environment: [String: String]) -> String {
        StatePaths.historyPath(environment: environment)
    }

    static func prepareHistoryFile(_ path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        if !FileManager.default.fileExists(atPath: path) {
            _ = FileManager.default.createFile(
                atPath: path, contents: Data("_HiStOrY_V2_\n".utf8), attributes: [.posixPermissions: 0o600])
        }
        try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }

    /// What completion sees; updated after each statement.
    final class Context {
        var completer: Completer
        init(_ completer: Completer) { self.completer = completer }
    }

    func run(_ interpreter: inout Interpreter) async -> Int32 {
        let path = Self.historyPath(environment: ProcessInfo.processInfo.environment)
        Self.prepareHistoryFile(path)
        interpreter.session?.settings.historyPath = path
        let memory = interpreter.session?.memory ?? IDMemory()
        let context = Context(
            Completer(
                variables: interpreter.visibleVariables, ids: memory.seenIDs, profiles: profiles, labels: memory.labels)
        )
        let editor = LineEditor(
            program: "wps", historyPath: path, viMode: ProcessInfo.processInfo.environment["WPS_EDITOR_MODE"] == "vi"
        ) { before in
            let found = context.completer.complete(before)
            return LineEditor.Completions(
                candidates: found.candidates, wordLength: found.wordLength, labels: context.completer.labels)
        }
        var pending = ""
        var lastCode: Int32 = 0
        var secrets = SecretState()
        // The first thing a new user sees says where help is (on stderr: stdout stays results).
        FileHandle.standardError.write(
            Data("wps: help lists the commands, help COMMAND explains one; Tab completes; Ctrl-D leaves\n".utf8))
        while true {
            guard let line = editor.readLine(prompt: pending.isEmpty ? Self.prompt(interpreter, label) : "...> ") else {
                if editor.lastInterruption == .interrupt {
                    pending = ""
                    print("")
                    continue
                }
                print("")
                return lastCode
            }
            pending += (pending.isEmpty ? "" : "\n") + line
            if Parser.parse(SourceFile(name: "<shell>", text: pending)).isIncomplete { continue }
            let prepared = secrets.prepare(pending, askOnTerminal: isatty(STDIN_FILENO) == 1)
            if !prepared.takesSecret { editor.remember(prepared.historyLine) }
            if prepared.taintedEarlierLines {
                // A later line showed a variable holds a secret: its earlier `let` is masked now.
                let known = secrets.variables
                editor.rewriteHistory { HistoryMasker.mask($0, secretVariables: known) }
            }
            try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            let source = SourceFile(name: "<shell>", text: prepared.runText)
            pending = ""
            var runner = self.runner
            runner.secretVariables = secrets.variables
            runner.followsSecretRequest = prepared.followsSecretRequest
            runner.followsRefusedSecret = prepared.followsRefusedSecret
            let (outcome, after) = await runCancellable(source, interpreter, runner: runner)
            secrets.ran(prepared, outcome: outcome)
            if prepared.takesSecret {
                // Kept once it has run: one that failed to parse or that the checks or the documented
                // rules refused (exit 2, nothing sent) is not kept at all.
                if outcome == .finished(2) {
                    FileHandle.standardError.write(Data((Self.keptOutOfHistory + "\n").utf8))
                } else {
                    editor.remember(prepared.historyLine)
                }
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
            }
            interpreter = after
            context.completer.variables = interpreter.visibleVariables
            let seen = interpreter.session?.memory ?? IDMemory()
            context.completer.ids = seen.seenIDs
            context.completer.labels = seen.labels
            switch outcome {
            case .exit(let code): return code
            case .finished(let code): lastCode = code
            }
        }
    }

    /// `wps[PROFILE]> `: the profile in use now (`profile use` changes it), and `dry-run` in a
    /// dry run; `label` when there is no session.
    static func prompt(_ interpreter: Interpreter, _ label: String) -> String {
        guard let session = interpreter.session else { return "wps[\(label)]> " }
        return "wps[\(session.connection.activeProfile)\(session.settings.dryRun ? " dry-run" : "")]> "
    }

    /// Runs one statement in a task that Ctrl-C cancels (in-flight requests and waits stop).
    func runCancellable(_ source: SourceFile, _ interpreter: Interpreter, runner: ScriptRunner) async -> (
        ScriptRunner.Outcome, Interpreter
    ) {
        let work = Task {
            var copy = interpreter
            let outcome = await runner.execute(source, interpreter: &copy)
            return (outcome, copy)
        }
        _ = LineEditor.takeInterrupt()
        let watcher = Task {
            while !Task.isCancelled {
                if LineEditor.takeInterrupt() { work.cancel() }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let result = await work.value
        watcher.cancel()
        return result
    }
}

extension Shell {
    /// What the shell says on stderr when a failing line that takes a secret is not kept.
    static let keptOutOfHistory =
        "note: this line was kept out of the history: it takes a secret and was refused "
        + "(give the secret as --password -, $env.NAME or @FILE)"

    /// What the shell knows of secrets across the lines of a session: the variables that hold
    /// one and what each variable was assigned from, whether the last line left a secret flag
    /// without a value (so this line may be the secret itself), and whether it took a secret and
    /// was refused (so this line may be the secret typed again on its own).
    struct SecretState {
        var variables: Set<String> = []
        var assignments: [String: Set<String>] = [:]
        var askedForSecret = false
        var refusedSecret = false

        /// A line ready to keep and run.
        struct Prepared {
            /// What the history keeps (secrets as `••••`).
            var historyLine: String
            /// The line as run: `--password` left without a value gets ` -` (asked for with echo off).
            var runText: String
            /// The line takes a secret: it is kept only after it ran without a usage or validation
            /// error (one that fails to parse or check ends with exit 2 too).
            var takesSecret: Bool
            var followsSecretRequest: Bool
            var followsRefusedSecret: Bool
            /// This line showed an earlier variable holds a secret.
            var taintedEarlierLines: Bool
            /// Only blanks: it leaves the state as the line before left it.
            var isBlank: Bool
        }

        mutating func prepare(_ line: String, askOnTerminal: Bool) -> Prepared {
            let follows = askedForSecret
            let scan = HistoryMasker.scan(
                line, secretVariables: variables, assignments: assignments, followsSecretRequest: follows,
                followsRefusedSecret: refusedSecret)
            var runText = line
            if askOnTerminal, !scan.valuelessSecretFlags.isEmpty {
                var bytes = Array(line.utf8)
                for offset in scan.valuelessSecretFlags.sorted(by: >) where offset <= bytes.count {
                    bytes.insert(contentsOf: Array(" -".utf8), at: offset)
                }
                runText = String(decoding: bytes, as: UTF8.self)
            }
            let fails = !Parser.parse(SourceFile(name: "<shell>", text: runText)).diagnostics.isEmpty
            let tainted = !scan.secretVariables.subtracting(variables).isEmpty
            variables.formUnion(scan.secretVariables)
            assignments = scan.assignments
            // Still asked after a line that failed, or after a comment the request carried over.
            askedForSecret = scan.asksForSecret && (fails || follows)
            return Prepared(
                historyLine: HistoryMasker.mask(line, ranges: scan.historyRanges), runText: runText,
                takesSecret: scan.takesSecret || follows, followsSecretRequest: follows,
                followsRefusedSecret: refusedSecret, taintedEarlierLines: tainted,
                isBlank: line.allSatisfy(\.isWhitespace))
        }

        /// Notes how the line ran: one that takes a secret and was refused (exit 2) makes the next
        /// line a possible secret.
        mutating func ran(_ prepared: Prepared, outcome: ScriptRunner.Outcome) {
            guard !prepared.isBlank else { return }
            refusedSecret = prepared.takesSecret && outcome == .finished(2)
        }
    }
}
