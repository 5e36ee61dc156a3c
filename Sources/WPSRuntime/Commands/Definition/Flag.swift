import WPSLanguage

/// A `--flag` declared once, with its type: what the parser checks, `help` shows and completion
/// offers (its ``FlagDescriptor``), and how its value is read back typed
/// (`invocation[CampaignNew.accounts]` is an `[Int]?`).
///
/// ```swift
/// static let accounts = Flag<[Int]>("accounts", .list(.mailboxID), "mailbox ids: 1,2,3", fields: ["email_account_ids"])
/// ```
struct Flag<T: Sendable>: Sendable, FlagReading {
    let descriptor: FlagDescriptor
    let reader: ArgumentReader<T>

    init(_ descriptor: FlagDescriptor, read reader: ArgumentReader<T>) {
        self.descriptor = descriptor
        self.reader = reader
    }

    init(
        _ name: String, _ kind: ValueKind, _ summary: String, secret: Bool = false, repeatable: Bool = false,
        required: Bool = false, fields: [String] = [], aliases: [String] = [], default defaultValue: String? = nil,
        read reader: ArgumentReader<T>
    ) {
        self.init(
            FlagDescriptor(
                name, kind, summary, secret: secret, repeatable: repeatable, required: required, fields: fields,
                aliases: aliases, default: defaultValue),
            read: reader)
    }

    var name: String { descriptor.name }
    var flagDescriptor: FlagDescriptor { descriptor }

    func read(_ site: ArgumentSite, _ interpreter: inout Interpreter) async throws -> any Sendable {
        try await reader.read(site, &interpreter)
    }
}

extension Flag where T == String {
    /// A text flag.
    init(
        _ name: String, _ kind: ValueKind, _ summary: String, secret: Bool = false, repeatable: Bool = false,
        required: Bool = false, fields: [String] = [], default defaultValue: String? = nil
    ) {
        let reader: ArgumentReader<String> =
            switch kind {
            case _ where secret: .secret
            case .choice(let options): .choice(options)
            case .timezone: .timeZone
            default: .text
            }
        self.init(
            name, kind, summary, secret: secret, repeatable: repeatable, required: required, fields: fields,
            default: defaultValue, read: reader)
    }
}

extension Flag where T == Int {
    /// An integer flag.
    init(_ name: String, _ summary: String, fields: [String] = []) {
        self.init(name, .integer, summary, fields: fields, read: .integer)
    }
}

extension Flag where T == Bool {
    /// A boolean flag: `--track-opens`, `--track-opens=false`.
    init(_ name: String, _ summary: String, fields: [String] = [], default defaultValue: String? = nil) {
        self.init(name, .bool, summary, fields: fields, default: defaultValue, read: .bool)
    }
}

/// A positional argument declared once, with its type (see ``Flag``).
struct Positional<T: Sendable>: Sendable, PositionalReading {
    let descriptor: PositionalDescriptor
    /// How messages name it: `the campaign ID`.
    let what: String
    let reader: ArgumentReader<T>

    init(_ descriptor: PositionalDescriptor, what: String? = nil, read reader: ArgumentReader<T>) {
        self.descriptor = descriptor
        self.what = what ?? descriptor.name.uppercased()
        self.reader = reader
    }

    init(
        _ name: String, _ kind: ValueKind, what: String? = nil, optional: Bool = false, repeating: Bool = false,
        read reader: ArgumentReader<T>
    ) {
        self.init(PositionalDescriptor(name, kind, optional: optional, repeating: repeating), what: what, read: reader)
    }

    var name: String { descriptor.name }
    var positionalDescriptor: PositionalDescriptor { descriptor }

    func read(_ site: ArgumentSite, _ interpreter: inout Interpreter) async throws -> any Sendable {
        try await reader.read(site, &interpreter)
    }
}

/// A flag of any type, as a command's list holds them.
protocol FlagReading: Sendable {
    var flagDescriptor: FlagDescriptor { get }
    /// The same flag, required by no rule of the command (a command merged from providers whose
    /// rules differ: each provider's own requirement is checked when it runs).
    var withoutRequirement: any FlagReading { get }
    func read(_ site: ArgumentSite, _ interpreter: inout Interpreter) async throws -> any Sendable
}

/// A positional of any type, as a command's list holds them.
protocol PositionalReading: Sendable {
    var positionalDescriptor: PositionalDescriptor { get }
    var what: String { get }
    func read(_ site: ArgumentSite, _ interpreter: inout Interpreter) async throws -> any Sendable
}

/// Where an argument was written and how messages name it (`--daily-enroll`, `the campaign ID`).
struct ArgumentSite: Sendable {
    /// The value written; nil for a flag given alone (`--track-opens`).
    let expression: Expression?
    let what: String
    /// The flag's name (for a positional, its name).
    let name: String
    /// The value's range (a flag given alone: the flag's).
    let range: SourceRange
}

extension Flag {
    /// The same flag, required by this command (the rules need its field) — unless one of
    /// `others` is given, which stands in for it.
    func required(unless others: [String] = []) -> Flag {
        var descriptor = self.descriptor
        descriptor.required = true
        descriptor.requiredUnless = others
        return Flag(descriptor, read: reader)
    }

    /// The same flag, not required: for a command where something else can stand in for it
    /// (`mailbox verify`'s `--email`, which a file's rows replace).
    var notRequired: Flag {
        var descriptor = self.descriptor
        descriptor.required = false
        return Flag(descriptor, read: reader)
    }

    var withoutRequirement: any FlagReading {
        var descriptor = self.descriptor
        descriptor.required = false
        descriptor.requiredUnless = []
        return Flag(descriptor, read: reader)
    }
}
