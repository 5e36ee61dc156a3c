import OutreachAPI
import WPSLanguage

/// `campaign lint FILE`: checks a campaign spec offline, every problem in one run.
enum CampaignLintCommand {
    static let definition = CommandDefinition(
        ["campaign", "lint"],
        "Check a campaign spec offline: every problem in one run (keys, types, windows, waits, snippets, rules).",
        category: .api, positionals: [AuthoringCommands.file], examples: ["campaign lint q4.yaml"],
        tests: ["e2e:test_campaign_code.py::test_lint_reports_every_problem_with_its_place"]
    ) { invocation, _ in
        let path = try invocation.required(AuthoringCommands.file)
        let (spec, problems) = try AuthoringCommands.lint(path, command: invocation.command)
        guard problems.isEmpty else {
            let count = "\(problems.count) problem\(problems.count == 1 ? "" : "s")"
            throw RuntimeError(
                "\(count) in \(path):\n  " + problems.joined(separator: "\n  "), at: invocation.command.range)
        }
        let versions = spec.steps.reduce(0) { $0 + $1.versions.count }
        return .string(
            "\(path): ok (\(spec.steps.count) step\(spec.steps.count == 1 ? "" : "s"), \(versions) versions)")
    }
}
