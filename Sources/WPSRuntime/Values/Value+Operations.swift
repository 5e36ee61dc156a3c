import OutreachAPI
import WPSLanguage

extension Value {
    /// The value at a path of fields and indexes: `steps.followup.id`, `[0].email`.
    public func get(_ path: [PathComponent]) throws(RuntimeError) -> Value {
        var current = self
        var walked = ""
        for component in path {
            switch (component, current) {
            case (.field(let name), .record(let record)):
                guard let next = record[name] else {
                    let suggestion =
                        Suggestion.closest(to: name, in: record.keys).map { " — did you mean '\($0)'?" } ?? ""
                    throw RuntimeError("no field '\(name)' in \(walked.isEmpty ? "the record" : walked)\(suggestion)")
                }
                current = next
                walked += (walked.isEmpty ? "" : ".") + name
            case (.field(let name), .list(let items)):
                // A field of a list is that field of each item (`$boxes.email`).
                current = .list(try items.map { item throws(RuntimeError) in try item.get([.field(name)]) })
                walked += "." + name
            case (.index(let index), .list(let items)):
                let position = index < 0 ? items.count + index : index
                guard items.indices.contains(position) else {
                    throw RuntimeError(
                        "index \(index) out of range (the list has \(items.count) item\(items.count == 1 ? "" : "s"))")
                }
                current = items[position]
                walked += "[\(index)]"
            case (.field(let name), _):
                throw RuntimeError(
                    "cannot take .\(name) of a \(current.typeName)\(walked.isEmpty ? "" : " (\(walked))")")
            case (.index(let index), _):
                throw RuntimeError("cannot index a \(current.typeName) with [\(index)]")
            }
        }
        return current
    }

    /// Language equality: numbers compare by value (`1 == 1.0`), everything else structurally.
    public static func languageEquals(_ lhs: Value, _ rhs: Value) -> Bool {
        if let l = lhs.number, let r = rhs.number { return l == r }
        return lhs == rhs
    }

    /// Ordering for `<`, `sort-by`: numbers by value, strings lexicographically; nil across kinds.
    public static func compare(_ lhs: Value, _ rhs: Value) -> Int? {
        if let l = lhs.number, let r = rhs.number { return l < r ? -1 : (l > r ? 1 : 0) }
        if case .string(let l) = lhs, case .string(let r) = rhs { return l < r ? -1 : (l > r ? 1 : 0) }
        if case .bool(let l) = lhs, case .bool(let r) = rhs { return l == r ? 0 : (l ? 1 : -1) }
        return nil
    }

    /// The total order `sort-by` uses, so every list sorts the same way whatever it holds:
    /// numbers first (by value; NaN after every other number), then strings (by their Unicode
    /// scalars), booleans (false first), lists and records (each kind in input order: sorting is
    /// stable), and null last. Negative when `lhs` goes first, 0 when neither does.
    public static func sortOrder(_ lhs: Value, _ rhs: Value) -> Int {
        let (left, right) = (lhs.sortRank, rhs.sortRank)
        guard left == right else { return left < right ? -1 : 1 }
        switch (lhs, rhs) {
        case (.string(let l), .string(let r)):
            return l.unicodeScalars.lexicographicallyPrecedes(r.unicodeScalars)
                ? -1
                : (r.unicodeScalars.lexicographicallyPrecedes(l.unicodeScalars) ? 1 : 0)
        case (.bool(let l), .bool(let r)):
            return l == r ? 0 : (l ? 1 : -1)
        default:
            guard let l = lhs.number, let r = rhs.number else { return 0 }
            if l.isNaN || r.isNaN { return l.isNaN == r.isNaN ? 0 : (l.isNaN ? 1 : -1) }
            return l < r ? -1 : (l > r ? 1 : 0)
        }
    }

    /// The place of the value's kind in ``sortOrder(_:_:)``.
    private var sortRank: Int {
        switch self {
        case .int, .double: 0
        case .string: 1
        case .bool: 2
        case .list: 3
        case .record: 4
        case .null: 5
        }
    }

    /// The value as a number, if it is one.
    public var number: Double? {
        switch self {
        case .int(let value): Double(value)
        case .double(let value): value
        default: nil
        }
    }

