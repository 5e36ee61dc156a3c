import Foundation
import MCP
import OutreachAPI
import Sandbox
import Synchronization
import WPSHost
import WPSLanguage
import WPSRuntime

/// Runs MCP tool calls as wps commands: the arguments become the command (no text in between, so
/// nothing an agent passes is read as wps code), the command is checked as the parser checks one,
/// then it runs in a copy of the session — every documented rule checked before sending, the
/// client's retries and per-account throttle shared by all calls.
public final class ToolRunner: Sendable {
    public let catalog: ToolCatalog
    let session: Session
    let allowDestructive: Bool
    /// The private sandbox dry runs are answered from, started on the first one.
    private let dryRunSandbox = Mutex<Task<RunningSandbox, any Error>?>(nil)

    public init(session: Session, readOnly: Bool, allowDestructive: Bool) {
        self.session = session
        self.allowDestructive = allowDestructive
        catalog = ToolCatalog(readOnly: readOnly)
    }

    /// Stops the dry runs' sandbox, if one was started.
    public func shutdown() async {
        let task = dryRunSandbox.withLock { $0 }
        if let sandbox = try? await task?.value { await sandbox.stop() }
    }

    /// Answers a `tools/call`; `progress` gets each progress line of a long command. An error
    /// answer of a command that takes a secret shows no argument value it cannot prove harmless
    /// (see ``SecretArguments``).
    public func call(
        _ name: String, _ arguments: [String: MCP.Value], progress: (@Sendable (String) -> Void)? = nil
    ) async -> CallTool.Result {
        let result = await answer(name, arguments, progress: progress)
        guard result.isError == true, let descriptor = catalog.entry(named: name)?.definition?.descriptor else {
            return result
        }
        return SecretArguments(descriptor, arguments).scrub(result)
    }

    func answer(
        _ name: String, _ arguments: [String: MCP.Value], progress: (@Sendable (String) -> Void)?
    ) async -> CallTool.Result {
        guard let entry = catalog.entry(named: name) else {
            return Self.failure(
                "no tool '\(name)'"
                    + (catalog.notExposed.first { ToolCatalog.toolName(ofCommand: $0.command) == name }
                        .map { ": '\($0.command)' is \($0.reason)" } ?? ""),
                problems: [])
        }
        let dryRun = arguments["dry_run"]?.boolValue == true
        let confirmed = arguments["confirm"]?.boolValue == true
        do {
            var run = try await session(dryRun: dryRun)
            // Warnings reach the agent in the result too, not only as progress (or on stderr).
            let warnings = Warnings()
            let forward = progress ?? run.session.settings.progress
            run.session.settings.progress = { line in
                if line.hasPrefix("warning: ") { warnings.append(line) }
                forward(line)
            }
            run.session.settings.reportsRecordsAsProgress = true
            guard let definition = entry.definition else {
                return try await script(arguments, run, confirmed: confirmed)
            }
            if definition.descriptor.isDestructive,
                let refusal = refusal(definition.descriptor.name, confirmed: confirmed)
            {
                return refusal
            }
            var given = arguments
            given["dry_run"] = nil
            given["confirm"] = nil
            let built = Self.command(definition.descriptor, entry, given, confirmed: confirmed)
            // Every problem at once: arguments that are not the command's, then the checker's.
            let checked = CommandChecker(definition.descriptor).check(built.command).map {
                Problem(field: built.argument(at: $0.range), message: $0.message + ($0.label.map { " (\($0))" } ?? ""))
            }
            let problems = built.problems + checked
            if !problems.isEmpty { return Self.failure(definition.descriptor.name, problems) }
            var interpreter = Interpreter(session: run.session) { _ in }
            do {
                let value = try await interpreter.run(Pipeline(stages: [built.command], range: built.command.range))
                return Self.success(
                    value, requests: run.shown?.values, notes: run.shown?.notes ?? [], warnings: warnings.lines)
            } catch let error as RuntimeError {
                // A problem with an argument's value names the argument.
                if error.failure == nil, let range = error.range, let argument = built.argument(at: range) {
                    return Self.failure(error.message, problems: [Problem(field: argument, message: error.message)])
                }
                // A dry run's requests were shown; what the private sandbox answered is not the API's.
                if let shown = run.shown, error.failure?.kind != .validation, !shown.values.isEmpty {
                    return Self.dryRunAnswer(shown.values, notes: shown.notes, error: error)
                }
                throw error
            }
        } catch let error as RuntimeError {
            return Self.failure(error)
        } catch {
            return Self.failure("\(error)", problems: [])
        }
    }

