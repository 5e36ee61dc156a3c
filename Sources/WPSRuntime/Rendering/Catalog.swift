import OutreachAPI
import WPSLanguage

/// `help --json`: every command of the registry as one JSON document, for programs and agents —
/// words, summary, positionals, flags (kinds, choices, defaults, required, repeatable, secret,
/// the API fields they fill), whether it is destructive, the requests it may send and the
/// providers they go to, and examples. Described, with its JSON Schema, in `docs/catalog.md`.
public enum Catalog {
    /// Bumped when a field changes meaning or goes away (adding one does not).
    public static let schemaVersion = 1

    public static func document(_ registry: CommandRegistry = .standard) -> Value {
        .record([
            "schema_version": .int(schemaVersion),
            "wps_version": .string(OutreachAPIVersion.string),
            "commands": .list(registry.commands.map(command)),
            "statements": .list(CommandRegistry.statementKeywords.map(Value.string)),
            "output_formats": .list(ScriptRunner.OutputFormat.allCases.map { .string($0.rawValue) }),
        ])
    }

    /// The providers that serve each provider's own command (one, or several each its own way), by name.
    static let servedBy: [String: [Provider]] = Dictionary(
        CommandDefinition.standard.compactMap { definition in
            definition.providers.isEmpty ? nil : (definition.name, definition.providers)
        }, uniquingKeysWith: { first, _ in first })

    static func command(_ descriptor: CommandDescriptor) -> Value {
        let requests = descriptor.sends.map(request)
        var providers: [String] = []
        for case .record(let request) in requests {
            if let provider = request["provider"]?.text, !providers.contains(provider) { providers.append(provider) }
        }
        if let owners = servedBy[descriptor.name] {
            // A provider's own command: only its providers serve it, whatever flags it takes.
            providers = owners.map(\.rawValue)
        } else if descriptor.flag(named: "provider") != nil {
            for provider in Provider.names where !providers.contains(provider) {
                providers.append(provider)
            }
        }
        return .record([
            "name": .string(descriptor.name),
            "words": .list(descriptor.words.map(Value.string)),
            "category": .string(descriptor.category.rawValue),
            "summary": .string(descriptor.summary),
            "discussion": descriptor.discussion.isEmpty ? .null : .string(descriptor.discussion),
            "usage": .string(descriptor.usage),
            "positionals": .list(descriptor.positionals.map(positional)),
            "flags": .list(descriptor.flags.map(flag)),
            "destructive": .bool(descriptor.isDestructive),
            "requests": .list(requests),
            "providers": .list(providers.map(Value.string)),
            "examples": .list(descriptor.examples.map(Value.string)),
        ])
    }

    static func positional(_ positional: PositionalDescriptor) -> Value {
        .record([
            "name": .string(positional.name),
            "kind": .string(positional.kind.description),
            "type": schema(positional.repeating ? .list(positional.kind) : positional.kind),
            "required": .bool(!positional.optional),
            "repeatable": .bool(positional.repeating),
        ])
    }

    static func flag(_ flag: FlagDescriptor) -> Value {
        .record([
            "name": .string(flag.name),
            "aliases": .list(flag.aliases.map(Value.string)),
            "kind": .string(flag.kind.description),
            "type": schema(flag.repeatable ? .list(flag.kind) : flag.kind),
            "choices": choices(flag.kind).map { .list($0.map(Value.string)) } ?? .null,
            "default": flag.defaultValue.map(Value.string) ?? .null,
            "required": .bool(flag.required),
            "required_unless": .list(flag.requiredUnless.map(Value.string)),
            "repeatable": .bool(flag.repeatable),
            "secret": .bool(flag.isSecret),
            "fields": .list(flag.fields.map(Value.string)),
            "summary": .string(flag.summary),
        ])
    }

    /// `POST campaigns/{id}/run` → method, path, provider and any note in parentheses; a path
    /// under a provider's sandbox prefix (`/v1/…`) is that provider's, a relative one the default's.
    static func request(_ text: String) -> Value {
        var rest = Substring(text)
        var note: String?
        if let open = rest.firstIndex(of: "("), rest.hasSuffix(")") {
            note = String(rest[rest.index(after: open)..<rest.index(before: rest.endIndex)])
            rest = rest[..<open]
        }
        let parts = rest.split(separator: " ", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        let path = parts.count > 1 ? parts[1] : ""
        return .record([
            "method": .string(parts.first ?? ""),
            "path": .string(path),
            "provider": .string(
                (Provider.allCases.first { $0 != .default && path.hasPrefix($0.sandboxPrefix + "/") } ?? .default)
                    .rawValue),
            "note": note.map(Value.string) ?? .null,
        ])
    }

    /// The values a kind is limited to, if it is a choice.
    static func choices(_ kind: ValueKind) -> [String]? {
        switch kind {
        case .choice(let options): options
        case .delimiter: [",", ";", "tab"]
        case .signature: ["SENDER", "NO_SIGNATURE"]
        case .outputFormat: ScriptRunner.OutputFormat.allCases.map(\.rawValue)
        default: nil
        }
    }

    /// A kind as a JSON Schema: what a program sends for it.
    public static func schema(_ kind: ValueKind) -> Value {
        switch kind {
        case .integer, .campaignID, .mailboxID: return .record(["type": .string("integer")])
        case .number: return .record(["type": .string("number")])
        case .bool: return .record(["type": .string("boolean")])
        case .list(let inner): return .record(["type": .string("array"), "items": schema(inner)])
        case .any, .condition, .block: return .record([:])
        default:
            guard let options = choices(kind) else { return .record(["type": .string("string")]) }
            return .record(["type": .string("string"), "enum": .list(options.map(Value.string))])
        }
    }
}
