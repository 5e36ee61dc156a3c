import WPSLanguage

/// `profile use NAME`: switches the session to another profile.
enum ProfileUseCommand {
    static let name = Positional<String>("name", .profile, what: "NAME", read: .text)

    static let definition = CommandDefinition(
        ["profile", "use"], "Switch profile.", category: .shell, positionals: [name],
        tests: ["e2e:test_tls.py::test_profile_use_refuses_a_profile_that_needs_another_ca"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let profile = try invocation.required(name)
        try session.use(profile: profile)
        return .string("using profile \(profile)")
    }
}
