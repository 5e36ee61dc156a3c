import Foundation
import OutreachAPI
import WPSLanguage

/// A prospect as a command names it: by email, or by id (looked up, since the v1 update names
/// prospects by email).
///
/// Read from words (`ann@acme.com`, `100001`), from `-` (the piped value), or from records: `email`, else `prospect.email` (a webhook event's record),
/// else `id` or `prospect.id`.
enum ProspectReference: Sendable, Hashable, CustomStringConvertible {
    case email(String)
    case id(Int)

    var description: String {
        switch self {
        case .email(let email): email
        case .id(let id): "id \(id)"
        }
    }

    /// The targets `values` name, each once, in order. `-` stands for `input`, the piped value
    /// (never standard input); a value naming no prospect is an error at `range`.
    static func targets(in values: [Value], input: Value, at range: SourceRange) throws -> [ProspectReference] {
        var result: [ProspectReference] = []
        var seen = Set<ProspectReference>()
        func add(_ value: Value) throws {
            for item in value.items {
                if case .string(let text) = item, text.trimmingCharacters(in: .whitespaces) == "-" {
                    // Only the piped value: standard input may be a script's, or an MCP client's.
                    try input.items.forEach(add)
                    continue
                }
                let target = try self.target(of: item, at: range)
                if seen.insert(target).inserted { result.append(target) }
            }
        }
        for value in values { try add(value) }
        return result
    }

    /// One value as a target: an id (a number, or text of digits), an email (checked as the API
    /// checks it), or a record carrying one of them.
    static func target(of value: Value, at range: SourceRange) throws -> ProspectReference {
        switch value {
        case .int(let id) where id > 0:
            return .id(id)
        case .string(let raw):
            let text = raw.trimmingCharacters(in: .whitespaces)
            if let id = Int(text), id > 0 { return .id(id) }
            guard Validation.isValidEmail(text) else {
                throw RuntimeError(
                    "'\(raw)' is neither a prospect's email nor its id (a positive number)", at: range)
            }
            return .email(text)
        case .record(let record):
            var fields: [Value?] = [record["email"]]
            if case .record(let prospect)? = record["prospect"] { fields += [prospect["email"], prospect["id"]] }
            fields.append(record["id"])
            guard let field = fields.compactMap({ $0 }).first(where: { $0 != .null && !$0.text.isEmpty }) else {
                throw RuntimeError(
                    "a record with no email, prospect.email or id names no prospect (fields: \(record.keys.joined(separator: ", ")))",
                    at: range)
            }
            return try target(of: field, at: range)
        default:
            throw RuntimeError(
                "a \(value.typeName) (\(value.text)) names no prospect: give an email, an id or a record with email",
                at: range)
        }
    }
}
