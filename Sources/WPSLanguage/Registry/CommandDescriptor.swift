/// Everything the parser, `help` and completion know about one command: its words, arguments,
/// flags, help and examples.
///
/// Descriptors are the signature half of the runtime's command values (`CommandDefinition` in
/// WPSRuntime), which declare each command once; this module holds only the types, so the
/// language does not depend on the runtime.
public struct CommandDescriptor: Sendable, Hashable {
    /// What a command is: an API command (it sends requests), a filter of the piped value, or
    /// the shell's own.
    public enum Category: String, Sendable, CaseIterable {
        case api, filter, shell
    }

    /// The command's name words: `["campaign", "new"]`.
    public var words: [String]
    public var summary: String
    public var discussion: String
    public var positionals: [PositionalDescriptor]
    public var flags: [FlagDescriptor]
    public var examples: [String]
    /// The API requests the command compiles to, e.g. `POST campaigns` (empty for shell commands).
    public var sends: [String]
    /// It destroys something for good (`campaign delete`): on a terminal it asks first, elsewhere
    /// it needs `--yes`.
    public var isDestructive: Bool
    public var category: Category

    public init(
        _ words: [String], _ summary: String, category: Category = .shell, discussion: String = "",
        positionals: [PositionalDescriptor] = [], flags: [FlagDescriptor] = [], examples: [String] = [],
        sends: [String] = [], destructive: Bool = false
    ) {
        self.category = category
        self.sends = sends
        self.isDestructive = destructive
        self.words = words
        self.summary = summary
        self.discussion = discussion
        self.positionals = positionals
        self.flags = destructive ? flags + [FlagDescriptor.yes] : flags
        self.examples = examples
    }

    /// `campaign new`
    public var name: String { words.joined(separator: " ") }

    /// The flag with this name or alias (`--smtp-email` for `--email`), if the command has one.
    /// The flag `name` names: its own name or an alias, also written with `_` for `-` as the
    /// API spells its fields (`--first_name` is `--first-name`, `--email_account_ids` is
    /// `--accounts`).
    public func flag(named name: String) -> FlagDescriptor? {
        if let found = flags.first(where: { $0.name == name }) ?? flags.first(where: { $0.aliases.contains(name) }) {
            return found
        }
        guard name.contains("_") else { return nil }
        let dashed = String(name.map { $0 == "_" ? "-" : $0 })
        return flags.first { $0.name == dashed } ?? flags.first { $0.aliases.contains(dashed) }
    }

    /// Every name a flag of this command answers to, aliases included, with its flag's name.
    public var flagSpellings: [(spelling: String, flag: String)] {
        flags.flatMap { flag in [(flag.name, flag.name)] + flag.aliases.map { ($0, flag.name) } }
    }

    /// The usage line: `campaign new NAME [--accounts LIST] …`.
    public var usage: String {
        var parts = [name]
        for positional in positionals {
            let shown = positional.name.uppercased() + (positional.repeating ? "…" : "")
            parts.append(positional.optional ? "[\(shown)]" : shown)
        }
        if !flags.isEmpty { parts.append("[flags]") }
        return parts.joined(separator: " ")
    }
}

/// A positional argument.
public struct PositionalDescriptor: Sendable, Hashable {
    public var name: String
    public var kind: ValueKind
    public var optional: Bool
    /// Takes any number of values (`mailbox microsoft add EMAIL…`).
    public var repeating: Bool

    public init(_ name: String, _ kind: ValueKind, optional: Bool = false, repeating: Bool = false) {
        self.name = name
        self.kind = kind
        self.optional = optional
        self.repeating = repeating
    }
}

/// A `--flag`.
public struct FlagDescriptor: Sendable, Hashable {
    /// Without dashes: `daily-enroll`.
    public var name: String
    public var kind: ValueKind
    public var summary: String
    /// Its value is a secret (a password or key): masked in history, dry runs and logs.
    public var isSecret: Bool
    /// May be given more than once (`--subject` once per A/B version).
    public var repeatable: Bool
    public var required: Bool
    /// A required flag that these flags stand in for (`campaign new --steps FILE` instead of
    /// `--message`): it is needed only when none of them is given.
    public var requiredUnless: [String]
    /// The API fields the flag fills, in each provider's spelling (`smtp_email`,
    /// `smtpEmailAddress`); a broken rule at one of them is reported at the flag.
    public var fields: [String]
    /// Other names the flag answers to: each field's name as a flag (`--smtp-email`), unless it
    /// is the flag's own name.
    public var aliases: [String]
    /// The value the command takes when the flag is not given, as the user would write it
    /// (`1d`, `MON-FRI 09:00-17:00`); nil when there is none or it depends on other flags.
    public var defaultValue: String?

    public init(
        _ name: String, _ kind: ValueKind, _ summary: String, secret: Bool = false, repeatable: Bool = false,
        required: Bool = false, requiredUnless: [String] = [], fields: [String] = [], aliases: [String] = [],
        default defaultValue: String? = nil
    ) {
        self.name = name
        self.requiredUnless = requiredUnless
        self.defaultValue = defaultValue
        self.fields = fields
        var spellings: [String] = []
        for spelling in fields.map({ Self.flagSpelling(ofField: $0) }) + aliases
        where spelling != name && !spellings.contains(spelling) {
            spellings.append(spelling)
        }
        self.aliases = spellings
        self.kind = kind
        self.summary = summary
        self.isSecret = secret
        self.repeatable = repeatable
        self.required = required
    }

    /// "required", or "required unless --steps is given": as help and the catalogue say it.
    public var requirement: String? {
        guard required else { return nil }
        guard !requiredUnless.isEmpty else { return "required" }
        return "required unless " + requiredUnless.map { "--" + $0 }.joined(separator: " or ") + " is given"
    }

    /// A boolean flag takes no value (`--track-opens`), or an attached one (`--track-opens=false`).
    public var isBoolean: Bool { kind == .bool }

    /// `--yes`, which every destructive command takes.
    public static let yes = FlagDescriptor("yes", .bool, "do it without asking (needed without a terminal)")

    /// An API field's name as a flag: `smtp_email` → `smtp-email`, `smtpEmailAddress` →
    /// `smtp-email-address`.
    public static func flagSpelling(ofField field: String) -> String {
        var result = ""
        for character in field {
            if character == "_" {
                result.append("-")
            } else if character.isUppercase {
                result += "-" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
