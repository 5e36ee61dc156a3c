extension CommandDefinition {
    /// Every wps command, in the order `help` lists them: the API commands by noun, the
    /// filters of the piped value, then the shell's own.
    public static let standard: [CommandDefinition] = api + filters + shell

    /// The commands every provider shares, then each provider's own (``ProviderKits``), grouped
    /// by noun in the order the nouns first appear.
    static let api: [CommandDefinition] = groupedByNoun(
        [
            MailboxAddCommand.definition, MailboxImportCommand.definition, MailboxVerifyCommand.definition,
            BatchSummaryCommand.definition, BatchWatchCommand.definition, DomainCheckCommand.definition,
        ] + ProviderKits.all.flatMap(\.commands))

    /// `commands` with each noun's commands together, nouns in first-appearance order, the
    /// commands of a noun in their given order; the variants of one command (the same words from
    /// several providers) merged into one (``CommandDefinition/merging(_:)``).
    static func groupedByNoun(_ commands: [CommandDefinition]) -> [CommandDefinition] {
        // A command several providers serve, each their own way, is one command (the first's place).
        var variants: [[String]: [CommandDefinition]] = [:]
        for command in commands { variants[command.descriptor.words, default: []].append(command) }
        var placed: Set<[String]> = []
        var nouns: [String] = []
        var byNoun: [String: [CommandDefinition]] = [:]
        for original in commands where placed.insert(original.descriptor.words).inserted {
            let command = CommandDefinition.merging(variants[original.descriptor.words] ?? [original])
            let noun = command.descriptor.words.first ?? ""
            if byNoun[noun] == nil { nouns.append(noun) }
            byNoun[noun, default: []].append(command)
        }
        return nouns.flatMap { byNoun[$0] ?? [] }
    }

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