    /// A problem with one argument of a call (or the call as a whole: no field).
    struct Problem {
        /// The tool argument, or for a broken API rule the field path (`settings.daily_enroll`).
        var field: String?
        var message: String
        /// For a broken API rule, the tool argument that filled the field (`daily_enroll`).
        var argument: String? = nil
    }

    /// Destructive commands need both `--allow-destructive` and `confirm: true`.
    func refusal(_ command: String, confirmed: Bool) -> CallTool.Result? {
        if !allowDestructive {
            return Self.failure(
                "'\(command)' cannot be undone: this server was started without --allow-destructive; nothing was sent",
                problems: [])
        }
        if !confirmed {
            return Self.failure(
                "'\(command)' cannot be undone: call it again with confirm: true to do it; nothing was sent",
                problems: [Problem(field: "confirm", message: "must be true")])
        }
        return nil
    }

    // MARK: Sessions

    /// Collects what a dry run would send.
    final class Shown: Sendable {
        private let requests = Mutex<[String]>([])
        private let noted = Mutex<[String]>([])
        func append(_ text: String) { requests.withLock { $0.append(text) } }
        var values: [String] { requests.withLock { $0 } }
        /// What the dry run said of itself (no account behind its answers).
        func note(_ text: String) { noted.withLock { $0.append(text) } }
        var notes: [String] { noted.withLock { $0 } }
    }

    struct Run {
        var session: Session
        var shown: Shown?
    }

    /// The warnings a call said, for its result.
    final class Warnings: Sendable {
        private let said = Mutex<[String]>([])
        func append(_ line: String) { said.withLock { $0.append(line) } }
        var lines: [String] { said.withLock { $0 } }
    }

    /// The session a call runs in: this server's, or for a dry run one whose requests are shown
    /// (secrets masked) and answered by an overlay of its own: reads go to the account, nothing
    /// else leaves the process (``DryRunTransport``), and what one call "did" is not seen by the next.
    func session(dryRun: Bool) async throws -> Run {
        guard dryRun else { return Run(session: session, shown: nil) }
        let task = dryRunSandbox.withLock { task in
            if task == nil { task = Task { try await DryRunOverlay.startSandbox() } }
            return task
        }
        guard let sandbox = try await task?.value, let transport = session.connection.transport else {
            throw RuntimeError("dry runs are not available on this connection")
        }
        let shown = Shown()
        let overlay = DryRunOverlay(sandbox: sandbox, accountKey: "dry-run-call-" + UUID().uuidString)
        let dryTransport = DryRunTransport(
            network: transport, overlay: overlay, show: { shown.append($0) }, notice: { shown.note($0) })
        var copy = session
        copy.connection = session.connection.routed(through: dryTransport, keyIfMissing: DryRunOverlay.placeholderKey)
        copy.settings.dryRun = true
        copy.settings.dryRunOutput = { shown.append($0) }
        return Run(session: copy, shown: shown)
    }

    // MARK: Building the command

    struct Built {
        var command: Command
        var problems: [Problem]
        /// The argument each range was given to.
        var places: [(range: SourceRange, argument: String)]

        func argument(at range: SourceRange) -> String? {
            places.first { $0.range.start <= range.start && range.start < $0.range.start + ToolRunner.spacing }?
                .argument
        }
    }

    /// Each argument's range starts this far from the previous one's, so a problem's range names it.
    static let spacing = 1_000_000

