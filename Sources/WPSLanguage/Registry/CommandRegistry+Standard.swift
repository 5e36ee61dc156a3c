extension CommandRegistry {
    /// Every wps command.
    public static let standard = CommandRegistry(mailboxCommands + campaignCommands + filterCommands + shellCommands)

    /// What a command is: an API command (it sends requests), a filter of the piped value, or
    /// the shell's own.
    public enum Category: String, Sendable, CaseIterable {
        case api, filter, shell
    }

    /// The category of a command of the standard registry (`shell` for one it does not hold).
    public static func category(of command: CommandDescriptor) -> Category {
        if mailboxCommands.contains(command) || campaignCommands.contains(command) { return .api }
        if filterCommands.contains(command) { return .filter }
        return .shell
    }

    /// The statement keywords, as the parser reads them and completion offers them.
    public static let statementKeywords = ["let", "for", "if", "try", "source"]

    static let provider = FlagDescriptor("provider", .provider, "woodpecker (default) or saleshandy", default: "woodpecker")
    static let campaignFlag = FlagDescriptor("campaign", .campaignID, "the campaign (default: the one the step was seen in)")

    static let mailboxCommands: [CommandDescriptor] = [
        CommandDescriptor(
            ["mailbox", "add"], "Connect one SMTP/IMAP mailbox.",
            discussion: """
                Each flag also answers to the API's own field name (--smtp-email for --email, Saleshandy's \
                --smtp-host for --smtp-server, …). --password @FILE reads the password from FILE less one final \
                newline (as $(cat FILE) would); a password that starts with '@' is quoted: '@…'. Secrets are \
                never shown: the history keeps ••••, and a recalled line with •••• is refused.
                """,
            flags: [
                FlagDescriptor("email", .email, "the SMTP email", required: true, fields: ["smtp_email", "smtpEmailAddress"]),
                FlagDescriptor("login", .string, "the SMTP login, if not the email", fields: ["smtp_login", "smtpUserName"]),
                FlagDescriptor(
                    "password", .string, "the SMTP password (or @FILE)", secret: true,
                    required: true, fields: ["smtp_password", "smtpPassword"]),
                FlagDescriptor("smtp-server", .string, "the SMTP host", fields: ["smtp_server", "smtpHost"]),
                FlagDescriptor("smtp-port", .integer, "1…65535", fields: ["smtp_port", "smtpPort"]),
                FlagDescriptor("from-name", .string, "the sender name", fields: ["smtp_from_name"]),
                FlagDescriptor("imap-email", .email, "the IMAP email (default: --email)", fields: ["imap_email", "imapEmailAddress"]),
                FlagDescriptor(
                    "imap-password", .string, "the IMAP password (default: --password)", secret: true,
                    fields: ["imap_password", "imapPassword"]),
                FlagDescriptor("imap-login", .string, "Saleshandy: the IMAP login, if not the IMAP email", fields: ["imapUserName"]),
                FlagDescriptor("imap-server", .string, "the IMAP host", fields: ["imap_server", "imapHost"]),
                FlagDescriptor("imap-port", .integer, "1…65535", fields: ["imap_port", "imapPort"]),
                FlagDescriptor("footer", .string, "an email footer", fields: ["footer"]),
                FlagDescriptor("bcc", .email, "a BCC address", fields: ["bcc"]),
                FlagDescriptor("open-tracking-domain", .string, "a domain for open tracking", fields: ["open_tracking_domain"]),
                FlagDescriptor("click-tracking-domain", .string, "a domain for click tracking", fields: ["click_tracking_domain"]),
                FlagDescriptor(
                    "unsubscribe-tracking-domain", .string, "a domain for unsubscribe links",
                    fields: ["unsubscribe_tracking_domain"]),
                FlagDescriptor("wait-from", .integer, "seconds between sends, from (10…9999)", fields: ["sending_wait_time_from"]),
                FlagDescriptor("wait-to", .integer, "seconds between sends, to (20…9999)", fields: ["sending_wait_time_to"]),
                FlagDescriptor("daily-limit", .integer, "emails per day (1…5500)", fields: ["daily_sending_limit"]),
                FlagDescriptor(
                    "notify", .choice(["mail"]), "mail me when the batch is processed",
                    fields: ["completion_notification_types"]),
                provider,
                FlagDescriptor(
                    "esp", .choice(["gsuite", "microsoft", "smtp"]), "Saleshandy: the email service provider",
                    fields: ["emailServiceProvider"]),
                FlagDescriptor("first-name", .string, "Saleshandy: sender first name", fields: ["fromFirstName"]),
                FlagDescriptor("last-name", .string, "Saleshandy: sender last name", fields: ["fromLastName"]),
                FlagDescriptor("smtp-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: SMTP encryption", fields: ["smtpEncryption"]),
                FlagDescriptor("imap-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: IMAP encryption", fields: ["imapEncryption"]),
            ],
            examples: ["mailbox add --email ann@example.com --password @pw.txt --smtp-server smtp.example.com --smtp-port 465 --imap-server imap.example.com --imap-port 993"], sends: ["POST mailboxes/manual_connection/bulk", "POST /v1/email-accounts/connect (--provider saleshandy)"]),
        CommandDescriptor(
            ["mailbox", "import"],
            "Connect mailboxes from a CSV, JSON or NDJSON file (- for stdin, or piped records): every row is checked first, then sent in batches (at most 200), journaled so a second run sends only what was never accepted.",
            positionals: [PositionalDescriptor("file", .file, optional: true)],
            flags: [
                FlagDescriptor("batch-size", .integer, "mailboxes per batch (1…200; Saleshandy 1…1000)"),
                FlagDescriptor("parallel", .integer, "batches in flight at once (Woodpecker 1…7, default 7; Saleshandy 1…6, default 6)"),
                FlagDescriptor("skip-invalid", .bool, "send the valid rows and list the skipped ones"), delimiter,
                problemReport,
                FlagDescriptor("notify", .choice(["mail"]), "mail me when each batch is processed"), provider,
                FlagDescriptor("journal", .file, "where to journal the import (default: under $XDG_STATE_HOME/wps/imports)"),
                FlagDescriptor("resend-unsettled", .bool, "Saleshandy: send again rows an earlier run sent without learning the outcome"),
            ],
            examples: ["mailbox import boxes.csv | batch watch"], sends: ["POST mailboxes/manual_connection/bulk", "POST /v1/email-accounts/connect (--provider saleshandy)"]),
        CommandDescriptor(
            ["mailbox", "microsoft", "add"], "Connect Microsoft mailboxes (Graph app-only).",
            positionals: [PositionalDescriptor("email", .email, repeating: true)],
            flags: [
                FlagDescriptor("name", .string, "the display name", fields: ["display_name"]),
                FlagDescriptor("credential", .integer, "the Graph credential id", fields: ["credential_id"]),
            ], examples: ["mailbox microsoft add ann@contoso.com bob@contoso.com --name Ann"], sends: ["POST mailboxes/microsoft/bulk"]),
        CommandDescriptor(
            ["mailbox", "microsoft", "import"], "Connect Microsoft mailboxes listed in a file (mailbox_email, display_name).",
            positionals: [PositionalDescriptor("file", .file, optional: true)],
            flags: [
                FlagDescriptor("credential", .integer, "the Graph credential id", fields: ["credential_id"]),
                FlagDescriptor("batch-size", .integer, "mailboxes per request (1…100)"),
                FlagDescriptor("skip-invalid", .bool, "send the valid rows and list the skipped ones"), delimiter,
                problemReport,
            ], examples: ["mailbox microsoft import microsoft.csv --skip-invalid"], sends: ["POST mailboxes/microsoft/bulk"]),
        CommandDescriptor(
            ["mailbox", "list"], "List connected mailboxes.", flags: [provider],
            examples: [#"mailbox list | where type == "SMTP" | count"#], sends: ["GET mailboxes"]),
        CommandDescriptor(["mailbox", "get"], "Show one connected mailbox.", positionals: [PositionalDescriptor("id", .mailboxID)], examples: ["mailbox get 123001", "mailbox list | first | get id"], sends: ["GET mailboxes/{id}"]),
        CommandDescriptor(["batch", "summary"], "Show a mailbox batch's progress.", positionals: [PositionalDescriptor("id", .batchID)], flags: [provider], examples: ["let batch = mailbox import boxes.csv | first; batch summary $batch.batch_id"], sends: ["GET mailboxes/manual_connection/bulk/{batch_id}/summary", "GET /v1/email-accounts/connect/status/{requestId}"]),
        CommandDescriptor(
            ["batch", "watch"], "Wait for batches to finish, showing progress.",
            positionals: [PositionalDescriptor("id", .batchID, optional: true, repeating: true)],
            flags: [
                FlagDescriptor("interval", .string, "the first polling interval: 250ms, 2s (it grows to 5s while nothing changes)"),
                FlagDescriptor("report", .file, "write one CSV row per mailbox"),
                FlagDescriptor("allow-failures", .bool, "exit 0 even when mailboxes failed"), provider,
            ],
            examples: ["mailbox import boxes.csv | batch watch --report outcome.csv"], sends: ["GET mailboxes/manual_connection/bulk/{batch_id}/summary", "GET /v1/email-accounts/connect/status/{requestId}"]),
    ]

    /// `--delimiter` of the imports: forces the CSV delimiter the header line would otherwise tell.
    static let delimiter = FlagDescriptor(
        "delimiter", .delimiter, "the CSV delimiter: , ; or tab (default: told from the header)")

    /// `--report` of the imports: every problem the check finds.
    static let problemReport = FlagDescriptor(
        "report", .file, "write every problem the check finds to a CSV file (line, field, message)")

    static let campaignSettingFlags: [FlagDescriptor] = [
        FlagDescriptor("accounts", .list(.mailboxID), "email account (SMTP mailbox) ids: 1,2,3", fields: ["email_account_ids"]),
        FlagDescriptor("timezone", .timezone, "an IANA time zone such as Europe/Berlin", fields: ["timezone"]),
        FlagDescriptor("prospect-timezone", .bool, "send in each prospect's time zone", fields: ["prospect_timezone"]),
        FlagDescriptor("daily-enroll", .integer, "emails per day from the campaign (> 0)", fields: ["daily_enroll"]),
        FlagDescriptor("gdpr-unsubscribe", .bool, "GDPR-compliant unsubscribe", fields: ["gdpr_unsubscribe"]),
        FlagDescriptor("list-unsubscribe", .bool, "a List-Unsubscribe header", fields: ["list_unsubscribe"]),
    ]

    /// A step's own `followup_after`: the wait after it before the next step, as the campaign
    /// spec's `wait` is.
    static let wait = FlagDescriptor(
        "wait", .duration, "how long after this step the next step is sent: 3d or 13h (default 1d)",
        fields: ["followup_after"], default: "1d")

    static let messageFlags: [FlagDescriptor] = [
        FlagDescriptor("subject", .string, "the subject (once per A/B version)", repeatable: true, fields: ["subject"]),
        FlagDescriptor(
            "message", .string, "the message body, or @file.html / @file.md (once per version)", repeatable: true,
            fields: ["message"]),
        FlagDescriptor("signature", .signature, "SENDER or NO_SIGNATURE", fields: ["signature"], default: "SENDER"),
        FlagDescriptor("track-opens", .bool, "track opens", fields: ["track_opens"], default: "false"),
        FlagDescriptor(
            "window", .window, "when to send: MON-FRI 08:00-18:00", fields: ["delivery_time"], default: "MON-FRI 09:00-17:00"),
        wait,
    ]

    static let campaignCommands: [CommandDescriptor] = [
        CommandDescriptor(
            ["campaign", "new"], "Create a campaign (DRAFT) with its first email step.",
            positionals: [PositionalDescriptor("name", .string)],
            flags: campaignSettingFlags + messageFlags + [FlagDescriptor("steps", .file, "the steps from a YAML or JSON file: the spec's step list or the API's step tree")],
            examples: [
                #"let c = campaign new "Q4" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject "Hi" --message @first.html --window "MON-FRI 08:00-18:00" --wait 3d"#,
            ],
            sends: ["POST campaigns"]),
        CommandDescriptor(["campaign", "list"], "List campaigns (id, name, status).", examples: [#"campaign list | where status == "DRAFT" | select id name"#], sends: ["GET campaigns"]),
        CommandDescriptor(["campaign", "get"], "Fetch a campaign with its steps.", positionals: [PositionalDescriptor("id", .campaignID)], examples: ["let c = campaign get 777001", "campaign get 777001 | get settings"], sends: ["GET campaigns/{id}"]),
        CommandDescriptor(
            ["campaign", "show"], "Draw a campaign's steps as a tree that fits the terminal.", positionals: [PositionalDescriptor("id", .campaignID)],
            examples: ["campaign show 777001"], sends: ["GET campaigns/{id}"]),
        CommandDescriptor(
            ["campaign", "export"], "Write a campaign as a readable YAML spec (windows and waits in wps notation).",
            positionals: [PositionalDescriptor("id", .campaignID)], examples: ["campaign export 777001 > q4.yaml"], sends: ["GET campaigns/{id}"]),
        CommandDescriptor(
            ["campaign", "lint"], "Check a campaign spec offline: every problem in one run (keys, types, windows, waits, snippets, rules).",
            positionals: [PositionalDescriptor("file", .file)], examples: ["campaign lint q4.yaml"]),
        CommandDescriptor(
            ["campaign", "preview"], "Render each step's versions with snippets filled from a prospect record or their fallbacks.",
            positionals: [PositionalDescriptor("campaign", .any)],
            flags: [FlagDescriptor("prospect", .any, "prospect fields: a record, a JSON/YAML file, or first_name=Ann,company=Acme")],
            examples: [#"campaign preview q4.yaml --prospect "first_name=Ann,company=Acme""#], sends: ["GET campaigns/{id} (given an id)"]),
        CommandDescriptor(
            ["campaign", "diff"], "Show what campaign apply would change to make campaign ID match FILE.",
            positionals: [PositionalDescriptor("id", .campaignID), PositionalDescriptor("file", .file)],
            examples: ["campaign diff 777001 q4.yaml"], sends: ["GET campaigns/{id}"]),
        CommandDescriptor(
            ["campaign", "apply"], "Create the campaign a spec describes, or change it to match: settings, versions, steps added or removed at the end.",
            positionals: [PositionalDescriptor("file", .file)],
            flags: [FlagDescriptor("allow-edit", .bool, "make a RUNNING/PAUSED/STOPPED campaign editable first (make_editable)")],
            examples: ["campaign apply q4.yaml"],
            sends: ["GET campaigns", "POST campaigns", "PATCH campaigns/{id}", "PATCH …/versions/{id}", "POST campaigns/{id}/steps", "DELETE campaigns/{id}/steps/{step_id}", "POST campaigns/{id}/make_editable"]),
        CommandDescriptor(
            ["campaign", "run"], "Start sending.", positionals: [PositionalDescriptor("id", .campaignID)],
            examples: ["campaign run 777001 | select id status"], sends: ["POST campaigns/{id}/run"]),
        CommandDescriptor(["campaign", "pause"], "Pause a running campaign.", positionals: [PositionalDescriptor("id", .campaignID)], examples: ["campaign run 777001 | count; campaign pause 777001"], sends: ["POST campaigns/{id}/pause"]),
        CommandDescriptor(
            ["campaign", "stop"], "Stop a campaign for good (it cannot run again).", positionals: [PositionalDescriptor("id", .campaignID)],
            examples: ["campaign stop 777001 --yes"], sends: ["GET campaigns/{id}", "POST campaigns/{id}/stop"], destructive: true),
        CommandDescriptor(["campaign", "edit"], "Make a campaign editable (EDITED).", positionals: [PositionalDescriptor("id", .campaignID)], examples: ["campaign edit 777001"], sends: ["POST campaigns/{id}/make_editable"]),
        CommandDescriptor(
            ["campaign", "delete"], "Delete a campaign.", positionals: [PositionalDescriptor("id", .campaignID)],
            examples: [#"let c = campaign new "Old" --accounts 123001 --timezone UTC --daily-enroll 5 --subject "Hi" --message "Hello"; campaign delete $c.id --yes"#],
            sends: ["GET campaigns/{id}", "DELETE campaigns/{id}"], destructive: true),
        CommandDescriptor(
            ["campaign", "set"], "Change a campaign's name, accounts or settings (DRAFT or EDITED).",
            positionals: [PositionalDescriptor("id", .campaignID)],
            flags: [FlagDescriptor("name", .string, "the new name (empty: My campaign <id>)", fields: ["name"])] + campaignSettingFlags,
            examples: ["campaign set 777001 --daily-enroll 80 --timezone Europe/Warsaw"], sends: ["PATCH campaigns/{id}"]),
        CommandDescriptor(
            ["step", "add"], "Add an email step after the last step.",
            flags: [FlagDescriptor("after", .stepID, "the leaf step to follow", required: true, fields: ["parent_id"]), campaignFlag]
                + messageFlags,
            examples: [
                #"let c = campaign new "Q4" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject "Hi" --message "Hello" --wait 3d; step add --after $c.steps.followup.id --subject "Re: Hi" --message @followup.html --window "FRI 08:00-18:00""#,
            ],
            sends: ["POST campaigns/{id}/steps"]),
        CommandDescriptor(
            ["step", "delete"], "Delete a step (not START nor the first after it).", positionals: [PositionalDescriptor("step", .stepID)],
            flags: [campaignFlag], examples: [#"let c = campaign get 777001; let c = step add --after $c.steps.followup.id --message "<p>More</p>"; step delete $c.steps.followup.followup.id --yes"#], sends: ["GET campaigns/{id}", "DELETE campaigns/{id}/steps/{step_id}"], destructive: true),
        CommandDescriptor(
            ["version", "set"], "Change one version of an email step.",
            positionals: [PositionalDescriptor("step", .stepID), PositionalDescriptor("version", .versionID)],
            flags: [
                campaignFlag, FlagDescriptor("subject", .string, "the subject", fields: ["subject"]),
                FlagDescriptor("message", .string, "the message, or @file.html / @file.md", fields: ["message"]),
                FlagDescriptor("signature", .signature, "SENDER or NO_SIGNATURE", fields: ["signature"]),
                FlagDescriptor("track-opens", .bool, "track opens", fields: ["track_opens"]),
            ], examples: [#"let c = campaign get 777001; version set $c.steps.followup.id A --subject "Quick question, {{FIRST_NAME}}""#], sends: ["PATCH campaigns/{id}/steps/{step_id}/versions/{version_id}"]),
    ]

    static let filterCommands: [CommandDescriptor] = [
        CommandDescriptor(["where"], "Keep the items for which a condition holds.", positionals: [PositionalDescriptor("condition", .condition)],
                          examples: [#"campaign list | where status == "DRAFT""#]),
        CommandDescriptor(["select"], "Keep only these fields.", positionals: [PositionalDescriptor("field", .field, repeating: true)]),
        CommandDescriptor(["get"], "Take the value at a path.", positionals: [PositionalDescriptor("path", .field)]),
        CommandDescriptor(
            ["sort-by"], "Sort by a field.", positionals: [PositionalDescriptor("field", .field)],
            flags: [FlagDescriptor("reverse", .bool, "largest first")], examples: ["campaign list | sort-by name --reverse"]),
        CommandDescriptor(["first"], "The first N items (default 1).", positionals: [PositionalDescriptor("n", .integer, optional: true)]),
        CommandDescriptor(["last"], "The last N items (default 1).", positionals: [PositionalDescriptor("n", .integer, optional: true)]),
        CommandDescriptor(["count"], "How many items."),
        CommandDescriptor(
            ["length"], "How many items a list has, characters a text, or fields a record.",
            examples: [#"echo "Q4 outreach" | length"#]),
        CommandDescriptor(["each"], "Run a block for each item ($it).", positionals: [PositionalDescriptor("block", .block)]),
        CommandDescriptor(["to"], "Render as json, yaml, csv or ndjson text.", positionals: [PositionalDescriptor("format", .choice(OutputFormat.textFormats.map(\.rawValue)))]),
        CommandDescriptor(["table"], "Render as a table."),
        CommandDescriptor(
            ["open"], "Read a CSV, JSON, NDJSON or YAML file into values (CSV integers as numbers).",
            positionals: [PositionalDescriptor("file", .file)],
            flags: [FlagDescriptor("raw", .bool, "keep every CSV field as text (ids with leading zeros are kept anyway)")]),
        CommandDescriptor(
            ["save"], "Write the value to a file (format from its extension).", positionals: [PositionalDescriptor("file", .file)],
            examples: ["campaign list | save campaigns.csv"]),
    ]

    static let shellCommands: [CommandDescriptor] = [
        CommandDescriptor(
            ["help"], "Show the commands, or one command's usage; --json: the whole catalogue as JSON.",
            positionals: [PositionalDescriptor("command", .string, optional: true, repeating: true)],
            flags: [FlagDescriptor("json", .bool, "the catalogue (or one command's entry) as JSON, for programs; see docs/catalog.md")],
            examples: ["help campaign new", "help --json", "help campaign new --json"]),
        CommandDescriptor(["echo"], "Print values.", positionals: [PositionalDescriptor("value", .any, optional: true, repeating: true)]),
        CommandDescriptor(["env"], "Show the profile, provider, base URLs and variables (never keys)."),
        CommandDescriptor(["profile", "list"], "List profiles."),
        CommandDescriptor(["profile", "use"], "Switch profile.", positionals: [PositionalDescriptor("name", .profile)]),
        CommandDescriptor(["version"], "Show wps's version."),
        CommandDescriptor(["history"], "Show the command history."),
        CommandDescriptor(
            ["sleep"], "Wait a while (Ctrl-C ends it): 500ms, 2s, 1m.", positionals: [PositionalDescriptor("duration", .string)],
            examples: ["sleep 100ms"]),
        CommandDescriptor(["clear"], "Clear the terminal screen."),
        CommandDescriptor(["exit"], "Leave the shell.", positionals: [PositionalDescriptor("code", .integer, optional: true)]),
    ]
}
