import Foundation
import LineEditor
import OutreachAPI
import Sandbox
import WPSHost
import WPSLanguage
import WPSRuntime

/// Hands the options to ``SessionBuilder`` (the client, or an in-process sandbox), then runs the
/// script, `-c` line, standard input or the interactive shell with the terminal's settings.
struct Runner {
    let options: WPS

    func run() async throws -> Int32 {
        if options.check { return await Self.check(options) }
        var setup = SessionBuilder.Options()
        setup.sandbox = options.sandbox
        setup.dryRun = options.dryRun
        setup.profile = options.profile
        setup.provider = options.provider
        setup.caFile = options.caFile
        setup.timeout = WPS.parseTimeout(options.timeout) ?? .seconds(30)
        // The requests of a dry run go to stderr: stdout keeps the results (`wps --dry-run -c '…' | jq`).
        setup.dryRunOutput = { Self.writeError($0) }
        setup.progress = { Self.writeError($0) }
        setup.journalDirectory = StatePaths.journalDirectory(environment: setup.environment)
        let host: SessionBuilder.Host
        do {
            host = try await SessionBuilder(setup).build()
        } catch let error as RuntimeError {
            Self.writeError("error: \(error.message)")
            return 2
        }
        var session = host.session
        session.settings.progressIsTerminal = isatty(STDERR_FILENO) == 1
        session.settings.readSecret = SecretPrompt.read
        if isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 {
            session.settings.confirm = { question in
                FileHandle.standardError.write(Data(question.utf8))
                guard let answer = readLine() else { return false }
                return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }

        let isTerminal = isatty(STDOUT_FILENO) == 1
        var runner = ScriptRunner(
            format: options.output ?? (isTerminal ? .table : .json), write: Self.write, writeError: Self.writeError)
        runner.terminalWidth = { Self.terminalWidth(isTerminal: isTerminal) }
        let errorsToTerminal = isatty(STDERR_FILENO) == 1
        runner.diagnosticWidth = {
            guard errorsToTerminal else { return nil }
            var size = winsize()
            guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
            return Int(size.ws_col)
        }
        session.settings.drawsTrees = runner.format == .table
        session.settings.stdoutIsTerminal = isTerminal
        session.settings.terminalWidth = { Self.terminalWidth(isTerminal: isTerminal) }
        session.settings.progressWidth = {
            var size = winsize()
            guard ioctl(STDERR_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 else { return nil }
            return Int(size.ws_col)
        }
        let renderer = runner
        var interpreter = Interpreter(arguments: options.arguments, session: session) { value in
            Self.write(renderer.render(value))
        }
        if renderer.format == .ndjson {
            // One JSON line per item: a listing that arrives in pages prints as each page arrives.
            interpreter.pageOutput = { items in if !items.isEmpty { Self.write(renderer.render(.list(items))) } }
        } else if renderer.format == .table, isTerminal {
            // A stream with no end (`webhook listen`) shows its rows as they come.
            let table = LiveTable(width: { Self.terminalWidth(isTerminal: true) }, write: Self.write)
            interpreter.liveOutput = { columns, items in table.print(items, preferring: columns) }
        }
        let code: Int32
        if let command = options.command {
            code = await Self.runInterruptibly(
                SourceFile(name: "<command>", text: command), runner, &interpreter)
        } else if let script = options.script, script != "-" {
            if let data = FileManager.default.contents(atPath: script) {
                if let text = String(data: data, encoding: .utf8) {
                    code = await Self.runInterruptibly(SourceFile(name: script, text: text), runner, &interpreter)
                } else {
                    Self.writeError(Self.notText(script, data))
                    code = 2
                }
            } else {
                Self.writeError("error: cannot read \(script): no such file, or not readable")
                code = 2
            }
        } else if options.script == nil, isatty(STDIN_FILENO) == 1 {
            let label = options.sandbox ? "sandbox" : session.connection.activeProfile
            let shell = Shell(runner: runner, label: label, profiles: host.profileNames)
            code = await shell.run(&interpreter)
        } else {
            code = await Self.runLines(runner, &interpreter)
        }
        await host.shutdown()
        return code
    }

    /// Runs `source` so that Ctrl-C (SIGINT) cancels it as the shell cancels a line: the running
    /// command stops and cleans up (`webhook listen` unsubscribes, `mailbox verify` writes its
    /// report), and the run ends with its error (exit 130). A second Ctrl-C ends the process at once.
    static func runInterruptibly(_ source: SourceFile, _ runner: ScriptRunner, _ interpreter: inout Interpreter)
        async -> Int32
    {
        LineEditor.recordInterrupts()
        let start = interpreter
        let work = Task {
            var copy = start
            let code = await runner.run(source, interpreter: &copy)
            return (code, copy)
        }
        let watcher = Task {
            var pressed = 0
            while !Task.isCancelled {
                if LineEditor.takeInterrupt() {
                    pressed += 1
                    if pressed == 1 {
                        work.cancel()
                    } else {
                        writeError("interrupted again: stopping at once")
                        exit(130)
                    }
                }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        let (code, finished) = await work.value
        watcher.cancel()
        interpreter = finished
        return code
    }

    /// `--check`: parses the script, `-c` line or standard input and prints every diagnostic;
    /// nothing runs, so no profile or key is needed.
    static func check(_ options: WPS) async -> Int32 {
        let runner = ScriptRunner(format: .json, write: write, writeError: writeError)
        if let command = options.command { return await runner.check(SourceFile(name: "<command>", text: command)) }
        let name = options.script ?? "-"
        let data =
            name == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: name)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            writeError("error: cannot read \(name == "-" ? "standard input" : name) as UTF-8 text")
            return 2
        }
        return await runner.check(SourceFile(name: name == "-" ? "<stdin>" : name, text: text))
    }

    /// Reads standard input line by line, running each complete statement (an open quote, brace
    /// or trailing `|` or `\` waits for the next line); stops at the first failure.
    static func runLines(_ runner: ScriptRunner, _ interpreter: inout Interpreter) async -> Int32 {
        var pending = ""
        var lineNumber = 0
        var firstLine = 1
        while let line = readLine(strippingNewline: false) {
            lineNumber += 1
            if pending.isEmpty { firstLine = lineNumber }
            pending += line
            let source = SourceFile(name: "<stdin>", text: pending)
            if Parser.parse(source).isIncomplete { continue }
            let padded = SourceFile(name: "<stdin>", text: String(repeating: "\n", count: firstLine - 1) + pending)
            let code = await runner.run(padded, interpreter: &interpreter)
            pending = ""
            if code != 0 { return code }
        }
        if !pending.isEmpty {
            return await runner.run(
                SourceFile(name: "<stdin>", text: String(repeating: "\n", count: firstLine - 1) + pending),
                interpreter: &interpreter)
        }
        return 0
    }

    /// The diagnostic for a script that is not UTF-8 text, pointing at the first bad byte.
    static func notText(_ name: String, _ data: Data) -> String {
        let lossy = SourceFile(name: name, text: String(decoding: data, as: UTF8.self))
        guard let problem = TextScanner.check(data) else { return "error: cannot read \(name) as UTF-8 text" }
        // The bytes before the problem are valid, so its offset is the same in the lossy text,
        // where a bad byte became U+FFFD (3 bytes).
        let width = data[data.startIndex + problem.offset] == 0 ? 1 : 3
        return DiagnosticRenderer(source: lossy).render(
            Diagnostic(.error, problem.message, at: SourceRange(problem.offset, problem.offset + width)))
    }

    /// The width tables fit: the terminal's columns, or `COLUMNS` when stdout is not a terminal
    /// (nil without either: no limit).
    static func terminalWidth(isTerminal: Bool) -> Int? {
        var size = winsize()
        if isTerminal, ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        return ProcessInfo.processInfo.environment["COLUMNS"].flatMap { Int($0) }.flatMap { $0 > 0 ? $0 : nil }
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    static func writeError(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }
}
