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

    /// Where, in the source, byte `offset` of a flag's evaluated `text` is — when the value was
    /// written as a plain string or word, so the two line up; otherwise the whole value.
    static func range(of expression: Expression, text: String, offset: Int, length: Int) -> SourceRange {
        let r = expression.range
        switch expression {
        case .string(let parts, _)
        where parts.allSatisfy({ if case .text = $0 { true } else { false } }) && r.end - r.start - 2 == text.utf8.count:
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
    static func checkSnippets<T>(_ flag: Flag<T>, values: [String], _ invocation: Invocation) throws {
        let expressions = invocation.command.values(of: flag.name).compactMap { $0 }
        var errors: [(String, SourceRange)] = []
        for (index, text) in values.enumerated() {
            for problem in SnippetLint.scan(text).problems {
                let place =
                    expressions.indices.contains(index)
                    ? range(of: expressions[index], text: text, offset: problem.offset, length: problem.length)
                    : invocation.command.range
                errors.append(("--\(flag.name): \(problem.message)", place))
            }
        }
        guard let first = errors.first else { return }
        throw RuntimeError(errors.map(\.0).joined(separator: "\n"), at: first.1)
    }
}
