import Foundation
import WPSLanguage

extension Interpreter {
    /// Every variable in scope by its type, never its value; one whose name looks secret says so.
    var variableTypes: Record {
        var record = Record()
        for scope in scopes {
            for key in scope.keys.sorted() where !["args", "_"].contains(key) {
                let type = scope[key]?.typeName ?? ""
                record[key] = .string(SecretMask.nameLooksSecret(key) ? "\(type) (secret, not shown)" : type)
            }
        }
        return record
    }

    /// `> FILE`: text as it is, anything else as pretty JSON; a text file either way. `>> FILE`
    /// adds the same at the end of the file (created when missing).
    func write(_ value: Value, to path: String, appending: Bool = false, at range: SourceRange) throws {
        // Text as it is (`to csv > x.csv`, `echo hi > x.txt`); any other value as `save` writes
        // it, by the file's extension (`campaign list > c.csv` is CSV), else JSON.
        var text: String
        if case .string(let string) = value {
            text = string
        } else {
            do {
                text = try Self.format(value, forFile: path)
            } catch let error as RuntimeError {
                var located = error
                located.range = located.range ?? range
                throw located
            }
        }
        let exists = FileManager.default.fileExists(atPath: path)
        // Appended CSV rows go under the header the file already has.
        if appending, exists, value.typeName != "string", OutputFormat.forFile(path) == .csv,
            let size = Self.fileSize(path), size > 0,
            let newline = text.firstIndex(of: "\n")
        {
            text = String(text[text.index(after: newline)...])
        }
        guard appending, exists else {
            return try Self.writeTextFile(text, to: path, at: range)
        }
        guard let handle = FileHandle(forUpdatingAtPath: path) else {
            throw RuntimeError("cannot append to \(path): permission denied or not a file", at: range)
        }
        defer { try? handle.close() }
        do {
            let end = try handle.seekToEnd()
            var content = Self.textFileContent(text)
            // A file that does not end in a line break gets one first, so the new text starts a line.
            if end > 0 {
                try handle.seek(toOffset: end - 1)
                if try handle.read(upToCount: 1) != Data("\n".utf8) { content = "\n" + content }
                try handle.seekToEnd()
            }
            try handle.write(contentsOf: Data(content.utf8))
        } catch {
            throw RuntimeError("cannot append to \(path): \(error.localizedDescription)", at: range)
        }
    }

    static func fileSize(_ path: String) -> Int? {
        (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
    }

    /// The text `save` writes: by the file's extension (json, ndjson, yaml, csv), else as text.
    static func format(_ value: Value, forFile path: String) throws -> String {
        if let format = OutputFormat.forFile(path) { return try format.render(value) }
        if case .string(let text) = value { return text }
        return JSONRenderer(pretty: true).render(value)
    }

    /// Writes `text` as a text file: whatever line breaks it ends with become exactly one
    /// (`\r\n` when its last one was), so every line is complete; no text is an empty file.
    static func writeTextFile(_ text: String, to path: String, at range: SourceRange) throws {
        do {
            try textFileContent(text).write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw RuntimeError("cannot write \(path): \(error.localizedDescription)", at: range)
        }
    }

    /// `text` ending in exactly one line break (none when it is empty or only line breaks).
    static func textFileContent(_ text: String) -> String {
        var body = Substring(text)
        let ending = body.last == "\r\n" ? "\r\n" : "\n"
        while let last = body.last, last.isNewline { body.removeLast() }
        return body.isEmpty ? "" : body + ending
    }
}

/// `exit [CODE]`: stops the script with that exit code.
public struct ExitRequest: Error, Sendable {
    public let code: Int32
}
