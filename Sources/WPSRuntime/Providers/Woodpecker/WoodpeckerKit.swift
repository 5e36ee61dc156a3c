import OutreachAPI
import WPSLanguage

/// Woodpecker in the runtime: its campaigns, steps, prospects, reports, inbox, webhooks and
/// mailbox listing, and its manual mailbox connection.
struct WoodpeckerKit: ProviderKit {
    var provider: Provider { .woodpecker }

    var commands: [CommandDefinition] {
        [
            MailboxMicrosoftAddCommand.definition, MailboxMicrosoftImportCommand.definition,
            MailboxListCommand.definition, MailboxGetCommand.definition,
            CampaignNewCommand.definition, CampaignListCommand.definition, CampaignGetCommand.definition,
            CampaignShowCommand.definition,
            CampaignExportCommand.definition, CampaignLintCommand.definition, CampaignPreviewCommand.definition,
            CampaignDiffCommand.definition, CampaignStatsCommand.definition,
            CampaignApplyCommand.definition, CampaignRunCommand.definition, CampaignPauseCommand.definition,
            CampaignStopCommand.definition,
            CampaignEditCommand.definition, CampaignDeleteCommand.definition, CampaignSetCommand.definition,
            StepAddCommand.definition, StepDeleteCommand.definition, VersionSetCommand.definition,
            ProspectAddCommand.definition, ProspectImportCommand.definition, ProspectListCommand.definition,
            ProspectResponsesCommand.definition,
            ProspectStopCommand.definition, ProspectSetCommand.definition,
        ].map { $0.served(by: provider) } + ReportCommand.definitions.map { $0.served(by: provider) } + [
            WebhookSubscribeCommand.definition.served(by: provider),
            WebhookUnsubscribeCommand.definition.served(by: provider),
            WebhookListCommand.definition.served(by: provider),
            // Its events arrive from whoever posts them; the sandbox's clock serves every provider.
            WebhookListenCommand.definition, SandboxAdvanceCommand.definition,
            InboxListCommand.definition.served(by: provider), InboxReplyCommand.definition.served(by: provider),
        ]
    }

    var mailboxes: (any MailboxConnection)? { WoodpeckerMailboxConnection() }
}
