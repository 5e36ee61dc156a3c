import Foundation
import OutreachAPI
import WPSLanguage

extension Interpreter {
    /// Runs one command on the value piped into it.
    mutating func run(_ command: Command, input: Value) async throws -> Value {
        if let implementation = commands[command.name] {
            do {
                return try await implementation(input, command, &self)
            } catch var error as RuntimeError {
                if error.range == nil { error.range = command.range }
                throw error
            } catch let error as OutreachError {
                // A request's failure a command did not place itself is shown at the command.
                throw RuntimeError(error, at: command.range)
            }
        }
        if let result = try await runFileCommand(command, input: input) { return result }
        let arguments = command.positionals
        switch command.name {
        case "echo":
            var values: [Value] = []
            for argument in arguments { values.append(try await evaluate(argument)) }
            return values.count == 1 ? values[0] : .string(values.map(\.text).joined(separator: " "))
        case "where":
            guard let condition = arguments.first else { return input }
            try Self.checkFields(of: condition, in: input.items)
            var kept: [Value] = []
            for item in input.items {
                let passes = try await inItemScope(item) { try await $0.evaluate(condition, fieldsOf: item).isTruthy }
                if passes { kept.append(item) }
            }
            return .list(kept)
        case "select":
            let fields = try await words(arguments)
            func pick(_ item: Value) -> Value {
                guard case .record(let record) = item else { return item }
                var picked = Record()
                for field in fields {
                    let value = record[field] ?? (try? item.get(Self.path(field))) ?? .null
                    // `select id details.email` keeps the nesting, so `sort-by details.email` still works.
                    let names = field.split(separator: ".").map(String.init)
                    if record[field] == nil, names.count > 1, !field.contains("[") {
                        picked = Self.setting(names[...], to: value, in: picked)
                    } else {
                        picked[field] = value
                    }
                }
                return .record(picked)
            }
            if case .list(let items) = input { return .list(items.map(pick)) }
            return pick(input)
        case "get":
            guard let path = try await words(arguments).first else { return input }
            do {
                return try input.get(Self.path(path))
            } catch {
                throw RuntimeError(error.message, at: command.range)
            }
        case "first", "last":
            var count = 1
            if let argument = arguments.first {
                guard let number = try await evaluate(argument).number, number >= 0 else {
                    throw RuntimeError("'\(command.name)' needs a count of 0 or more", at: argument.range)
                }
                count = Int(number)
            }
            let items = input.items
            let slice = command.name == "first" ? Array(items.prefix(count)) : Array(items.suffix(count))
            return arguments.isEmpty && slice.count == 1 ? slice[0] : .list(slice)
        case "count":
            return .int(input.items.count)
        case "sort-by":
            guard let field = try await words(arguments).first else { return input }
            let reverse = !command.values(of: "reverse").isEmpty
            // Scalars sort by themselves (`sort-by it`); records by the field.
            let keyed = try input.items.map { item throws(RuntimeError) in
                guard case .record = item else { return (item, item) }
                return (item, try item.get(Self.path(field)))
            }
            // One total order (numbers, strings, booleans, lists, records); `--reverse` turns it
            // round, but nulls stay last either way; equal keys keep their input order.
            let sorted = keyed.enumerated().sorted { left, right in
                let (a, b) = (left.element.1, right.element.1)
                if a == .null || b == .null {
                    return a == b ? left.offset < right.offset : b == .null
                }
                let order = reverse ? Value.sortOrder(b, a) : Value.sortOrder(a, b)
                return order == 0 ? left.offset < right.offset : order < 0
            }
            return .list(sorted.map(\.element.0))
        case "each":
            guard case .block(let block)? = arguments.first else { return input }
            var results: [Value] = []
            for item in input.items {
                let result = try await inItemScope(item) { interpreter -> Value in
                    var last = Value.null
                    for statement in block.statements {
                        if case .pipeline(let pipeline) = statement {
                            last = try await interpreter.run(pipeline)
                        } else {
                            try await interpreter.execute(statement)
                        }
                    }
                    return last
                }
                results.append(result)
            }
            return .list(results)
        case "to":
            let name = try await words(arguments).first ?? "json"
            guard let format = OutputFormat(rawValue: name), OutputFormat.textFormats.contains(format) else {
                let names = OutputFormat.textFormats.map(\.rawValue)
                throw RuntimeError("'to \(name)': use \(names.dropLast().joined(separator: ", ")) or \(names.last ?? "")", at: command.range)
            }
            return .string(try format.render(input).trimmingCharacters(in: .newlines))
        default:
            throw RuntimeError("'\(command.name)' cannot run here yet", at: command.range)
        }
    }

    /// A field `where` tests (a bare word on the left of a comparison, or alone) that no item
    /// has is a mistake, not an empty result: located, with the closest field the items have.
    static func checkFields(of condition: Expression, in items: [Value]) throws {
        let records = items.compactMap { if case .record(let record) = $0 { record } else { nil } }
        guard !records.isEmpty, records.count == items.count else { return }
        var fields: [(String, SourceRange)] = []
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
        for (word, range) in fields {
            let name = String(word.prefix { $0 != "." })
            guard !records.contains(where: { $0[name] != nil }) else { continue }
            var known: [String] = []
            for record in records { for key in record.keys where !known.contains(key) { known.append(key) } }
            let suggestion = Suggestion.closest(to: name, in: known).map { " — did you mean '\($0)'?" } ?? ""
            throw RuntimeError("no item has a field '\(name)'\(suggestion) (the items' fields: \(known.joined(separator: ", ")))", at: range)
        }
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

    /// Arguments that name fields: bare words as they are, other values as text.
    mutating func words(_ arguments: [Expression]) async throws -> [String] {
        var result: [String] = []
        for argument in arguments {
            if case .word(let word, _) = argument { result.append(word) } else { result.append(try await evaluate(argument).text) }
        }
        return result
    }

    /// `steps.followup.id`, `boxes[0].email` as path components.
    static func path(_ text: String) -> [PathComponent] {
        var components: [PathComponent] = []
        for piece in text.split(separator: ".") {
            var name = Substring(piece)
            var indexes: [Int] = []
            while name.hasSuffix("]"), let open = name.lastIndex(of: "["), let index = Int(name[name.index(after: open)..<name.index(before: name.endIndex)]) {
                indexes.insert(index, at: 0)
                name = name[..<open]
            }
            if !name.isEmpty { components.append(.field(String(name))) }
            components += indexes.map(PathComponent.index)
        }
        return components
    }
}
