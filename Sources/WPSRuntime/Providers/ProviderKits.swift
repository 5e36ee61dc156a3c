import OutreachAPI
import WPSLanguage

/// The providers the runtime knows: one registration line each.
enum ProviderKits {
    /// Every provider's kit, in ``Provider/allCases`` order.
    static let all: [any ProviderKit] = [WoodpeckerKit(), SaleshandyKit()]

    /// The kit of `provider`.
    static func kit(for provider: Provider) -> (any ProviderKit)? {
        all.first { $0.provider == provider }
    }

    /// Every provider's mailbox connection.
    static var mailboxConnections: [any MailboxConnection] { all.compactMap(\.mailboxes) }

    /// The mailbox connection of the provider the invocation asks for (`--provider`, else the
    /// session's); a provider whose API cannot connect mailboxes is refused, exit 2.
    static func mailboxes(for invocation: Invocation, _ session: Session) throws -> any MailboxConnection {
        let provider = invocation[SharedFlags.provider] ?? session.connection.provider
        guard let connection = kit(for: provider)?.mailboxes else {
            let others = mailboxConnections.map(\.provider.displayName).joined(separator: " or ")
            throw RuntimeError(
                "\(provider.displayName)'s API cannot connect mailboxes; \(invocation.command.name) works with \(others)",
                at: invocation.range(of: SharedFlags.provider), exitCode: 2)
        }
        return connection
    }

    /// The connection whose connect records are among `items`, else the one the invocation asks for.
    static func mailboxes(
        claiming items: [Value], _ invocation: Invocation, _ session: Session
    ) throws -> any MailboxConnection {
        if invocation[SharedFlags.provider] == nil,
            let claimed = mailboxConnections.first(where: { connection in items.contains(where: connection.claims) })
        {
            return claimed
        }
        return try mailboxes(for: invocation, session)
    }
}
