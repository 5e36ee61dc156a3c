import Foundation
import OutreachAPI
import WPSLanguage

/// Runs parsed wps code: variables and scopes, pipelines of structured values, blocks, and
/// the built-in filters.
///
/// Each top-level pipeline's result goes to `output`. A failing command stops the script with a
/// ``RuntimeError`` carrying its range; `try { … } catch { … }` carries on, with `$error`.
/// Every command — API commands, filters, the shell's own — runs the same way: looked up among
/// the ``CommandDefinition``s it was given, its arguments read by their declarations, its body run.
///
/// ```swift
/// var interpreter = Interpreter(session: session, output: { print(JSONRenderer().render($0)) })
/// try await interpreter.run(Parser.parse(source).script)
/// ```
public struct Interpreter: Sendable {
    /// Variables, innermost scope last.
    var scopes: [[String: Value]] = [[:]]
    let output: @Sendable (Value) -> Void
    /// What API commands run against; nil where there is no connection (they refuse to run).
    public var session: Session?
    /// Where a top-level pipeline's result that arrives in pages is printed page by page (NDJSON
    /// output); nil: it is printed whole once it has all arrived.
    public var pageOutput: (@Sendable ([Value]) -> Void)?
    /// Where a top-level pipeline's result that arrives with no end known (`webhook listen`) is
    /// printed page by page when `pageOutput` is nil (a table on a terminal, ``LiveTable``), given
    /// the columns the stream prefers; nil: it is printed whole once it has ended.
    public var liveOutput: (@Sendable (_ columns: [[String]], _ items: [Value]) -> Void)?
    /// The commands' signatures, as the parser checks `source`d files against.
    public let registry: CommandRegistry
    let definitions: [[String]: CommandDefinition]

    /// An interpreter of the standard commands, or of `commands` (tests stand in for a command).
    public init(
        arguments: [String] = [], commands: [CommandDefinition]? = nil, session: Session? = nil,
        output: @escaping @Sendable (Value) -> Void
    ) {
        self.output = output
        self.session = session
        if let commands {
            definitions = Self.index(commands)
            registry = CommandRegistry(commands.map(\.descriptor))
        } else {
            // The standard commands' index and registry are built once for the process.
            definitions = Self.standardIndex
            registry = .standard
        }
        scopes[0]["args"] = .list(arguments.map(Value.string))
        for (index, argument) in arguments.enumerated() { scopes[0][String(index + 1)] = .string(argument) }
        scopes[0]["_"] = .null
    }

    /// Every variable in scope (inner scopes hide outer ones), for completion.
    public var visibleVariables: [String: Value] {
        var result: [String: Value] = [:]
        for scope in scopes { result.merge(scope) { _, inner in inner } }
        return result
    }

    /// A variable's value, innermost scope first.
    public func variable(_ name: String) -> Value? {
        for scope in scopes.reversed() { if let value = scope[name] { return value } }
        return nil
    }

    /// Sets a variable in the innermost scope that has it, else the current one.
    public mutating func setVariable(_ name: String, _ value: Value) {
        if let index = scopes.lastIndex(where: { $0[name] != nil }) {
            scopes[index][name] = value
        } else {
            scopes[scopes.count - 1][name] = value
        }
    }

    public mutating func run(_ script: Script) async throws {
        for statement in script.statements { try await execute(statement) }
    }

