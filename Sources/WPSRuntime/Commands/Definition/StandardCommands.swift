extension CommandDefinition {
    /// Every wps command, in the order `help` lists them: the API commands by noun, the
    /// filters of the piped value, then the shell's own.
    public static let standard: [CommandDefinition] = api + filters + shell

    static let api: [CommandDefinition] =
        [
            MailboxAddCommand.definition, MailboxImportCommand.definition, MailboxMicrosoftAddCommand.definition,
            MailboxMicrosoftImportCommand.definition, MailboxListCommand.definition, MailboxGetCommand.definition,
            MailboxVerifyCommand.definition,
            BatchSummaryCommand.definition, BatchWatchCommand.definition,
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
        ] + ReportCommand.definitions + [
            DomainCheckCommand.definition, WebhookSubscribeCommand.definition, WebhookUnsubscribeCommand.definition,
            WebhookListCommand.definition, WebhookListenCommand.definition, SandboxAdvanceCommand.definition,
            InboxListCommand.definition, InboxReplyCommand.definition,
        ]

    static let filters: [CommandDefinition] = [
        WhereCommand.definition, SelectCommand.definition, GetCommand.definition, SortByCommand.definition,
        FirstCommand.definition, LastCommand.definition,
        CountCommand.definition, LengthCommand.definition, EachCommand.definition, ToCommand.definition,
        TableCommand.definition, OpenCommand.definition,
        SaveCommand.definition,
    ]

    static let shell: [CommandDefinition] = [
        HelpCommand.definition, EchoCommand.definition, EnvCommand.definition, ProfileListCommand.definition,
        ProfileUseCommand.definition,
        VersionCommand.definition, HistoryCommand.definition, SleepCommand.definition, ClearCommand.definition,
        ExitCommand.definition,
    ]
}
