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

    /// Throws the snippet problems of one flag value, each located: in the script where the
    /// value was written there, in the file where it was `@file.html` (its line and column).
    static func checkSnippets(in text: String, _ site: ArgumentSite, warn: (String) -> Void = { _ in }) throws {
        // Without a brace there is no snippet to check and nothing to warn about.
        guard text.utf8.contains(where: { $0 == UInt8(ascii: "{") || $0 == UInt8(ascii: "}") }) else { return }
        for warning in SnippetLint.lints(text) {
            let place: String
            if case .fileReference(let path, _)? = site.expression {
                place = "\(path):\(SourceFile(name: path, text: text).location(of: warning.offset)): "
            } else {
                place = ""
            }
            warn("warning: \(site.what): \(place)\(warning.message)")
        }
        let problems = SnippetLint.scan(text).problems
        guard !problems.isEmpty else { return }
        var errors: [RuntimeError] = []
        for problem in problems {
            if case .fileReference(let path, _)? = site.expression {
                var error = RuntimeError("\(site.what) @\(path): \(problem.message)")
                error.sourceFile = SourceFile(name: path, text: text)
                error.sourceIsText = true
                error.range = SourceRange(problem.offset, problem.offset + problem.length)
                errors.append(error)
            } else {
                let place = site.expression.map {
                    range(of: $0, text: text, offset: problem.offset, length: problem.length)
                }
                errors.append(RuntimeError("\(site.what): \(problem.message)", at: place ?? site.range))
            }
        }
        if let error = RuntimeError.combining(errors) { throw error }
    }
}
