import Foundation
import OutreachAPI
import Sandbox
import WPSHost
import WPSLanguage
import WPSRuntime

/// Wires options to the libraries: the client (or an in-process sandbox), the interpreter with
/// every command, and the runner that prints results and diagnostics.
struct Runner {
    let options: WPS

    func run() async throws -> Int32 {
        if options.check { return Self.check(options) }
        let timeout = WPS.parseTimeout(options.timeout) ?? .seconds(30)
        var running: RunningSandbox?
        var embedded: EmbeddedSandbox?
        var configuration = OutreachClient.Configuration()
        var profiles: ProfileConfiguration?
        var activeProfile = "sandbox"
        var provider = options.provider
        var caFile = options.caFile
        if !options.sandbox {
            do {
                let loaded = try ProfileConfiguration.load(environment: ProcessInfo.processInfo.environment)
                let profile = try loaded.profile(options.profile)
                configuration = loaded.clientConfiguration(for: profile)
                profiles = loaded
                activeProfile = profile.name
                if caFile == nil { caFile = profile.caFile }
                if options.profile != nil || ProcessInfo.processInfo.environment["WPS_PROFILE"] != nil { provider = profile.provider }
            } catch let error as RuntimeError {
                Self.writeError("error: \(error.message)")
                return 2
            }
        } else {
            let started = try await EmbeddedSandbox.start()
            running = started.sandbox
            embedded = started
            configuration = started.configuration
        }
        var trusted: TrustedCertificates?
        if let caFile {
            do {
                trusted = try TrustedCertificates(pemFile: caFile)
            } catch {
                Self.writeError("error: \(error)")
                await running?.stop()
                return 2
            }
        }
        let transport = AsyncHTTPTransport(readTimeout: timeout, trusting: trusted)
        defer { Task { await transport.shutdown() } }
        var clientTransport: any HTTPTransport = transport
        if options.dryRun, !options.sandbox {
            // Answer from a private sandbox; print what would go to the real API.
            var sandboxConfiguration = SandboxConfiguration()
            sandboxConfiguration.port = 0
            sandboxConfiguration.processingDelay = .zero
            sandboxConfiguration.rateLimit = false
            sandboxConfiguration.acceptsAnyAccountID = true
            let sandbox = try await SandboxServer.start(sandboxConfiguration)
            running = sandbox
            for provider in Provider.allCases where (configuration.apiKeys[provider] ?? "").isEmpty {
                configuration.apiKeys[provider] = "dry-run"  // shown masked; nothing is sent for real
            }
            let routes = Provider.allCases.map { (configuration.baseURL(for: $0), sandbox.baseURL(for: $0)) }
            // The requests go to stderr: stdout keeps the results (`wps --dry-run -c '…' | jq`).
            clientTransport = DryRunTransport(inner: transport, routes: routes, sandboxKey: "dry-run") { Self.writeError($0) }
        }
        configuration.requestTimeout = timeout
        let client = OutreachClient(configuration: configuration, transport: clientTransport)
        if let embedded {
            try await embedded.connectDemoMailboxes(client)
            // WPS_SANDBOX_PROCESSING_MS slows later batches down (to try `batch watch` and Ctrl-C).
            if let delay = ProcessInfo.processInfo.environment["WPS_SANDBOX_PROCESSING_MS"].flatMap({ Int($0) }) {
                await running?.store.setProcessingDelay(.milliseconds(delay))
            }
        }
        let session = Session(
            client: client, provider: provider, profiles: profiles, activeProfile: activeProfile, transport: transport
        ) { Self.writeError($0) }
        session.dryRun = options.dryRun
        session.activeCAFile = caFile
        session.caFileIsFixed = options.caFile != nil
        session.dryRunOutput = { Self.writeError($0) }
        session.progressIsTerminal = isatty(STDERR_FILENO) == 1
        if isatty(STDIN_FILENO) == 1, isatty(STDERR_FILENO) == 1 {
            session.confirm = { question in
                FileHandle.standardError.write(Data(question.utf8))
                guard let answer = readLine() else { return false }
                return ["y", "yes"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased())
            }
        }
        // An in-process sandbox forgets everything when wps exits, so its imports are not journaled.
        if !options.sandbox, !options.dryRun {
            let environment = ProcessInfo.processInfo.environment
            session.journalDirectory = (Shell.historyPath(environment: environment) as NSString).deletingLastPathComponent + "/imports"
        }

        let isTerminal = isatty(STDOUT_FILENO) == 1
        var runner = ScriptRunner(format: options.output ?? (isTerminal ? .table : .json), write: Self.write, writeError: Self.writeError)
        runner.terminalWidth = { Self.terminalWidth(isTerminal: isTerminal) }
        session.drawsTrees = runner.format == .table
        session.stdoutIsTerminal = isTerminal
        session.terminalWidth = { Self.terminalWidth(isTerminal: isTerminal) }
        var interpreter = Interpreter(arguments: options.arguments, session: session) { value in
            Self.write(runner.render(value))
        }
        let code: Int32
        if let command = options.command {
            code = await runner.run(SourceFile(name: "<command>", text: command), interpreter: &interpreter)
        } else if let script = options.script, script != "-" {
            guard let data = FileManager.default.contents(atPath: script) else {
                Self.writeError("error: cannot read \(script): no such file, or not readable")
                return 2
            }
            guard let text = String(data: data, encoding: .utf8) else {
                Self.writeError(Self.notText(script, data))
                return 2
            }
            code = await runner.run(SourceFile(name: script, text: text), interpreter: &interpreter)
        } else if options.script == nil, isatty(STDIN_FILENO) == 1 {
            let label = options.sandbox ? "sandbox" : activeProfile
            let shell = Shell(runner: runner, session: session, label: label, profiles: profiles?.profiles.map(\.name) ?? [])
            code = await shell.run(&interpreter)
        } else {
            code = await Self.runLines(runner, &interpreter)
        }
        await running?.stop()
        return code
    }

    /// `--check`: parses the script, `-c` line or standard input and prints every diagnostic;
    /// nothing runs, so no profile or key is needed.
    static func check(_ options: WPS) -> Int32 {
        let runner = ScriptRunner(format: .json, write: write, writeError: writeError)
        if let command = options.command { return runner.check(SourceFile(name: "<command>", text: command)) }
        let name = options.script ?? "-"
        let data = name == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: name)
        guard let data, let text = String(data: data, encoding: .utf8) else {
            writeError("error: cannot read \(name == "-" ? "standard input" : name) as UTF-8 text")
            return 2
        }
        return runner.check(SourceFile(name: name == "-" ? "<stdin>" : name, text: text))
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
            return await runner.run(SourceFile(name: "<stdin>", text: String(repeating: "\n", count: firstLine - 1) + pending), interpreter: &interpreter)
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
        return DiagnosticRenderer(source: lossy).render(Diagnostic(.error, problem.message, at: SourceRange(problem.offset, problem.offset + width)))
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
