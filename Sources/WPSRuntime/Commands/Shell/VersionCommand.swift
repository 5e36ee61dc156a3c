import OutreachAPI
import WPSLanguage

/// `version`: wps's version.
enum VersionCommand {
    static let definition = CommandDefinition(
        ["version"], "Show wps's version.", category: .shell,
        tests: ["e2e:test_language_cli.py::test_help_and_version_commands"]
    ) { _, _ in
        .string("wps \(OutreachAPIVersion.string)")
    }
}
