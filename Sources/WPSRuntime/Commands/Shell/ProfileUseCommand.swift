import WPSLanguage

/// `profile use NAME`: switches the session to another profile.
enum ProfileUseCommand {
    static let name = Positional<String>("name", .profile, what: "NAME", read: .text)

    static let definition = CommandDefinition(
        ["profile", "use"], "Switch profile.", category: .shell, positionals: [name],
        tests: ["e2e:test_tls.py::test_profile_use_refuses_a_profile_that_needs_another_ca"]
    ) { invocation, interpreter in
        let profile = try invocation.required(name)
        var session = try interpreter.connection(for: invocation)
        try session.connection.use(profile: profile)
        interpreter.session = session
        // Said on stderr: stdout keeps results only (`wps -c 'profile use x; campaign list' | jq`).
        session.settings.progress("using profile \(profile) (\(session.connection.provider.rawValue))")
        return .null
    }
}