    /// The command a call's arguments make: positionals in their order, then flags by name.
    static func command(
        _ descriptor: CommandDescriptor, _ entry: ToolCatalog.Entry, _ arguments: [String: MCP.Value], confirmed: Bool
    ) -> Built {
        var built = Built(
            command: Command(
                words: descriptor.words, arguments: [], nameRange: SourceRange(0, 1), range: SourceRange(0, 1)),
            problems: [], places: [])
        var index = 0
        func nextRange(_ argument: String) -> SourceRange {
            index += 1
            let range = SourceRange(index * spacing, index * spacing + 1)
            built.places.append((range, argument))
            return range
        }
        // The API's own field names are accepted as the CLI accepts them (`email_account_ids` for
        // `accounts`); anything else is named, with the closest argument.
        var arguments = arguments.filter { $0.value != .null }  // null is "not given", as JSON Schema clients send it
        for name in arguments.keys.sorted() where entry.arguments[name] == nil {
            let value = arguments.removeValue(forKey: name)
            if let flag = descriptor.flag(named: name.replacingOccurrences(of: "_", with: "-")),
                flag != FlagDescriptor.yes
            {
                let canonical = ToolCatalog.argumentName(flag.name)
                if arguments[canonical] == nil {
                    arguments[canonical] = value
                } else {
                    built.problems.append(
                        Problem(field: name, message: "is \(canonical) under another name: give it once"))
                }
                continue
            }
            let known = entry.arguments.keys.sorted()
            let suggestion = Suggestion.closest(to: name, in: known).map { "did you mean '\($0)'? " } ?? ""
            built.problems.append(
                Problem(
                    field: name,
                    message: "no such argument — \(suggestion)(it takes \(known.joined(separator: ", ")), dry_run)"))
        }
        for positional in descriptor.positionals {
            let name = positional.name.lowercased()
            guard let value = arguments[name], value != .null else { continue }
            let values = positional.repeating ? (value.arrayValue ?? [value]) : [value]
            for item in values {
                let range = nextRange(name)
                switch expression(item, range) {
                case .success(let expression): built.command.arguments.append(.positional(expression))
                case .failure(let problem): built.problems.append(Problem(field: name, message: problem.message))
                }
            }
        }
        for name in arguments.keys.sorted() {
            guard case .flag(let flag)? = entry.arguments[name], let value = arguments[name], value != .null else {
                continue
            }
            let values = flag.repeatable ? (value.arrayValue ?? [value]) : [value]
            for item in values {
                let range = nextRange(name)
                if flag.isBoolean, let on = item.boolValue {
                    built.command.arguments.append(
                        .flag(name: flag.name, value: on ? nil : .word("false", range), range: range))
                    continue
                }
                switch expression(item, range) {
                case .success(let expression):
                    built.command.arguments.append(.flag(name: flag.name, value: expression, range: range))
                case .failure(let problem): built.problems.append(Problem(field: name, message: problem.message))
                }
            }
        }
        if descriptor.isDestructive, confirmed {
            built.command.arguments.append(.flag(name: "yes", value: nil, range: nextRange("confirm")))
        }
        return built
    }

    struct ArgumentProblem: Error { var message: String }

    /// A JSON value as the expression a script would have: text taken literally, numbers and
    /// booleans as words, arrays as lists.
    static func expression(_ value: MCP.Value, _ range: SourceRange) -> Result<WPSLanguage.Expression, ArgumentProblem>
    {
        switch value {
        case .string(let text): return .success(.literal(text, range))
        case .int(let number): return .success(.word(String(number), range))
        case .double(let number):
            let text = number == number.rounded() && abs(number) < 1e15 ? String(Int(number)) : String(number)
            return .success(.word(text, range))
        case .bool(let flag): return .success(.word(flag ? "true" : "false", range))
        case .array(let items):
            var expressions: [WPSLanguage.Expression] = []
            for item in items {
                switch expression(item, range) {
                case .success(let expression): expressions.append(expression)
                case .failure(let problem): return .failure(problem)
                }
            }
            return .success(.list(expressions, range))
        case .null: return .success(.word("null", range))
        case .object, .data:
            return .failure(ArgumentProblem(message: "takes text, a number, a boolean or a list, not an object"))
        }
    }

    // MARK: wps_run

