import OutreachAPI
import WPSLanguage

/// `profile list`: the profiles of the configuration, the active one marked.
enum ProfileListCommand {
    static let definition = CommandDefinition(
        ["profile", "list"], "List profiles.", category: .shell,
        tests: ["e2e:test_language_cli.py::test_a_config_others_can_read_is_refused"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        guard let profiles = session.connection.profiles else {
            return .list([
                .record([
                    "name": .string("sandbox"), "provider": .string(Provider.names.joined(separator: ", ")),
                    "active": .bool(true),
                ])
            ])
        }
        return .list(profiles.profiles.map { $0.value(active: $0.name == session.connection.activeProfile) })
    }
}
