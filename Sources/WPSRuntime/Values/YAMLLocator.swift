import Foundation
import WPSLanguage
import Yams

/// A YAML file's node tree with each node's line and column, so a problem found in what it
/// decodes to points into the file: `q4.yaml:7:18: steps[0].versions[0].subject: …`.
///
/// Syntax errors are reported as `FILE:LINE:COL: YAML syntax: …` without the text of the line,
/// because the line may hold an API key.
public struct YAMLLocator {
    /// How messages name the file.
    public let name: String
    /// The document; nil for an empty file.
    public let root: Node?

    /// One step of a path: a mapping key or a sequence index.
    enum Component: Equatable {
        case key(String)
        case index(Int)
    }

    /// Reads `text` (UTF-8 already checked by the caller).
    public init(name: String, text: String) throws(RuntimeError) {
        self.name = name
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw RuntimeError(Self.describe(error, name: name, text: text))
        }
    }

    /// Reads a file, checking first that it is UTF-8 text with no NUL byte.
    public static func load(_ path: String) throws(RuntimeError) -> YAMLLocator {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw RuntimeError("cannot read \(path): no such file")
        }
        if let problem = TextScanner.check(data) {
            throw RuntimeError("\(path):\(problem.line):\(problem.column): \(problem.message)")
        }
        return try YAMLLocator(name: path, text: String(decoding: data, as: UTF8.self))
    }

    static func describe(_ error: any Error, name: String, text: String) -> String {
        guard let yaml = error as? YamlError else { return "\(name):1:1: not YAML" }
        switch yaml {
        case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            let while_ = context.map { " (\($0.text), from line \($0.mark.line) column \($0.mark.column))" } ?? ""
            let hint =
                problem.contains("cannot start any token") && Self.hasTab(text, line: mark.line)
                ? "; indent with spaces, not tabs" : ""
            return "\(name):\(mark.line):\(mark.column): YAML syntax: \(problem)\(while_)\(hint)"
        case .reader(let problem, let offset, _, _):
            let (line, column) = Self.lineAndColumn(of: offset ?? 0, in: text)
            return "\(name):\(line):\(column): YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.sorted().map { "'\($0)'" }.joined(separator: ", ")
            let (line, column) =
                duplicates.sorted().first.flatMap { Self.secondKey($0, in: text, from: context.mark.line) }
                ?? (context.mark.line, context.mark.column)
            return
                "\(name):\(line):\(column): duplicate key \(keys) in the mapping that starts on line \(context.mark.line)"
        default:
            return "\(name):1:1: not YAML"
        }
    }

    /// Where `key` appears as a key for the second time from line `from` on (the duplicate).
    static func secondKey(_ key: String, in text: String, from: Int) -> (Int, Int)? {
        var seen = 0
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where index + 1 >= from {
            var search = line.startIndex
            while let range = line.range(of: key, range: search..<line.endIndex) {
                search = range.upperBound
                let before = range.lowerBound == line.startIndex ? " " : line[line.index(before: range.lowerBound)]
                let after = line[range.upperBound...].drop { $0 == "\"" || $0 == "'" || $0 == " " }
                guard " {,\"'-".contains(before), after.hasPrefix(":") else { continue }
                seen += 1
                if seen == 2 { return (index + 1, line.distance(from: line.startIndex, to: range.lowerBound) + 1) }
            }
        }
        return nil
    }

    static func hasTab(_ text: String, line: Int) -> Bool {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        return line >= 1 && line <= lines.count && lines[line - 1].contains("\t")
    }

    static func lineAndColumn(of offset: Int, in text: String) -> (Int, Int) {
        lineAndColumn(of: offset, in: text.utf8)
    }

    /// The 1-based line and column (in characters, counting UTF-8 lead bytes) of a byte offset.
    static func lineAndColumn(of offset: Int, in bytes: some Collection<UInt8>) -> (Int, Int) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(offset) {
            if byte == 0x0A {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// `steps[1].versions[0].subject` → its components.
    static func components(_ path: String) -> [Component] {
        var result: [Component] = []
        for part in path.split(separator: ".") {
            var rest = Substring(part)
            if let bracket = rest.firstIndex(of: "[") {
                if bracket > rest.startIndex { result.append(.key(String(rest[..<bracket]))) }
                rest = rest[bracket...]
                while rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
                    if let index = Int(rest[rest.index(after: rest.startIndex)..<close]) {
                        result.append(.index(index))
                    }
                    rest = rest[rest.index(after: close)...]
                }
            } else if !rest.isEmpty {
                result.append(.key(String(rest)))
            }
        }
        return result
    }

    /// A coding path as a spec path: `steps[0].versions[1].subject`.
    public static func path(_ keys: [any CodingKey]) -> String {
        keys.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined().trimmingCharacters(
            in: CharacterSet(charactersIn: "."))
    }

    /// The node at a path, or the nearest one the path passes through.
    public func node(at path: String) -> Node? { walk(path).node }

    /// `NAME:LINE:COL` of the node at `path` (or the nearest one); `NAME:1:1` for an empty file.
    public func place(of path: String) -> String {
        guard let mark = node(at: path)?.mark else { return "\(name):1:1" }
        return "\(name):\(mark.line):\(mark.column)"
    }

    /// A problem `path: message` with its place in front: `NAME:LINE:COL: path: message`.
    public func locate(_ problem: String) -> String {
        guard let colon = problem.range(of: ": ") else { return "\(place(of: "")): \(problem)" }
        let path = String(problem[..<colon.lowerBound])
        return "\(place(of: path.contains(" ") ? "" : path)): \(problem)"
    }

    /// Every key of the mapping at `path` that is not in `allowed`, as a located problem with
    /// the closest allowed key.
    public func unknownKeys(at path: String, allowed: [String]) -> [String] {
        guard let node = path.isEmpty ? root : exactNode(at: path), let mapping = node.mapping else { return [] }
        var problems: [String] = []
        for (key, _) in mapping {
            guard let text = key.string, !allowed.contains(text) else { continue }
            let suggestion =
                Suggestion.closest(to: text, in: allowed).map { " — did you mean '\($0)'?" }
                ?? "; known: \(allowed.joined(separator: ", "))"
            let place = key.mark.map { "\(name):\($0.line):\($0.column)" } ?? self.place(of: path)
            problems.append("\(place): \(path.isEmpty ? text : path + "." + text): unknown key\(suggestion)")
        }
        return problems
    }

    /// The number of items of the sequence at `path` (0 when it is not one).
    public func count(at path: String) -> Int {
        exactNode(at: path)?.sequence?.count ?? 0
    }

    /// The node exactly at `path`, nil when the file does not reach it.
    func exactNode(at path: String) -> Node? {
        let found = walk(path)
        return found.reached ? found.node : nil
    }

    /// Follows `path` as far as the file goes: the last node reached, and whether it is the
    /// node at the whole path.
    private func walk(_ path: String) -> (node: Node?, reached: Bool) {
        guard var node = root else { return (nil, false) }
        for component in Self.components(path) {
            switch component {
            case .key(let key):
                guard let next = node.mapping?.first(where: { $0.key.string == key })?.value else {
                    return (node, false)
                }
                node = next
            case .index(let index):
                guard let sequence = node.sequence, index >= 0, index < sequence.count else { return (node, false) }
                node = sequence[index]
            }
        }
        return (node, true)
    }

    /// What a node holds, for "expected …, got …" messages: a scalar's text, or its kind.
    public func describeValue(at path: String) -> String {
        guard let node = exactNode(at: path) else { return "nothing" }
        if let scalar = node.scalar { return "'\(scalar.string)'" }
        if node.sequence != nil { return "a list" }
        if node.mapping != nil { return "a mapping" }
        return "nothing"
    }

    /// A decoding error as a located message (values are shown only when `showValues`).
    public func describe(_ error: any Error, showValues: Bool = true) -> String {
        switch error {
        case DecodingError.keyNotFound(let key, let context):
            let parent = Self.path(context.codingPath)
            let path = Self.path(context.codingPath + [key])
            return "\(place(of: parent)): \(path): missing"
        case DecodingError.typeMismatch(let type, let context), DecodingError.valueNotFound(let type, let context):
            let path = Self.path(context.codingPath)
            let got =
                showValues
                ? describeValue(at: path) : (exactNode(at: path)?.scalar != nil ? "text" : describeValue(at: path))
            return
                "\(place(of: path)): \(path.isEmpty ? "the document" : path): expected \(Self.kind(type)), got \(got)"
        case DecodingError.dataCorrupted(let context):
            let path = Self.path(context.codingPath)
            return "\(place(of: path)): \(path.isEmpty ? "the document" : path): \(context.debugDescription)"
        default:
            return "\(name):1:1: \(error)"
        }
    }

    static func kind(_ type: Any.Type) -> String {
        switch type {
        case is Int.Type, is Int?.Type: return "a whole number"
        case is Bool.Type, is Bool?.Type: return "true or false"
        case is String.Type, is String?.Type, is Node.Scalar.Type: return "text"
        default:
            let name = "\(type)"
            if name.hasPrefix("Array") || name.hasPrefix("Sequence") || name.hasPrefix("[") { return "a list" }
            if name.contains("Mapping") || name.contains("Dictionary") || name.contains("Spec")
                || name.contains("Settings")
            {
                return "a mapping"
            }
            return name.lowercased()
        }
    }
}
