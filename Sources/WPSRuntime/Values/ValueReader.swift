import CSV
import Foundation
import WPSLanguage
import Yams

/// Reads files into values for `open`: CSV (a list of records, one per row), JSON, NDJSON and
/// YAML, chosen by the file's extension.
enum ValueReader {
    /// The file as values; CSV fields that are integers written plainly (`42`, `-7`, not `007`
    /// or `+1`) become numbers unless `rawCSV` keeps every field as text.
    static func read(_ path: String, rawCSV: Bool = false) throws(RuntimeError) -> Value {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("cannot read \(path): no such file")
        }
        if let problem = TextScanner.check(data) {
            throw RuntimeError("\(path):\(problem.line):\(problem.column): \(problem.message)")
        }
        let text = String(decoding: data, as: UTF8.self)
        let lower = path.lowercased()
        do {
            if lower.hasSuffix(".csv") { return try csv(text, raw: rawCSV) }
            if lower.hasSuffix(".ndjson") || lower.hasSuffix(".jsonl") {
                var items: [Value] = []
                for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
                where !line.allSatisfy({ $0.isWhitespace }) {
                    do { items.append(try json(Data(line.utf8))) } catch let error as RuntimeError {
                        throw RuntimeError("\(path):\(index + 1):\(error.message.dropFirst(2))")
                    }
                }
                return .list(items)
            }
            if lower.hasSuffix(".yaml") || lower.hasSuffix(".yml") {
                return yaml(try YAMLLocator(name: path, text: text).root)
            }
            if lower.hasSuffix(".json") {
                do { return try json(data) } catch let error as RuntimeError {
                    throw RuntimeError("\(path):\(error.message)")
                }
            }
        } catch let error as RuntimeError {
            throw error.message.hasPrefix(path + ":") ? error : RuntimeError("\(path): \(error.message)")
        } catch {
            throw RuntimeError("\(path): \(error)")
        }
        return .string(text)
    }

    /// JSON text as a value; an error is `LINE:COL: not valid JSON (…)`.
    static func json(_ data: Data) throws -> Value {
        do {
            _ = try JSONSerialization.jsonObject(with: data, options: .fragmentsAllowed)
        } catch {
            let (line, column) = ImportSource.location(of: error, in: data)
            throw RuntimeError("\(line):\(column): not valid JSON (\(ImportSource.describe(error)))")
        }
        do {
            return try JSONDecoder().decode(JSONValue.self, from: data).value
        } catch {
            throw RuntimeError("1:1: not valid JSON")
        }
    }

    /// Decodes any JSON; object keys come back sorted (the decoder keeps no order).
    struct JSONValue: Decodable {
        let value: Value
        init(from decoder: any Decoder) throws {
            let single = try decoder.singleValueContainer()
            if single.decodeNil() {
                value = .null
            } else if let flag = try? single.decode(Bool.self) {
                value = .bool(flag)
            } else if let number = try? single.decode(Int.self) {
                value = .int(number)
            } else if let number = try? single.decode(Double.self) {
                value = .double(number)
            } else if let text = try? single.decode(String.self) {
                value = .string(text)
            } else if let items = try? single.decode([JSONValue].self) {
                value = .list(items.map(\.value))
            } else {
                let object = try single.decode([String: JSONValue].self)
                var record = Record()
                for key in object.keys.sorted() { record[key] = object[key]?.value ?? .null }
                value = .record(record)
            }
        }
    }

    static func csv(_ text: String, raw: Bool = false) throws -> Value {
        let reader = try CSVReader(string: text, hasHeaderRow: true)
        let header = reader.headerRow ?? []
        var rows: [Value] = []
        while let fields = reader.next() {
            var record = Record()
            for (name, field) in zip(header, fields) { record[name] = raw ? .string(field) : csvField(field) }
            rows.append(.record(record))
        }
        return .list(rows)
    }

    /// A CSV field: an integer when it is written as one would write it (so `10` sorts after
    /// `9`), else the text as it is — `007`, `1e3`, `+1` and `12.50` stay text.
    static func csvField(_ field: String) -> Value {
        guard let number = Int(field), String(number) == field else { return .string(field) }
        return .int(number)
    }

    static func yaml(_ node: Node?) -> Value {
        guard let node else { return .null }
        switch node {
        case .scalar(let scalar):
            if scalar.style == .plain || scalar.style == .any {
                if let int = Int(scalar.string) { return .int(int) }
                if let double = Double(scalar.string), scalar.string.contains(".") { return .double(double) }
                if ["true", "false"].contains(scalar.string) { return .bool(scalar.string == "true") }
                if ["null", "~", ""].contains(scalar.string) { return .null }
            }
            return .string(scalar.string)
        case .sequence(let sequence): return .list(sequence.map { yaml($0) })
        case .mapping(let mapping):
            var record = Record()
            for (key, value) in mapping { record[key.string ?? ""] = yaml(value) }
            return .record(record)
        case .alias: return .null
        }
    }
}