    /// Collects a script's results.
    final class Results: Sendable {
        private let values = Mutex<[WPSRuntime.Value]>([])
        private let errors = Mutex<[String]>([])
        func append(_ value: WPSRuntime.Value) { values.withLock { $0.append(value) } }
        func error(_ text: String) { errors.withLock { $0.append(text) } }
        var all: [WPSRuntime.Value] { values.withLock { $0 } }
        var errorText: String { errors.withLock { $0.joined(separator: "\n") } }
    }

    func script(_ arguments: [String: MCP.Value], _ run: Run, confirmed: Bool) async throws -> CallTool.Result {
        guard let text = arguments["script"]?.stringValue else {
            return Self.failure(
                "wps_run needs script: the wps code to run", problems: [Problem(field: "script", message: "required")])
        }
        let source = SourceFile(name: "<wps_run>", text: text)
        let parsed = Parser.parse(source)
        if parsed.diagnostics.isEmpty {
            let walker = CommandWalker(parsed.script)
            for command in walker.commands {
                guard let descriptor = CommandRegistry.standard.command(command.words) else { continue }
                if catalog.entries.first(where: { $0.definition?.descriptor.words == descriptor.words }) == nil,
                    descriptor.category == .api
                {
                    return Self.failure(
                        "Nothing was run: '\(descriptor.name)' changes the account, and this server is read-only "
                            + "(wps mcp --read-only serves only the commands that read).", problems: [])
                }
                if descriptor.isDestructive, let refusal = refusal(descriptor.name, confirmed: confirmed) {
                    return refusal
                }
            }
            if walker.sourcesFiles, catalog.readOnly {
                return Self.failure(
                    "Nothing was run: a sourced file cannot be checked before it runs, and this server is read-only "
                        + "(wps mcp --read-only serves only the commands that read).", problems: [])
            }
        }
        let results = Results()
        var interpreter = Interpreter(session: run.session) { results.append($0) }
        let runner = ScriptRunner(format: .json, write: { _ in }, writeError: { results.error($0) })
        let code = await runner.run(source, interpreter: &interpreter)
        if code != 0 {
            return Self.failure(
                results.errorText.isEmpty ? "the script failed (exit \(code))" : results.errorText, problems: [])
        }
        return Self.success(
            results.all.last ?? .null, requests: run.shown?.values, notes: run.shown?.notes ?? [], all: results.all)
    }

    // MARK: Results

    /// What a dry run shows an agent: each request once, the first in full, each later one by its
    /// request line (`POST …/manual_connection/bulk`, the body like the first's), so a 300-row
    /// import's dry run is a page, not 100 KB.
    static func summarized(_ requests: [String]) -> [String] {
        var seen = Set<String>()
        var result: [String] = []
        var full = 0
        for request in requests where seen.insert(request).inserted {
            let lines = request.split(separator: "\n", omittingEmptySubsequences: false)
            let isFull = lines.count > 2 && lines[0].hasPrefix("── dry run: would send ──")
            guard isFull else {
                result.append(request)
                continue
            }
            full += 1
            result.append(
                full == 1 ? shortened(request) : "── dry run: would also send \(lines[1]) (a body like the first's)")
        }
        return result
    }

