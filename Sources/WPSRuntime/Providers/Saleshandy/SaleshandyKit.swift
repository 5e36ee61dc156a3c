import OutreachAPI
import WPSLanguage

/// Saleshandy in the runtime: its sequences and their steps, prospects in sequences, do-not-contact
/// lists, and its email-account connection.
struct SaleshandyKit: ProviderKit {
    var provider: Provider { .saleshandy }
    var commands: [CommandDefinition] {
        [
            SequenceListCommand.definition, SequenceGetCommand.definition, SequenceStepAddCommand.definition,
            SequenceStatsCommand.definition,
            SaleshandyProspectImportCommand.definition, SaleshandyProspectListCommand.definition,
            SaleshandyProspectSetCommand.definition, DNCListCommand.definition, DNCSearchCommand.definition,
            DNCAddCommand.definition, SaleshandyMailboxListCommand.definition, MailboxReconnectCommand.definition,
            SaleshandyWebhookSubscribeCommand.definition, SaleshandyWebhookListCommand.definition,
        ].map { $0.served(by: provider) }
    }
    var mailboxes: (any MailboxConnection)? { SaleshandyMailboxConnection() }
}
