import Foundation
import OutreachAPI
import WPSLanguage

extension Interpreter {
    /// A field `where` tests (a bare word on the left of a comparison, or alone) that no item
    /// has is a mistake, not an empty result: located, with the closest field the items have.
    static func checkFields(of condition: Expression, in items: [Value]) throws {
        let records = items.compactMap { if case .record(let record) = $0 { record } else { nil } }
        guard !records.isEmpty, records.count == items.count else { return }
        let fields = fieldWords(of: condition)
        for (word, range) in fields {
            let name = String(word.prefix { $0 != "." })
            guard !records.contains(where: { $0[name] != nil }) else { continue }
            var known: [String] = []
            for record in records { for key in record.keys where !known.contains(key) { known.append(key) } }
            let suggestion = Suggestion.closest(to: name, in: known).map { " — did you mean '\($0)'?" } ?? ""
            throw RuntimeError(
                "no item has a field '\(name)'\(suggestion) (the items' fields: \(known.joined(separator: ", ")))",
                at: range)
        }
    }

    /// The words of a condition that name fields of the item (`status` in `status == DRAFT`, both
    /// sides of `and`/`or`/arithmetic), with where each is.
    static func fieldWords(of condition: Expression) -> [(word: String, range: SourceRange)] {
        var fields: [(word: String, range: SourceRange)] = []
        func collect(_ expression: Expression, asField: Bool) {
            switch expression {
            case .word(let word, let range) where asField:
                if Double(word) == nil, !["true", "false", "null"].contains(word) { fields.append((word, range)) }
            case .binary(let op, let lhs, let rhs, _) where op == .and || op == .or || op.isArithmetic:
                collect(lhs, asField: true)
                collect(rhs, asField: true)
            case .binary(_, let lhs, _, _):
                collect(lhs, asField: true)
            case .unary(_, let operand, _):
                collect(operand, asField: true)
            default:
                break
            }
        }
        collect(condition, asField: true)
        return fields
    }

    /// The item as a condition sees it: a record lacking a field the condition names (that
    /// another item has) has it as null, so `where last_replied != null` is false for a record
    /// without `last_replied`, as for one where it is null.
    static func withNamedFields(_ item: Value, _ names: [String]) -> Value {
        guard case .record(var record) = item else { return item }
        var changed = false
        for name in names where record[name] == nil {
            record[name] = .null
            changed = true
        }
        return changed ? .record(record) : item
    }

    /// `record` with the value at a path of field names set (records made on the way).
    static func setting(_ names: ArraySlice<String>, to value: Value, in record: Record) -> Record {
        guard let first = names.first else { return record }
        var copy = record
        if names.count == 1 {
            copy[first] = value
        } else {
            let inner: Record = if case .record(let existing)? = record[first] { existing } else { Record() }
            copy[first] = .record(setting(names.dropFirst(), to: value, in: inner))
        }
        return copy
    }

    /// Runs `body` with `$it` set to an item.
    mutating func inItemScope<T>(_ item: Value, _ body: (inout Interpreter) async throws -> T) async throws -> T {
        scopes.append(["it": item])
        defer { scopes.removeLast() }
        return try await body(&self)
    }

    /// `steps.followup.id`, `boxes[0].email` as path components.
    static func path(_ text: String) -> [PathComponent] {
        var components: [PathComponent] = []
        for piece in text.split(separator: ".") {
            var name = Substring(piece)
            var indexes: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "["),
                let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)])
            {
                indexes.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { components.append(.field(String(name))) }
            components += indexes.map(PathComponent.index)
        }
        return components
    }
}
