import Foundation
import OutreachAPI
import WPSLanguage

/// How one argument's expression becomes a typed value: evaluated, converted and checked by one
/// rule, with errors that point at the argument. Where the checker has a literal rule for the
/// kind (`--wait 3d`), the reader calls the same function, so both accept the same values.
struct ArgumentReader<T: Sendable>: Sendable {
    let read: @Sendable (ArgumentSite, inout Interpreter) async throws -> T
}

extension ArgumentReader {
    /// The evaluated value; a flag given alone is `true`.
    static func evaluated(_ site: ArgumentSite, _ interpreter: inout Interpreter) async throws -> Value {
        guard let expression = site.expression else { return .bool(true) }
        return try await interpreter.evaluate(expression)
    }
}

extension ArgumentReader where T == Value {
    /// Any value, as evaluated.
    static let value = ArgumentReader { site, interpreter in try await evaluated(site, &interpreter) }
}

extension ArgumentReader where T == Expression {
    /// The expression itself, unevaluated: a condition or a block the command runs per item.
    static let expression = ArgumentReader { site, _ in site.expression ?? .word("true", site.range) }
}

extension ArgumentReader where T == String {
    /// The value as text.
    static let text = ArgumentReader { site, interpreter in try await evaluated(site, &interpreter).text }

    /// A field name or path: a bare word as written (`status`, `steps.followup.id`), else the
    /// value as text.
    static let word = ArgumentReader { site, interpreter in
        if case .word(let word, _)? = site.expression { return word }
        return try await evaluated(site, &interpreter).text
    }

    /// A password or key: `@FILE` read less one final newline (as `$(cat FILE)` would), a value
    /// that is the history's mask refused, and nothing of it in any message.
    static let secret = ArgumentReader { site, interpreter in
        guard let expression = site.expression else { return "true" }
        return try await CommandArguments.secret(expression, flag: site.name, &interpreter).text
    }

    /// A message body: text, `@file.html`, or `@file.md` (Markdown, turned into HTML); its
    /// snippets checked (a problem inside the file is located in the file, `first.html:3:12`).
    static let messageBody = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        let progress = interpreter.session?.settings.progress
        try MessageBody.checkSnippets(in: text, site) { progress?($0) }
        guard case .fileReference(let path, _)? = site.expression else { return text }
        let lowered = path.lowercased()
        return lowered.hasSuffix(".md") || lowered.hasSuffix(".markdown") ? MessageBody.html(fromMarkdown: text) : text
    }

    /// Text that may hold snippets (a subject): its snippets checked.
    static let snippetText = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        let progress = interpreter.session?.settings.progress
        try MessageBody.checkSnippets(in: text, site) { progress?($0) }
        return text
    }

    /// An IANA time zone the API accepts (`Europe/Berlin`), any case, written as the API spells
    /// it; another is refused with the closest (`America/New_Yrok` → `America/New_York`).
    static let timeZone = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        if Validation.isKnownTimeZone(text) { return text }
        let names = Validation.timeZoneIdentifiers
        if let same = names.first(where: { $0.lowercased() == text.lowercased() }) { return same }
        let closest = Suggestion.closest(to: text, in: Array(names))
        throw RuntimeError(
            "\(site.what): expected an IANA time zone such as Europe/Berlin, got '\(text)'"
                + (closest.map { " — did you mean '\($0)'?" } ?? ""),
            at: site.range)
    }

    /// One of `options`, in any case, written as the option is (`blacklist` → `BLACKLIST`): the
    /// checker's rule for literals (``CommandChecker/choice(_:in:)``), also for values that
    /// are only known when the command runs.
    static func choice(_ options: [String]) -> ArgumentReader {
        ArgumentReader { site, interpreter in
            let text = try await evaluated(site, &interpreter).text
            if let option = CommandChecker.choice(text, in: options) { return option }
            let closest = Suggestion.closest(to: text, in: options)
            throw RuntimeError(
                "\(site.what): expected "
                    + (options.count > 8
                        ? "one of \(options.count) names (help lists them)" : options.joined(separator: ", "))
                    + ", got '\(text)'" + (closest.map { " — did you mean '\($0)'?" } ?? ""),
                at: site.range)
        }
    }
}

extension ArgumentReader where T == Int {
    /// An integer: a number, digits, a whole double, or a record's `id`.
    static let integer = ArgumentReader { site, interpreter in
        try CommandArguments.int(try await evaluated(site, &interpreter), what: site.what, range: site.range)
    }
}

extension ArgumentReader where T == [Int] {
    /// Integers: `1,2,3`, `[1 2 3]`, one id, or records with an `id`.
    static let integers = ArgumentReader { site, interpreter in
        try CommandArguments.ints(try await evaluated(site, &interpreter), what: site.what, range: site.range)
    }
}

extension ArgumentReader where T == Bool {
    /// `true`/`false`; a flag given alone is true.
    static let bool = ArgumentReader { site, interpreter in
        let value = try await evaluated(site, &interpreter)
        switch value {
        case .bool(let flag): return flag
        case .string("true"): return true
        case .string("false"): return false
        default: throw RuntimeError("expected true or false for \(site.what), got '\(value.text)'", at: site.range)
        }
    }
}

extension ArgumentReader where T == Provider {
    /// A registered provider's name (``Provider/names``).
    static let provider = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        guard let provider = Provider(rawValue: text.lowercased()) else {
            throw RuntimeError(
                "\(site.what) must be \(Provider.names.joined(separator: " or ")), got '\(text)'", at: site.range)
        }
        return provider
    }
}

extension ArgumentReader where T == UInt8 {
    /// A CSV delimiter: `,`, `;` or tab.
    static let delimiter = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        guard let byte = ImportSource.delimiter(named: text) else {
            throw RuntimeError("\(site.what) must be ',', ';' or tab, got '\(text)'", at: site.range)
        }
        return byte
    }
}

extension ArgumentReader where T == Duration {
    /// A polling interval or a pause: `250ms`, `2s`, `1m`.
    static let interval = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        guard let interval = ClockDuration.parse(text) else {
            throw RuntimeError(
                "expected an interval such as 250ms, 2s or 1m for \(site.what), got '\(text)'", at: site.range)
        }
        return interval
    }
}

extension ArgumentReader where T == DeliveryTime {
    /// A delivery window in wps notation (`MON-FRI 08:00-18:00`); a problem points into the text.
    static let window = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        do throws(TextProblem) {
            return try WindowNotation.parse(text)
        } catch {
            let place = site.expression.map {
                MessageBody.range(of: $0, text: text, offset: error.offset, length: error.length)
            }
            throw RuntimeError("\(site.what): \(error.message)", at: place ?? site.range)
        }
    }
}

extension ArgumentReader where T == FollowupAfter {
    /// A step's wait: `3d` → 3 DAY, `13h` → 13 HOUR, by the checker's rule
    /// (``CommandChecker/duration(_:)``).
    static let wait = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        guard let wait = CommandChecker.duration(text) else {
            throw RuntimeError(
                "expected a wait in days or hours such as 3d or 13h (1…9999), got '\(text)'", at: site.range)
        }
        return FollowupAfter(range: wait.inHours ? .hour : .day, value: wait.value)
    }
}

extension ArgumentReader where T == Signature {
    /// `SENDER` or `NO_SIGNATURE` (the API checks the value).
    static let signature = ArgumentReader { site, interpreter in
        let text = try await evaluated(site, &interpreter).text
        return Signature(rawValue: CommandChecker.choice(text, in: ["SENDER", "NO_SIGNATURE"]) ?? text)
    }
}
