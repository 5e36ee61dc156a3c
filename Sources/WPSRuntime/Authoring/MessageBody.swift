import Foundation
import Ink
import WPSLanguage

/// Message bodies from flags: text as given, `@file.html` as the file's text, and `@file.md`
/// converted from Markdown to HTML (Ink). Snippets survive the conversion untouched.
enum MessageBody {
    /// HTML for Markdown text.
    static func html(fromMarkdown text: String) -> String {
        MarkdownParser().html(from: text).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The values of a repeatable text flag (`--message`), Markdown files converted.
    static func values(_ flag: String, _ args: CommandArguments, _ interpreter: inout Interpreter) async throws -> [String] {
        var result: [String] = []
        for expression in args.command.values(of: flag).compactMap({ $0 }) {
            let text = try await interpreter.evaluate(expression).text
            if case .fileReference(let path, _) = expression, path.lowercased().hasSuffix(".md") || path.lowercased().hasSuffix(".markdown") {
                result.append(html(fromMarkdown: text))
            } else {
                result.append(text)
            }
        }
        return result
    }

    /// Where, in the source, byte `offset` of a flag's evaluated `text` is — when the value was
    /// written as a plain string or word, so the two line up; otherwise the whole value.
    static func range(of expression: Expression, text: String, offset: Int, length: Int) -> SourceRange {
        let r = expression.range
        switch expression {
        case .string(let parts, _) where parts.allSatisfy({ if case .text = $0 { true } else { false } }) && r.end - r.start - 2 == text.utf8.count:
            return SourceRange(r.start + 1 + offset, r.start + 1 + offset + length)
        case .literal where r.end - r.start - 2 == text.utf8.count:
            return SourceRange(r.start + 1 + offset, r.start + 1 + offset + length)
        case .word where r.end - r.start == text.utf8.count:
            return SourceRange(r.start + offset, r.start + offset + length)
        default:
            return r
        }
    }

    /// Throws the snippet problems of every value of `flag` (subjects, messages), located.
    static func checkSnippets(_ flag: String, values: [String], _ args: CommandArguments) throws {
        let expressions = args.command.values(of: flag).compactMap { $0 }
        var errors: [(String, SourceRange)] = []
        for (index, text) in values.enumerated() {
            for problem in SnippetLint.scan(text).problems {
                let place = expressions.indices.contains(index)
                    ? range(of: expressions[index], text: text, offset: problem.offset, length: problem.length) : args.command.range
                errors.append(("--\(flag): \(problem.message)", place))
            }
        }
        guard let first = errors.first else { return }
        throw RuntimeError(errors.map(\.0).joined(separator: "\n"), at: first.1)
    }
}
