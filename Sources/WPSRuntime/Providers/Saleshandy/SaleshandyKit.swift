import OutreachAPI
import WPSLanguage

/// Saleshandy in the runtime: its email-account connection.
struct SaleshandyKit: ProviderKit {
    var provider: Provider { .saleshandy }
    var commands: [CommandDefinition] { [] }
    var mailboxes: (any MailboxConnection)? { SaleshandyMailboxConnection() }
}
