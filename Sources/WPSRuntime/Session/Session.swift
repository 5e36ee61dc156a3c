import OutreachAPI

/// What commands run in: the connection (client and profile), the memory of ids seen, and the
/// output settings. A value: the interpreter holds it, `profile use` changes its connection,
/// and the interpreter's one post-command hook feeds its memory.
public struct Session: Sendable {
    public var connection: Connection
    public var memory = IDMemory()
    public var settings: OutputSettings

    public init(connection: Connection, settings: OutputSettings = OutputSettings()) {
        self.connection = connection
        self.settings = settings
    }

    /// A session on `client`, progress going to `progress`.
    public init(
        client: OutreachClient, provider: Provider = .default, profiles: ProfileConfiguration? = nil,
        activeProfile: String = "sandbox", transport: (any HTTPTransport)? = nil,
        progress: @escaping @Sendable (String) -> Void = { _ in }
    ) {
        self.init(
            connection: Connection(
                client: client, provider: provider, profiles: profiles, activeProfile: activeProfile,
                transport: transport),
            settings: OutputSettings(progress: progress))
    }
}