    /// A bare word as a value: integers, doubles, `true`/`false`/`null`, else a string.
    public static func word(_ text: String) -> Value {
        if let int = Int(text) { return .int(int) }
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let double = Double(text),
            text.first?.isNumber == true || text.first == "-"
        {
            return .double(double)
        }
        switch text {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default: return .string(text)
        }
    }
}

/// A failure while running wps code: what went wrong, where, and the exit code it means.
public struct RuntimeError: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    public var range: SourceRange?
    /// 1 for a failure at the API, 2 for usage or validation.
    public var exitCode: Int32
    /// Not about a line of the script (e.g. the server's TLS certificate is refused): printed as
    /// one line, `wps: MESSAGE`, without a source excerpt.
    public var isUnlocated = false
    /// What the failing command still produced (`batch watch`'s summaries when mailboxes failed):
    /// printed like a result when the command ends its pipeline, before the error.
    public var result: Value?
    /// The client's failure this error reports, when it comes from a request (its status, code,
    /// details and endpoint make `$error` in a `catch`).
    public var failure: OutreachError?
    /// The file ``range`` is in when it is not the script being run (a `source`d file, or the
    /// `@first.html` a snippet problem is in).
    public var sourceFile: SourceFile?
    /// ``sourceFile`` is a text the script read (a message file), not wps source: shown as it
    /// is, without the secret scan meant for scripts.
    public var sourceIsText = false
    /// The command's other problems, found in the same run (every argument is read before any is
    /// refused): each shown after this one with its own caret.
    public var more: [RuntimeError] = []

    public init(_ message: String, at range: SourceRange? = nil, exitCode: Int32 = 2) {
        self.message = message
        self.range = range
        self.exitCode = exitCode
    }

    /// An API client failure: exit 2 for broken rules or a misconfigured client, else 1; a TLS
    /// failure is unlocated (it concerns the connection, not the line).
    public init(_ error: OutreachError, at range: SourceRange?) {
        self.init(
            error.description, at: range, exitCode: error.kind == .validation || error.kind == .configuration ? 2 : 1)
        isUnlocated = error.kind == .tls
        failure = error
    }

    /// What `$error` is inside `catch`: a record of `status` (the HTTP status, or null when no
    /// answer came), `code`, `message`, `details` and `endpoint`, whose text is the whole message,
    /// so `echo "failed: $error"` reads as before.
    public var value: Value {
        var record = Record()
        let answer = failure?.apiError
        record["status"] = answer.map { .int($0.status) } ?? .null
        record["code"] = .string(answer?.code ?? failure.map { Self.code(of: $0.kind) } ?? "ERROR")
        let summary = failure?.kind == .validation ? message.prefix { $0 != "\n" } : Substring(message)
        record["message"] = .string(answer?.message ?? answer?.code ?? String(summary))
        let details = answer?.details ?? failure?.problems.map(\.description) ?? []
        record["details"] = .list(details.map(Value.string))
        record["endpoint"] = failure.map { .string($0.endpoint) } ?? .null
        record.text = message
        return .record(record)
    }

    /// The `code` of a failure that has no answer from the API.
    static func code(of kind: OutreachError.Kind) -> String {
        switch kind {
        case .validation: "VALIDATION"
        case .api: "API"
        case .outcomeUnknown: "OUTCOME_UNKNOWN"
        case .unreachable: "UNREACHABLE"
        case .malformedResponse: "MALFORMED_RESPONSE"
        case .configuration: "CONFIGURATION"
        case .tls: "TLS"
        }
    }

    public var description: String { (CollectionOfOne(message) + more.map(\.message)).joined(separator: "\n") }

    /// One error for several: the first, with the others as ``more`` (nil for none).
    public static func combining(_ errors: [RuntimeError]) -> RuntimeError? {
        guard var first = errors.first else { return nil }
        first.more += errors.dropFirst().flatMap { [$0] + $0.more }.map { error in
            var single = error
            single.more = []
            return single
        }
        return first
    }

    /// The error as a diagnostic of its source.
    public func diagnostic(fallback: SourceRange) -> Diagnostic {
        Diagnostic(.error, message, at: range ?? fallback)
    }
}
