import MCP
import WPSLanguage
import WPSRuntime

/// The MCP tools wps serves: one per API command (its words joined by `_`), with an input schema
/// generated from the command's declaration, and `wps_run` for scripts and pipelines.
///
/// Filters and the shell's own commands are not tools of their own: they work on the values of
/// a pipeline, which `wps_run` runs (``notExposed`` says so for each).
public struct ToolCatalog: Sendable {
    /// A tool and the command it runs (nil for `wps_run`).
    public struct Entry: Sendable {
        public let tool: Tool
        public let definition: CommandDefinition?
        /// The tool argument each flag or positional is filled from, by the argument's name.
        let arguments: [String: ToolArgument]
    }

    /// Where a tool argument goes in the command.
    enum ToolArgument: Sendable {
        case positional(PositionalDescriptor)
        case flag(FlagDescriptor)
    }

    public static let runTool = "wps_run"

    public let entries: [Entry]
    /// Only the tools that read are served (`--read-only`).
    public let readOnly: Bool
    /// Commands that are not tools, each with the reason.
    public let notExposed: [(command: String, reason: String)]

    /// The tools for these commands; `readOnly` keeps only those that send nothing but GETs.
    public init(_ definitions: [CommandDefinition] = CommandDefinition.standard, readOnly: Bool = false) {
        var entries: [Entry] = []
        var notExposed: [(String, String)] = []
        for definition in definitions {
            let descriptor = definition.descriptor
            guard descriptor.category == .api else {
                let reason =
                    descriptor.category == .filter
                    ? "a filter of the piped value: use it in a pipeline through wps_run"
                    : "the shell's own command: run it through wps_run"
                notExposed.append((descriptor.name, reason))
                continue
            }
            if readOnly, !Self.isReadOnly(descriptor) {
                notExposed.append((descriptor.name, "changes the account: not served with --read-only"))
                continue
            }
            entries.append(Self.entry(definition))
        }
        entries.append(Self.runEntry(readOnly: readOnly))
        self.entries = entries
        self.readOnly = readOnly
        self.notExposed = notExposed
    }

    public func entry(named name: String) -> Entry? { entries.first { $0.tool.name == name } }

    /// A command's tool name: its words joined by `_`, each word's `-` an `_` too
    /// (`report open-rate` → `report_open_rate`), as MCP clients expect names of one spelling.
    public static func toolName(_ descriptor: CommandDescriptor) -> String {
        descriptor.words.map { $0.replacingOccurrences(of: "-", with: "_") }.joined(separator: "_")
    }

    /// `daily-enroll` → `daily_enroll`.
    static func argumentName(_ flag: String) -> String { flag.replacingOccurrences(of: "-", with: "_") }

    /// Whether a command only reads: it sends GETs, and at most asks for reports (a POST that
    /// only makes a hash to fetch the report with) or sends a POST its command declares a read
    /// (`POST /v1/analytics/stats (a read …)`: an API that takes a query as a POST body).
    public static func isReadOnly(_ descriptor: CommandDescriptor) -> Bool {
        descriptor.sends.allSatisfy {
            $0.hasPrefix("GET ") || $0.hasPrefix("POST /rest/v2/reports/") || $0.contains("(a read")
        }
    }

    static func entry(_ definition: CommandDefinition) -> Entry {
        let descriptor = definition.descriptor
        var properties: [String: MCP.Value] = [:]
        var required: [String] = []
        var arguments: [String: ToolArgument] = [:]
        for positional in descriptor.positionals {
            let name = positional.name.lowercased()
            var schema = schemaObject(positional.repeating ? .list(positional.kind) : positional.kind)
            schema["description"] = .string(positional.kind.description)
            properties[name] = .object(schema)
            arguments[name] = .positional(positional)
            if !positional.optional { required.append(name) }
        }
        for flag in descriptor.flags where flag != FlagDescriptor.yes {
            let name = argumentName(flag.name)
            var schema = schemaObject(flag.repeatable ? .list(flag.kind) : flag.kind)
            var summary = flag.summary
            if let value = flag.defaultValue { summary += " (default \(value))" }
            if !flag.fields.isEmpty { summary += "; API field \(flag.fields.joined(separator: " / "))" }
            if !flag.requiredUnless.isEmpty {
                // Not in the schema's `required`: another argument may stand in for it.
                summary +=
                    "; required unless " + flag.requiredUnless.map(argumentName).joined(separator: " or ")
                    + " is given"
            }
            schema["description"] = .string(summary)
            if flag.isSecret { schema["writeOnly"] = .bool(true) }
            properties[name] = .object(schema)
            arguments[name] = .flag(flag)
            if flag.required, flag.requiredUnless.isEmpty { required.append(name) }
        }
        properties["dry_run"] = .object([
            "type": "boolean",
            "description":
                "answer with the requests that would change something (secrets masked), none of them sent; reads go to the account",
        ])
        if descriptor.isDestructive {
            properties["confirm"] = .object([
                "type": "boolean",
                "description":
                    "must be true to do it (and the server started with --allow-destructive): it cannot be undone",
            ])
        }
        let schema: MCP.Value = .object([
            "type": "object", "properties": .object(properties), "required": .array(required.map { .string($0) }),
            "additionalProperties": false,
        ])
        var description = descriptor.summary
        if !descriptor.sends.isEmpty { description += " Sends: " + descriptor.sends.joined(separator: ", ") + "." }
        if let example = descriptor.examples.first { description += " As wps: `\(example)`." }
        let annotations = Tool.Annotations(
            title: descriptor.name, readOnlyHint: isReadOnly(descriptor), destructiveHint: descriptor.isDestructive)
        let tool = Tool(
            name: toolName(descriptor), title: descriptor.name, description: description, inputSchema: schema,
            annotations: annotations)
        return Entry(tool: tool, definition: definition, arguments: arguments)
    }

    static func runEntry(readOnly: Bool) -> Entry {
        let schema: MCP.Value = .object([
            "type": "object",
            "properties": .object([
                "script": .object([
                    "type": "string",
                    "description":
                        "wps code: one pipeline or a whole script, e.g. mailbox list | where type == \"SMTP\" | get id",
                ]),
                "dry_run": .object([
                    "type": "boolean",
                    "description": "change nothing: reads go to the account, other requests are shown instead of sent",
                ]),
                "confirm": .object([
                    "type": "boolean", "description": "must be true for a script with a destructive command",
                ]),
            ]),
            "required": ["script"], "additionalProperties": false,
        ])
        let description =
            "Run wps code (a pipeline or a script) and answer with its last result; every command is checked first"
            + (readOnly ? " (read-only: only commands that read)." : ".")
        let tool = Tool(
            name: runTool, title: "wps", description: description, inputSchema: schema,
            annotations: Tool.Annotations(title: "wps", readOnlyHint: readOnly))
        return Entry(tool: tool, definition: nil, arguments: [:])
    }

    /// A kind as a JSON Schema object (the catalogue's mapping).
    static func schemaObject(_ kind: ValueKind) -> [String: MCP.Value] {
        guard case .object(let object) = ValueBridge.json(Catalog.schema(kind)) else { return [:] }
        return object
    }
}