    mutating func execute(_ statement: Statement) async throws {
        switch statement {
        case .pipeline(let pipeline):
            let result: Value
            do {
                result = try await run(
                    pipeline,
                    pageOutput: pipeline.redirect == nil ? PageOutput(pages: pageOutput, live: liveOutput) : nil)
            } catch var error as RuntimeError where error.result != nil {
                // The last stage failed with a result: show it as the statement's, then fail.
                if let partial = error.result, pipeline.redirect == nil, partial != .null { output(partial) }
                error.result = nil
                throw error
            }
            setVariable("_", result)
            if let target = pipeline.redirect {
                try await write(result, to: evaluate(target).text, appending: pipeline.appends, at: target.range)
            } else if result != .null {
                output(result)  // commands that return nothing print nothing
            }
        case .assignment(let name, let pipeline, _):
            let value = try await run(pipeline)
            scopes[scopes.count - 1][name] = value
        case .update(let name, let pipeline, let range):
            guard variable(name) != nil else {
                throw RuntimeError(
                    "no variable '$\(name)' to give a new value; declare it first: let \(name) = …", at: range)
            }
            setVariable(name, try await run(pipeline))
        case .forLoop(let name, let sequence, let body, _):
            for item in try await evaluate(sequence).items {
                try await inScope([name: item]) { try await $0.execute(body) }
            }
        case .conditional(let condition, let then, let otherwise, _):
            if try await evaluate(condition).isTruthy {
                try await inScope([:]) { try await $0.execute(then) }
            } else if let otherwise {
                try await inScope([:]) { try await $0.execute(otherwise) }
            }
        case .attempt(let body, let recovery, _):
            do {
                try await inScope([:]) { try await $0.execute(body) }
            } catch let error as RuntimeError {
                if let recovery { try await inScope(["error": error.value]) { try await $0.execute(recovery) } }
            }
        case .source(let pathExpression, let range):
            let path = try await evaluate(pathExpression).text
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw RuntimeError("cannot source \(path): no such file or not UTF-8 text", at: range)
            }
            // Problems in the sourced file are shown in that file, at their own line.
            let file = SourceFile(name: path, text: text)
            let parsed = Parser.parse(file, registry: registry)
            if let first = parsed.diagnostics.first {
                var error = RuntimeError(first.message, at: first.range)
                error.sourceFile = file
                throw error
            }
            do {
                try await run(parsed.script)
            } catch var error as RuntimeError where error.sourceFile == nil {
                error.sourceFile = file
                throw error
            }
        }
    }

    static let standardIndex = index(CommandDefinition.standard)

    /// Commands by their words (the first of two with the same words wins).
    static func index(_ commands: [CommandDefinition]) -> [[String]: CommandDefinition] {
        var definitions: [[String]: CommandDefinition] = [:]
        for command in commands where definitions[command.descriptor.words] == nil {
            definitions[command.descriptor.words] = command
        }
        return definitions
    }

    /// Runs one command on the value piped into it.
    mutating func run(_ command: Command, input: Value) async throws -> Value {
        guard let definition = definitions[command.words] else {
            throw RuntimeError("no command '\(command.name)'", at: command.range)
        }
        return try await run(command, invocation: read(command, with: definition, input: input), with: definition)
    }

    /// Reads a command's arguments; a failure is shown at the command where it has no place of its own.
    mutating func read(_ command: Command, with definition: CommandDefinition, input: Value) async throws
        -> Invocation
    {
        try await placingErrors(at: command) { try await definition.read(command, input: input, &$0) }
    }

    /// Runs a command's body on its arguments.
    mutating func run(_ command: Command, invocation: Invocation, with definition: CommandDefinition) async throws
        -> Value
    {
        let result = try await placingErrors(at: command) { try await definition.body(invocation, &$0) }
        // The one place the memory of ids is fed: from what each command returned.
        session?.memory.remember(result)
        return result
    }

    private mutating func placingErrors<T>(at command: Command, _ body: (inout Interpreter) async throws -> T)
        async throws -> T
    {
        do {
            return try await body(&self)
        } catch var error as RuntimeError {
            if error.range == nil { error.range = command.range }
            throw error
        } catch let error as OutreachError {
            // A request's failure a command did not place itself is shown at the command.
            throw RuntimeError(error, at: command.range)
        }
    }

    /// The session an API command runs against (a copy: `profile use` sets it back), or an error
    /// saying there is none.
    func connection(for invocation: Invocation) throws -> Session {
        guard let session else {
            throw RuntimeError(
                "'\(invocation.command.name)' needs a connection: run wps with --sandbox or a profile",
                at: invocation.command.range)
        }
        return session
    }

    mutating func execute(_ block: Block) async throws {
        for statement in block.statements { try await execute(statement) }
    }

    mutating func inScope(_ variables: [String: Value], _ body: (inout Interpreter) async throws -> Void) async throws {
        scopes.append(variables)
        defer { scopes.removeLast() }
        try await body(&self)
    }

    /// Runs a pipeline: its input value, then each stage on the previous stage's result (a
    /// result that arrives in pages goes through the stages that can take it so).
    public mutating func run(_ pipeline: Pipeline) async throws -> Value {
        try await run(pipeline, pageOutput: nil)
    }
}