    /// A shown request whose JSON body holds a long list (a batch of 200 mailboxes): the list's
    /// first two items and how many more, so the agent sees the shape, not every row.
    static func shortened(_ request: String) -> String {
        guard let split = request.range(of: "\n\n"),
            let body = try? JSONSerialization.jsonObject(with: Data(request[split.upperBound...].utf8)),
            var object = body as? [String: Any]
        else { return request }
        var cut = false
        for (key, value) in object {
            guard let list = value as? [Any], list.count > 3 else { continue }
            object[key] = Array(list.prefix(2)) + ["… \(list.count - 2) more like these"]
            cut = true
        }
        guard cut,
            let data = try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys]),
            let text = String(data: data, encoding: .utf8)
        else { return request }
        return String(request[..<split.upperBound]) + text
    }

    static func success(
        _ value: WPSRuntime.Value, requests: [String]?, notes: [String] = [], warnings: [String] = [],
        all: [WPSRuntime.Value]? = nil
    ) -> CallTool.Result {
        let requests = requests.map(summarized)
        // Text as wps prints it: a string as it is (a YAML spec, a table), anything else as JSON.
        var text: String
        if case .string(let string) = value { text = string } else { text = JSONRenderer(pretty: true).render(value) }
        var structured = ValueBridge.structured(value)
        if let requests {
            text = (notes + requests).joined(separator: "\n") + "\n" + text
            if case .object(var object) = structured {
                object["dry_run_requests"] = .array(requests.map { .string($0) })
                if !notes.isEmpty { object["dry_run_notes"] = .array(notes.map { .string($0) }) }
                structured = .object(object)
            }
        }
        if let all, all.count > 1, case .object(var object) = structured {
            object["results"] = .array(all.map(ValueBridge.json))
            structured = .object(object)
            text = all.map { JSONRenderer(pretty: true).render($0) }.joined(separator: "\n")
        }
        if !warnings.isEmpty {
            text = warnings.joined(separator: "\n") + "\n" + text
            if case .object(var object) = structured {
                object["warnings"] = .array(warnings.map { .string($0) })
                structured = .object(object)
            }
        }
        let content: MCP.Value? = structured
        return CallTool.Result(
            content: [.text(text: text, annotations: nil, _meta: nil)], structuredContent: content, isError: nil,
            _meta: nil)
    }

    /// A dry run whose requests were shown and answered with an error by its overlay (the
    /// account's data it read, and what the dry run did before).
    static func dryRunAnswer(_ requests: [String], notes: [String], error: RuntimeError) -> CallTool.Result {
        let requests = summarized(requests)
        let note = "dry run: nothing was sent; the dry run's overlay answered: "
        var answer: [String: MCP.Value] = [
            "dry_run_requests": .array(requests.map { .string($0) }), "sandbox_answer": .string(note + error.message),
        ]
        if !notes.isEmpty { answer["dry_run_notes"] = .array(notes.map { .string($0) }) }
        let structured: MCP.Value? = .object(answer)
        return CallTool.Result(
            content: [
                .text(
                    text: requests.joined(separator: "\n") + "\n" + note + error.message, annotations: nil, _meta: nil)
            ],
            structuredContent: structured, isError: nil, _meta: nil)
    }

    static func failure(_ command: String, _ problems: [Problem]) -> CallTool.Result {
        let lines = problems.map { ($0.field.map { "\($0): " } ?? "") + $0.message }
        return failure(
            "\(command): \(problems.count) problem\(problems.count == 1 ? "" : "s"); nothing was sent\n  "
                + lines.joined(separator: "\n  "), problems: problems)
    }

    static func failure(_ message: String, problems: [Problem]) -> CallTool.Result {
        let list: [MCP.Value] = problems.map { problem in
            var object: [String: MCP.Value] = [
                "field": problem.field.map { .string($0) } ?? .null, "message": .string(problem.message),
            ]
            if let argument = problem.argument { object["argument"] = .string(argument) }
            return .object(object)
        }
        return CallTool.Result(
            content: [.text(text: message, annotations: nil, _meta: nil)],
            structuredContent: Optional(.object(["error": .string(message), "problems": .array(list)])), isError: true)
    }

    /// A command's failure: broken rules list each field path (nothing was sent); an API failure
    /// carries `$error`'s record (status, code, details, endpoint).
    static func failure(_ error: RuntimeError) -> CallTool.Result {
        var problems: [Problem] = []
        if let failure = error.failure, failure.kind == .validation {
            problems = failure.problems.map { problem in
                Problem(
                    field: problem.path, message: problem.message,
                    argument: CommandDefinition.flag(forField: problem.path).map(ToolCatalog.argumentName))
            }
        }
        var result = failure(error.message, problems: problems)
        if error.failure?.kind == .api, case .object(var object)? = result.structuredContent {
            object["api_error"] = ValueBridge.json(error.value)
            result = CallTool.Result(
                content: result.content, structuredContent: Optional(.object(object)), isError: true)
        }
        return result
    }
}

extension ToolCatalog {
    /// `campaign new` → `campaign_new`, for a command's name.
    static func toolName(ofCommand name: String) -> String { name.replacingOccurrences(of: " ", with: "_") }
}
