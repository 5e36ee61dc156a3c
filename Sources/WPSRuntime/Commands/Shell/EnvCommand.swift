import OutreachAPI
import WPSLanguage

/// `env`: the profile, provider and base URLs in use, and the variables by type (never a key
/// nor a secret's value).
enum EnvCommand {
    static let definition = CommandDefinition(
        ["env"], "Show the profile, provider, base URLs and variables (never keys).", category: .shell,
        tests: ["e2e:test_language_cli.py::test_env_shows_the_profile_provider_and_base_urls_never_a_key"]
    ) { _, interpreter in
        guard let session = interpreter.session else {
            return .record(["variables": .record(interpreter.variableTypes)])
        }
        let configuration = session.connection.client.configuration
        var urls = Record()
        for provider in Provider.allCases { urls[provider.rawValue] = .string(configuration.baseURL(for: provider)) }
        return .record([
            "profile": .string(session.connection.activeProfile),
            "provider": .string(session.connection.provider.rawValue),
            "base_url": .string(configuration.baseURL(for: session.connection.provider)), "base_urls": .record(urls),
            "dry_run": .bool(session.settings.dryRun), "variables": .record(interpreter.variableTypes),
        ])
    }
}
