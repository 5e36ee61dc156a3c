import OutreachAPI
import WPSLanguage

/// Which command flag produced an API field, so a broken rule is reported at the flag the user
/// wrote (`--timezone`), not only at the request's field path (`settings.timezone`).
enum FlagForField {
    /// API field → flag, from the fields each flag of the registry declares.
    static let flags: [String: String] = {
        var map: [String: String] = [:]
        for flag in CommandRegistry.standard.commands.flatMap(\.flags) {
            for field in flag.fields where map[field] == nil { map[field] = flag.name }
        }
        return map
    }()

    /// The flag behind a field path such as `steps.followup.delivery_time.MONDAY[1]`, if any.
    static func flag(for path: String) -> String? {
        let components = path.split(separator: ".").map { String($0.prefix { $0 != "[" }) }
        if components.contains("delivery_time") { return "window" }
        if components.contains("followup_after") { return "wait" }
        return components.reversed().lazy.compactMap { flags[$0] }.first
    }

    /// A validation failure as a runtime error located at the first flag that produced a broken
    /// field, each problem annotated with its flag.
    static func error(_ error: OutreachError, command: Command) -> RuntimeError {
        let arguments = CommandArguments(command: command)
        let given = Set(command.arguments.compactMap { if case .flag(let name, _, _) = $0 { name } else { nil } })
        var located: SourceRange?
        let lines = error.problems.map { problem -> String in
            // A step tree read with --steps FILE: the problem is in that file.
            if given.contains("steps"), problem.path.hasPrefix("steps") {
                if located == nil { located = arguments.range(of: "steps") }
                return "  --steps file: \(problem)"
            }
            guard let flag = flag(for: problem.path) else { return "  \(problem)" }
            guard given.contains(flag) else {
                // Not given: named as the user would type it, if this command has the flag.
                let has = CommandRegistry.standard.command(command.words)?.flag(named: flag) != nil
                return has ? "  --\(flag) (\(problem.path)): \(problem.message)" : "  \(problem)"
            }
            if located == nil { located = arguments.range(of: flag) }
            return "  --\(flag): \(problem.message) (\(problem.path))"
        }
        let count = error.problems.count
        var failure = RuntimeError(
            "\(error.endpoint): \(count) documented rule\(count == 1 ? "" : "s") broken; nothing was sent\n"
                + lines.joined(separator: "\n"),
            at: located ?? command.range, exitCode: 2)
        failure.failure = error
        return failure
    }
}

extension CommandDefinition {
    /// The flag that fills an API field path (`settings.daily_enroll` → `daily-enroll`), if any.
    public static func flag(forField path: String) -> String? { FlagForField.flag(for: path) }
}
