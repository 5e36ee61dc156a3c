// The standard commands' descriptors, for the parser fuzzer (built from WPSLanguage alone).
// Generated from CommandDefinition.standard; a test keeps it so:
// WPS_REGENERATE=1 swift test --filter FuzzRegistryTests
import WPSLanguage

let standardRegistry = CommandRegistry([
    CommandDescriptor(
        ["mailbox", "add"], "Connect one SMTP/IMAP mailbox.", category: .api,
        discussion: "Each flag also answers to the API's own field name (--smtp-email for --email, --smtp-host for --smtp-server, …). Never type the password on the line: --password - asks for it with echo off (or reads one line of standard input), --password $env.NAME takes it from the environment, --password @FILE reads it from FILE less one final newline (as $(cat FILE) would); a password that starts with '@' is quoted: '@…'. Secrets are never shown: the history keeps ••••, a recalled line with •••• is refused, and a failing line that takes a password is not kept.",
        positionals: [
        ],
        flags: [
            FlagDescriptor("email", .email, "the SMTP email", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["smtp_email", "smtpEmailAddress"], aliases: ["smtp-email", "smtp-email-address"], default: nil),
            FlagDescriptor("login", .string, "the SMTP login, if not the email", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["smtp_login", "smtpUserName"], aliases: ["smtp-login", "smtp-user-name"], default: nil),
            FlagDescriptor("password", .string, "the SMTP password: - (asked for), $env.NAME or @FILE", secret: true, repeatable: false, required: true, requiredUnless: [], fields: ["smtp_password", "smtpPassword"], aliases: ["smtp-password"], default: nil),
            FlagDescriptor("smtp-server", .string, "the SMTP host", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["smtp_server", "smtpHost"], aliases: ["smtp-host"], default: nil),
            FlagDescriptor("smtp-port", .integer, "1…65535", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["smtp_port", "smtpPort"], aliases: [], default: nil),
            FlagDescriptor("imap-email", .email, "the IMAP email (default: --email)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["imap_email", "imapEmailAddress"], aliases: ["imap-email-address"], default: nil),
            FlagDescriptor("imap-password", .string, "the IMAP password (default: --password): -, $env.NAME or @FILE", secret: true, repeatable: false, required: false, requiredUnless: [], fields: ["imap_password", "imapPassword"], aliases: [], default: nil),
            FlagDescriptor("imap-server", .string, "the IMAP host", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["imap_server", "imapHost"], aliases: ["imap-host"], default: nil),
            FlagDescriptor("imap-port", .integer, "1…65535", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["imap_port", "imapPort"], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
            FlagDescriptor("from-name", .string, "the sender name", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["smtp_from_name"], aliases: ["smtp-from-name"], default: nil),
            FlagDescriptor("footer", .string, "an email footer", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["footer"], aliases: [], default: nil),
            FlagDescriptor("bcc", .email, "a BCC address", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["bcc"], aliases: [], default: nil),
            FlagDescriptor("open-tracking-domain", .string, "a domain for open tracking", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["open_tracking_domain"], aliases: [], default: nil),
            FlagDescriptor("click-tracking-domain", .string, "a domain for click tracking", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["click_tracking_domain"], aliases: [], default: nil),
            FlagDescriptor("unsubscribe-tracking-domain", .string, "a domain for unsubscribe links", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["unsubscribe_tracking_domain"], aliases: [], default: nil),
            FlagDescriptor("wait-from", .integer, "seconds between sends, from (10…9999)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["sending_wait_time_from"], aliases: ["sending-wait-time-from"], default: nil),
            FlagDescriptor("wait-to", .integer, "seconds between sends, to (20…9999)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["sending_wait_time_to"], aliases: ["sending-wait-time-to"], default: nil),
            FlagDescriptor("daily-limit", .integer, "emails per day (1…5500)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["daily_sending_limit"], aliases: ["daily-sending-limit"], default: nil),
            FlagDescriptor("notify", .choice(["mail"]), "mail me when the batch is processed", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["completion_notification_types"], aliases: ["completion-notification-types"], default: nil),
            FlagDescriptor("imap-login", .string, "Saleshandy: the IMAP login, if not the IMAP email", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["imapUserName"], aliases: ["imap-user-name"], default: nil),
            FlagDescriptor("esp", .choice(["gsuite", "microsoft", "smtp"]), "Saleshandy: the email service provider", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["emailServiceProvider"], aliases: ["email-service-provider"], default: nil),
            FlagDescriptor("first-name", .string, "Saleshandy: sender first name", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["fromFirstName"], aliases: ["from-first-name"], default: nil),
            FlagDescriptor("last-name", .string, "Saleshandy: sender last name", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["fromLastName"], aliases: ["from-last-name"], default: nil),
            FlagDescriptor("smtp-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: SMTP encryption", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["smtpEncryption"], aliases: [], default: nil),
            FlagDescriptor("imap-encryption", .choice(["ssl", "tls", "none"]), "Saleshandy: IMAP encryption", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["imapEncryption"], aliases: [], default: nil),
        ],
        examples: ["mailbox add --email ann@example.com --password @pw.txt --smtp-server smtp.example.com --smtp-port 465 --imap-server imap.example.com --imap-port 993"], sends: ["POST mailboxes/manual_connection/bulk", "POST /v1/email-accounts/connect (--provider saleshandy)"], destructive: false),
    CommandDescriptor(
        ["mailbox", "import"], "Connect mailboxes from a CSV, JSON or NDJSON file (- for stdin, or piped records): every row is checked first, then sent in batches (at most 200), journaled so a second run sends only what was never accepted.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("file", .file, optional: true, repeating: false),
        ],
        flags: [
            FlagDescriptor("batch-size", .integer, "mailboxes per batch (Woodpecker 1…200; Saleshandy 1…1000)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("parallel", .integer, "batches in flight at once (Woodpecker 1…7, default 7; Saleshandy 1…6, default 6)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("skip-invalid", .bool, "send the valid rows and list the skipped ones", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("delimiter", .delimiter, "the CSV delimiter: , ; or tab (default: told from the header)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("ignore-column", .string, "leave out a column of the file: its name as the header spells it (any case), or the number of one without a name", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("map", .string, "read a column of the file as one the import knows: \"SMTP Host=smtp_server,Sending Limit=daily_limit\" (names in any case, spaces or hyphens)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("encoding", .choice(["utf-8", "utf-16", "cp1252", "latin1"]), "how the file is written: utf-8 (the default; a UTF-16 file with a byte-order mark is read as such), utf-16, cp1252 (Excel's \"CSV (Windows)\"), latin1", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("report", .file, "write every problem the check finds to a CSV file (line, field, message)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("notify", .choice(["mail"]), "mail me when each batch is processed", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
            FlagDescriptor("journal", .file, "where to journal the import (default: under $XDG_STATE_HOME/wps/imports)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("resend-unsettled", .bool, "send again rows an earlier run sent without learning the outcome (where a provider cannot tell: Saleshandy)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("verify", .bool, "log in to each row's SMTP and IMAP servers first (as mailbox verify does) and send only the rows that pass; the others are reported and not sent (exit 1 unless --skip-invalid)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["mailbox import boxes.csv | batch watch", "mailbox import boxes.csv --verify --skip-invalid"], sends: ["POST mailboxes/manual_connection/bulk", "GET mailboxes (mailboxes already connected: their settings)", "POST /v1/email-accounts/connect (--provider saleshandy)"], destructive: false),
    CommandDescriptor(
        ["mailbox", "verify"], "Log in to mailboxes' SMTP and IMAP servers (nothing is sent) and say which fail, why, and what to do.", category: .api,
        discussion: "Takes what mailbox import takes (a CSV, JSON or NDJSON file, - for stdin, or piped records; the same columns, --delimiter, --ignore-column), or one mailbox with mailbox add's flags. For each mailbox: SMTP (TLS from the first byte on 465, else STARTTLS; EHLO; AUTH PLAIN or LOGIN; QUIT — never MAIL FROM) and IMAP (TLS on 993, else STARTTLS; LOGIN; LOGOUT). Certificates are checked against the system's roots and wps --ca-file. Each status is ok, auth_failed, tls_mismatch, plaintext_refused, certificate, unreachable, timeout or protocol, with the server's reply in detail (never the password) and a hint. Exits 1 when a mailbox failed, unless --allow-failures. --plan (or wps --dry-run) lists the connections and makes none: mailbox verify boxes.csv --report verified.csv checks them.",
        positionals: [
            PositionalDescriptor("file", .file, optional: true, repeating: false),
        ],
        flags: [
            FlagDescriptor("email", .email, "the SMTP email", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["smtp_email", "smtpEmailAddress"], aliases: ["smtp-email", "smtp-email-address"], default: nil),
            FlagDescriptor("password", .string, "the SMTP password: - (asked for), $env.NAME or @FILE", secret: true, repeatable: false, required: false, requiredUnless: [], fields: ["smtp_password", "smtpPassword"], aliases: ["smtp-password"], default: nil),
            FlagDescriptor("login", .string, "the SMTP login, if not the email", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["smtp_login", "smtpUserName"], aliases: ["smtp-login", "smtp-user-name"], default: nil),
            FlagDescriptor("smtp-server", .string, "the SMTP host", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["smtp_server", "smtpHost"], aliases: ["smtp-host"], default: nil),
            FlagDescriptor("smtp-port", .integer, "1…65535", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["smtp_port", "smtpPort"], aliases: [], default: nil),
            FlagDescriptor("imap-email", .email, "the IMAP email (default: --email)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["imap_email", "imapEmailAddress"], aliases: ["imap-email-address"], default: nil),
            FlagDescriptor("imap-password", .string, "the IMAP password (default: --password): -, $env.NAME or @FILE", secret: true, repeatable: false, required: false, requiredUnless: [], fields: ["imap_password", "imapPassword"], aliases: [], default: nil),
            FlagDescriptor("imap-login", .string, "the IMAP login, if not the IMAP email", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["imap_login", "imapUserName"], aliases: ["imap-user-name"], default: nil),
            FlagDescriptor("imap-server", .string, "the IMAP host", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["imap_server", "imapHost"], aliases: ["imap-host"], default: nil),
            FlagDescriptor("imap-port", .integer, "1…65535", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["imap_port", "imapPort"], aliases: [], default: nil),
            FlagDescriptor("smtp-tls", .choice(["implicit", "starttls", "auto"]), "how SMTP gets TLS: auto (default: from the first byte on port 465, else STARTTLS), implicit or starttls", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("imap-tls", .choice(["implicit", "starttls", "auto"]), "how IMAP gets TLS: auto (default: from the first byte on port 993, else STARTTLS), implicit or starttls", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("allow-plaintext", .bool, "send the password over a connection without TLS when the server offers none", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("delimiter", .delimiter, "the CSV delimiter: , ; or tab (default: told from the header)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("ignore-column", .string, "leave out a column of the file: its name as the header spells it (any case), or the number of one without a name", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("map", .string, "read a column of the file as one the import knows: \"SMTP Host=smtp_server,Sending Limit=daily_limit\" (names in any case, spaces or hyphens)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("encoding", .choice(["utf-8", "utf-16", "cp1252", "latin1"]), "how the file is written: utf-8 (the default; a UTF-16 file with a byte-order mark is read as such), utf-16, cp1252 (Excel's \"CSV (Windows)\"), latin1", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("report", .file, "write one CSV row per mailbox (line, email, smtp, imap, detail, hint)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("allow-failures", .bool, "exit 0 even when mailboxes failed", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("parallel", .integer, "mailboxes checked at once (1…64, default 8)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("per-host", .integer, "connections at once to one server host (1…16, default 2)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("timeout", .string, "the longest one connection may take: 5s, 1m (default 15s)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("plan", .bool, "list the connections it would make and make none (what wps --dry-run does for the whole run)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["mailbox verify boxes.csv --plan"], sends: [], destructive: false),
    CommandDescriptor(
        ["mailbox", "microsoft", "add"], "Connect Microsoft mailboxes (Graph app-only).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("email", .email, optional: false, repeating: true),
        ],
        flags: [
            FlagDescriptor("name", .string, "the display name", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["display_name"], aliases: ["display-name"], default: nil),
            FlagDescriptor("credential", .integer, "the Graph credential id", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["credential_id"], aliases: ["credential-id"], default: nil),
        ],
        examples: ["mailbox microsoft add ann@contoso.com bob@contoso.com --name Ann"], sends: ["POST mailboxes/microsoft/bulk"], destructive: false),
    CommandDescriptor(
        ["mailbox", "microsoft", "import"], "Connect Microsoft mailboxes listed in a file (mailbox_email, display_name).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("file", .file, optional: true, repeating: false),
        ],
        flags: [
            FlagDescriptor("credential", .integer, "the Graph credential id", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["credential_id"], aliases: ["credential-id"], default: nil),
            FlagDescriptor("batch-size", .integer, "mailboxes per request (1…100)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("skip-invalid", .bool, "send the valid rows and list the skipped ones", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("delimiter", .delimiter, "the CSV delimiter: , ; or tab (default: told from the header)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("ignore-column", .string, "leave out a column of the file: its name as the header spells it (any case), or the number of one without a name", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("map", .string, "read a column of the file as one the import knows: \"SMTP Host=smtp_server,Sending Limit=daily_limit\" (names in any case, spaces or hyphens)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("encoding", .choice(["utf-8", "utf-16", "cp1252", "latin1"]), "how the file is written: utf-8 (the default; a UTF-16 file with a byte-order mark is read as such), utf-16, cp1252 (Excel's \"CSV (Windows)\"), latin1", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("report", .file, "write every problem the check finds to a CSV file (line, field, message)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["mailbox microsoft import microsoft.csv --skip-invalid"], sends: ["POST mailboxes/microsoft/bulk"], destructive: false),
    CommandDescriptor(
        ["mailbox", "list"], "List connected mailboxes: one row each, with status, daily limit, sent today, error.", category: .api,
        discussion: "",
        positionals: [
        ],
        flags: [
            FlagDescriptor("raw", .bool, "the API's entries as they are: an SMTP and an IMAP entry per manually connected mailbox", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
            FlagDescriptor("search", .string, "only accounts whose email or name contains this", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["mailbox list | where type == \"SMTP\" | count", "mailbox list --raw | count", "mailbox list --provider saleshandy"], sends: ["GET mailboxes", "POST /v1/email-accounts (a read its API takes as a POST: the list)"], destructive: false),
    CommandDescriptor(
        ["mailbox", "get"], "Show one connected mailbox.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .mailboxID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["mailbox get 123001", "mailbox list | first | get id"], sends: ["GET mailboxes/{id}"], destructive: false),
    CommandDescriptor(
        ["mailbox", "reconnect"], "Reconnect email accounts; watch it with batch watch.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .string, optional: false, repeating: true),
        ],
        flags: [
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["mailbox add --provider saleshandy --email ann@example.com --password @pw.txt --smtp-server smtp.example.com --smtp-port 465 --imap-server imap.example.com --imap-port 993 | batch watch; mailbox list --provider saleshandy | mailbox reconnect --provider saleshandy - | batch watch"], sends: ["POST /v1/email-accounts/reconnect"], destructive: false),
    CommandDescriptor(
        ["batch", "summary"], "Show a mailbox batch's progress.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .batchID, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["let batch = mailbox import boxes.csv | first; batch summary $batch.batch_id"], sends: ["GET mailboxes/manual_connection/bulk/{batch_id}/summary", "GET /v1/email-accounts/connect/status/{requestId}"], destructive: false),
    CommandDescriptor(
        ["batch", "watch"], "Wait for batches to finish, showing progress.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .batchID, optional: true, repeating: true),
        ],
        flags: [
            FlagDescriptor("interval", .string, "the first polling interval: 250ms, 2s (it grows to 5s while nothing changes)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("timeout", .string, "give up (exit 1) when batches are still processing after this long: 90s, 30m (default 60m)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("report", .file, "write one CSV row per mailbox", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("allow-failures", .bool, "exit 0 even when mailboxes failed", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["mailbox import boxes.csv | batch watch --report outcome.csv"], sends: ["GET mailboxes/manual_connection/bulk/{batch_id}/summary", "GET mailboxes (failed mailboxes of batches given by id; the reason of conditionally connected ones)", "GET /v1/email-accounts/connect/status/{requestId}"], destructive: false),
    CommandDescriptor(
        ["domain", "check"], "Check the DNS of sending and tracking domains: MX, SPF, DMARC, DKIM, tracking CNAMEs.", category: .api,
        discussion: "Give domains, or a mailbox file (CSV/JSON/NDJSON, - for stdin, or mailbox records piped in): then the domains of its addresses and its open/click/unsubscribe tracking domains are checked. One record per domain with a verdict (ok, warn, fail) per check and a hint per problem. SPF: one v=spf1 record, its DNS lookups counted through includes (at most 10), +all/?all/no all flagged, and the include of the mailboxes' sending service (Google, Microsoft 365, …) present. DMARC: _dmarc.DOMAIN, its p= policy and rua (else the organizational domain's, inherited). DKIM: each selector found or not and its key parsed. Tracking: an address, directly or through a CNAME. Asks the system's resolver unless --dns-server (or $WPS_DNS_SERVER) names one, waiting 2 s for each answer and asking twice; a server that does not answer the first query is one error (exit 1) and no domain is checked. Sends no API request, so it needs no profile.",
        positionals: [
            PositionalDescriptor("domain", .file, optional: true, repeating: true),
        ],
        flags: [
            FlagDescriptor("dkim-selector", .string, "a DKIM selector to look for; repeatable (default: google, selector1, selector2, default, k1, s1, s2, mail, dkim)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("dns-server", .string, "ask this name server, HOST[:PORT] with HOST an IPv4 address, instead of the system's resolver (default: $WPS_DNS_SERVER)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("tracking", .string, "a tracking domain (open, click, unsubscribe links) to check: it needs an address, directly or through a CNAME; repeatable", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("allow-failures", .bool, "exit 0 even when a check fails", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["domain check example.com", "domain check boxes.csv --dkim-selector google", "domain check example.com --tracking track.example.com"], sends: [], destructive: false),
    CommandDescriptor(
        ["campaign", "new"], "Create a campaign (DRAFT) with its first email step.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("name", .string, optional: true, repeating: false),
        ],
        flags: [
            FlagDescriptor("accounts", .list(.mailboxID), "email account (SMTP mailbox) ids: 1,2,3", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["email_account_ids"], aliases: ["email-account-ids"], default: nil),
            FlagDescriptor("timezone", .timezone, "an IANA time zone such as Europe/Berlin", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["timezone"], aliases: [], default: nil),
            FlagDescriptor("prospect-timezone", .bool, "send in each prospect's time zone", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["prospect_timezone"], aliases: [], default: nil),
            FlagDescriptor("daily-enroll", .integer, "emails per day from the campaign (> 0)", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["daily_enroll"], aliases: [], default: nil),
            FlagDescriptor("gdpr-unsubscribe", .bool, "GDPR-compliant unsubscribe", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["gdpr_unsubscribe"], aliases: [], default: nil),
            FlagDescriptor("list-unsubscribe", .bool, "a List-Unsubscribe header", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["list_unsubscribe"], aliases: [], default: nil),
            FlagDescriptor("subject", .string, "the subject (once per A/B version)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: ["subject"], aliases: [], default: nil),
            FlagDescriptor("message", .string, "the message body, or @file.html / @file.md (once per version)", secret: false, repeatable: true, required: true, requiredUnless: ["steps"], fields: ["message"], aliases: [], default: nil),
            FlagDescriptor("signature", .signature, "SENDER or NO_SIGNATURE", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["signature"], aliases: [], default: "SENDER"),
            FlagDescriptor("track-opens", .bool, "track opens", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["track_opens"], aliases: [], default: "false"),
            FlagDescriptor("window", .window, "when to send: MON-FRI 08:00-18:00", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["delivery_time"], aliases: ["delivery-time"], default: "MON-FRI 09:00-17:00"),
            FlagDescriptor("wait", .duration, "how long after this step the next step is sent: 3d or 13h (default 1d)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["followup_after"], aliases: ["followup-after"], default: "1d"),
            FlagDescriptor("steps", .file, "the steps from a YAML or JSON file: the spec's step list or the API's step tree", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["let c = campaign new \"Q4\" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject \"Hi\" --message @first.html --window \"MON-FRI 08:00-18:00\" --wait 3d"], sends: ["POST campaigns"], destructive: false),
    CommandDescriptor(
        ["campaign", "list"], "List campaigns (id, name, status).", category: .api,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: ["campaign list | where status == \"DRAFT\" | select id name"], sends: ["GET campaigns"], destructive: false),
    CommandDescriptor(
        ["campaign", "get"], "Fetch a campaign with its steps.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["let c = campaign get 777001", "campaign get 777001 | get settings"], sends: ["GET campaigns/{id}"], destructive: false),
    CommandDescriptor(
        ["campaign", "show"], "Draw a campaign's steps as a tree that fits the terminal.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign show 777001"], sends: ["GET campaigns/{id}"], destructive: false),
    CommandDescriptor(
        ["campaign", "export"], "Write a campaign as a readable YAML spec (windows and waits in wps notation).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign export 777001 > q4.yaml"], sends: ["GET campaigns/{id}"], destructive: false),
    CommandDescriptor(
        ["campaign", "lint"], "Check a campaign spec offline: every problem in one run (keys, types, windows, waits, snippets, rules).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("file", .file, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign lint q4.yaml"], sends: [], destructive: false),
    CommandDescriptor(
        ["campaign", "preview"], "Render each step's versions with snippets filled from a prospect record or their fallbacks.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("campaign", .any, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("prospect", .any, "a stored prospect's EMAIL, or its fields: a record, a JSON/YAML file, or first_name=Ann,company=Acme", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["campaign preview q4.yaml --prospect \"first_name=Ann,company=Acme\"", "prospect add ann@acme.com --first-name Ann; campaign preview 777001 --prospect ann@acme.com"], sends: ["GET campaigns/{id} (given an id)", "GET /rest/v1/prospects (given a prospect's email)"], destructive: false),
    CommandDescriptor(
        ["campaign", "diff"], "Show what campaign apply would change to make campaign ID match FILE.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
            PositionalDescriptor("file", .file, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign diff 777001 q4.yaml"], sends: ["GET campaigns/{id}"], destructive: false),
    CommandDescriptor(
        ["campaign", "stats"], "A campaign's statistics over a period: totals, per sending mailbox and per step (the last 30 days at most).", category: .api,
        discussion: "Built from the campaigns report and the complete statistics per step, asked for together and polled until READY. Totals add the mailboxes' counts; the rates are worked out again from the sums as the reports do (bounced over contacted, opened and responded over delivered). A campaign that sent nothing in the period has zeros.",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("from", .string, "the first day: YYYY-MM-DD, today, yesterday or 7d (days ago); default 29d", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["from"], aliases: [], default: nil),
            FlagDescriptor("to", .string, "the last day, as --from; default today (UTC)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["to"], aliases: [], default: nil),
            FlagDescriptor("interval", .string, "the first polling interval: 250ms, 2s (it grows to 2s)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("max-wait", .string, "how long to wait for the report to be ready: 30s, 5m (default 10m)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["campaign stats 777001 --from 7d", "campaign stats 777001 | get totals.open_rate"], sends: ["POST /rest/v2/reports/campaigns", "POST /rest/v2/reports/complete_statistics_for_each_level_of_campaign", "GET campaigns/{id} (first: an unknown id fails before any report is asked for)", "GET /rest/v2/reports/{hash}", "GET sandbox/clock (a sandbox only: when it refused the period, to read its today)"], destructive: false),
    CommandDescriptor(
        ["campaign", "apply"], "Create the campaign a spec describes, or change it to match: settings, versions, steps added or removed at the end.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("file", .file, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("allow-edit", .bool, "make a RUNNING/PAUSED/STOPPED campaign editable first (make_editable)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["campaign apply q4.yaml"], sends: ["GET campaigns", "POST campaigns", "PATCH campaigns/{id}", "PATCH …/versions/{id}", "POST campaigns/{id}/steps", "DELETE campaigns/{id}/steps/{step_id}", "POST campaigns/{id}/make_editable"], destructive: false),
    CommandDescriptor(
        ["campaign", "run"], "Start sending.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign run 777001 | select id status"], sends: ["POST campaigns/{id}/run"], destructive: false),
    CommandDescriptor(
        ["campaign", "pause"], "Pause a running campaign.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign run 777001 | count; campaign pause 777001"], sends: ["POST campaigns/{id}/pause"], destructive: false),
    CommandDescriptor(
        ["campaign", "stop"], "Stop a campaign for good (it cannot run again).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign stop 777001 --yes"], sends: ["GET campaigns/{id}", "POST campaigns/{id}/stop"], destructive: true),
    CommandDescriptor(
        ["campaign", "edit"], "Make a campaign editable (EDITED).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign edit 777001"], sends: ["POST campaigns/{id}/make_editable"], destructive: false),
    CommandDescriptor(
        ["campaign", "delete"], "Delete a campaign.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["let c = campaign new \"Old\" --accounts 123001 --timezone UTC --daily-enroll 5 --subject \"Hi\" --message \"Hello\"; campaign delete $c.id --yes"], sends: ["GET campaigns/{id}", "DELETE campaigns/{id}"], destructive: true),
    CommandDescriptor(
        ["campaign", "set"], "Change a campaign's name, accounts or settings (DRAFT or EDITED).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .campaignID, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("name", .string, "the new name (empty: My campaign <id>)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["name"], aliases: [], default: nil),
            FlagDescriptor("accounts", .list(.mailboxID), "email account (SMTP mailbox) ids: 1,2,3", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["email_account_ids"], aliases: ["email-account-ids"], default: nil),
            FlagDescriptor("timezone", .timezone, "an IANA time zone such as Europe/Berlin", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["timezone"], aliases: [], default: nil),
            FlagDescriptor("prospect-timezone", .bool, "send in each prospect's time zone", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["prospect_timezone"], aliases: [], default: nil),
            FlagDescriptor("daily-enroll", .integer, "emails per day from the campaign (> 0)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["daily_enroll"], aliases: [], default: nil),
            FlagDescriptor("gdpr-unsubscribe", .bool, "GDPR-compliant unsubscribe", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["gdpr_unsubscribe"], aliases: [], default: nil),
            FlagDescriptor("list-unsubscribe", .bool, "a List-Unsubscribe header", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["list_unsubscribe"], aliases: [], default: nil),
        ],
        examples: ["campaign set 777001 --daily-enroll 80 --timezone Europe/Warsaw"], sends: ["PATCH campaigns/{id}"], destructive: false),
    CommandDescriptor(
        ["step", "add"], "Add an email step after the last step.", category: .api,
        discussion: "With --campaign alone, the campaign is read first (GET campaigns/{id}) and the step goes after its last step. With --after, the step goes after that step (it must be the last); the campaign is --campaign, or found from the steps this session has seen.",
        positionals: [
        ],
        flags: [
            FlagDescriptor("after", .stepID, "the leaf step to follow (default: the campaign's last step)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["parent_id"], aliases: ["parent-id"], default: nil),
            FlagDescriptor("campaign", .campaignID, "the campaign (default: the one the step was seen in)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("subject", .string, "the subject (once per A/B version)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: ["subject"], aliases: [], default: nil),
            FlagDescriptor("message", .string, "the message body, or @file.html / @file.md (once per version)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: ["message"], aliases: [], default: nil),
            FlagDescriptor("signature", .signature, "SENDER or NO_SIGNATURE", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["signature"], aliases: [], default: "SENDER"),
            FlagDescriptor("track-opens", .bool, "track opens", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["track_opens"], aliases: [], default: "false"),
            FlagDescriptor("window", .window, "when to send: MON-FRI 08:00-18:00", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["delivery_time"], aliases: ["delivery-time"], default: "MON-FRI 09:00-17:00"),
            FlagDescriptor("wait", .duration, "how long after this step the next step is sent: 3d or 13h (default 1d)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["followup_after"], aliases: ["followup-after"], default: "1d"),
        ],
        examples: ["let c = campaign new \"Q4\" --accounts 123001 --timezone Europe/Berlin --daily-enroll 50 --subject \"Hi\" --message \"Hello\" --wait 3d; step add --after $c.steps.followup.id --subject \"Re: Hi\" --message @followup.html --window \"FRI 08:00-18:00\"", "step add --campaign 777001 --message \"<p>One more</p>\" --wait 2d"], sends: ["GET campaigns/{id} (without --after: to find its last step)", "POST campaigns/{id}/steps"], destructive: false),
    CommandDescriptor(
        ["step", "delete"], "Delete a step (not START nor the first after it).", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("step", .stepID, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("campaign", .campaignID, "the campaign (default: the one the step was seen in)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["let c = campaign get 777001; let c = step add --after $c.steps.followup.id --message \"<p>More</p>\"; step delete $c.steps.followup.followup.id --yes"], sends: ["GET campaigns/{id}", "DELETE campaigns/{id}/steps/{step_id}"], destructive: true),
    CommandDescriptor(
        ["version", "set"], "Change one version of an email step.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("step", .stepID, optional: false, repeating: false),
            PositionalDescriptor("version", .versionID, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("campaign", .campaignID, "the campaign (default: the one the step was seen in)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("subject", .string, "the subject", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["subject"], aliases: [], default: nil),
            FlagDescriptor("message", .string, "the message, or @file.html / @file.md", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["message"], aliases: [], default: nil),
            FlagDescriptor("signature", .signature, "SENDER or NO_SIGNATURE", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["signature"], aliases: [], default: nil),
            FlagDescriptor("track-opens", .bool, "track opens", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["track_opens"], aliases: [], default: nil),
        ],
        examples: ["let c = campaign get 777001; version set $c.steps.followup.id A --subject \"Quick question, {{FIRST_NAME}}\""], sends: ["PATCH campaigns/{id}/steps/{step_id}/versions/{version_id}"], destructive: false),
    CommandDescriptor(
        ["prospect", "add"], "Add one prospect to the database, or with --campaign to a campaign.", category: .api,
        discussion: "Each field flag also answers to the API's own field name (--first_name, --snippet1). Without --update an existing prospect is left as it is and answered E_DUPLICATE; with --update the fields given replace the stored ones. Into a campaign, a prospect whose status is not ACTIVE is rejected (E_INV_STATUS) unless --force; --force onto a BLACKLIST prospect asks first (--yes skips the question; without a terminal it is needed). --force, --send-after and --interested need --campaign.",
        positionals: [
            PositionalDescriptor("email", .prospectEmail, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("campaign", .campaignID, "the campaign to add the prospects to (default: only the database)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["campaign_id"], aliases: ["campaign-id"], default: nil),
            FlagDescriptor("update", .bool, "update prospects that exist (given fields only)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["update"], aliases: [], default: nil),
            FlagDescriptor("force", .bool, "admit prospects whose status is not ACTIVE into the campaign (needs --campaign)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["force"], aliases: [], default: nil),
            FlagDescriptor("send-after", .string, "the earliest time to write to them: 2025-04-01T09:00:00+0200 (needs --campaign)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["send_after"], aliases: [], default: nil),
            FlagDescriptor("file-name", .string, "a label for the import", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["file_name"], aliases: [], default: nil),
            FlagDescriptor("yes", .bool, "do it without asking (needed without a terminal)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("status", .choice(["ACTIVE", "BLACKLIST", "BOUNCED", "INVALID", "REPLIED"]), "the global status", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["status"], aliases: [], default: nil),
            FlagDescriptor("first-name", .string, "the first name", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["first_name"], aliases: [], default: nil),
            FlagDescriptor("last-name", .string, "the last name", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["last_name"], aliases: [], default: nil),
            FlagDescriptor("company", .string, "the company", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["company"], aliases: [], default: nil),
            FlagDescriptor("website", .string, "the website", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["website"], aliases: [], default: nil),
            FlagDescriptor("linkedin-url", .string, "the LinkedIn profile URL", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["linkedin_url"], aliases: [], default: nil),
            FlagDescriptor("tags", .string, "tags, one text: #VC #TECH", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["tags"], aliases: [], default: nil),
            FlagDescriptor("title", .string, "the title", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["title"], aliases: [], default: nil),
            FlagDescriptor("phone", .string, "the phone", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["phone"], aliases: [], default: nil),
            FlagDescriptor("address", .string, "the address", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["address"], aliases: [], default: nil),
            FlagDescriptor("city", .string, "the city", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["city"], aliases: [], default: nil),
            FlagDescriptor("state", .string, "the state", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["state"], aliases: [], default: nil),
            FlagDescriptor("country", .string, "the country", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["country"], aliases: [], default: nil),
            FlagDescriptor("industry", .string, "the industry", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["industry"], aliases: [], default: nil),
            FlagDescriptor("interested", .choice(["INTERESTED", "NOT_INTERESTED", "MAYBE_LATER"]), "interest in the campaign (with --campaign --update)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["interested"], aliases: [], default: nil),
            FlagDescriptor("snippet1", .string, "snippet 1", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet1"], aliases: [], default: nil),
            FlagDescriptor("snippet2", .string, "snippet 2", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet2"], aliases: [], default: nil),
            FlagDescriptor("snippet3", .string, "snippet 3", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet3"], aliases: [], default: nil),
            FlagDescriptor("snippet4", .string, "snippet 4", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet4"], aliases: [], default: nil),
            FlagDescriptor("snippet5", .string, "snippet 5", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet5"], aliases: [], default: nil),
            FlagDescriptor("snippet6", .string, "snippet 6", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet6"], aliases: [], default: nil),
            FlagDescriptor("snippet7", .string, "snippet 7", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet7"], aliases: [], default: nil),
            FlagDescriptor("snippet8", .string, "snippet 8", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet8"], aliases: [], default: nil),
            FlagDescriptor("snippet9", .string, "snippet 9", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet9"], aliases: [], default: nil),
            FlagDescriptor("snippet10", .string, "snippet 10", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet10"], aliases: [], default: nil),
            FlagDescriptor("snippet11", .string, "snippet 11", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet11"], aliases: [], default: nil),
            FlagDescriptor("snippet12", .string, "snippet 12", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet12"], aliases: [], default: nil),
            FlagDescriptor("snippet13", .string, "snippet 13", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet13"], aliases: [], default: nil),
            FlagDescriptor("snippet14", .string, "snippet 14", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet14"], aliases: [], default: nil),
            FlagDescriptor("snippet15", .string, "snippet 15", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet15"], aliases: [], default: nil),
        ],
        examples: ["prospect add ann@acme.com --first-name Ann --company Acme --snippet1 \"loved your talk\"", "prospect add ann@acme.com --campaign 777001"], sends: ["POST /rest/v1/add_prospects_list", "POST /rest/v1/add_prospects_campaign (--campaign)", "GET /rest/v1/prospects (--force: is it on the BLACKLIST?)"], destructive: false),
    CommandDescriptor(
        ["prospect", "import"], "Add prospects from a CSV, JSON or NDJSON file (- for stdin, or piped records), every row checked first, 20,000 a request, journaled so a second run sends only what was never answered.", category: .api,
        discussion: "Columns are the API's field names in any case (email, first_name, snippet1, …) or the names spreadsheets export (Email, First Name, Company Name, Job Title, …); an empty cell is left out, so --update keeps the stored value. The result is one record per outcome (added, updated, duplicate, rejected with the API's code), and --report FILE.csv writes each row's. The exit status is 1 when the API rejected any row, unless --allow-rejected. A lost answer is resent: a prospect the first attempt added answers E_DUPLICATE, so nothing is added twice. --force admits prospects on the BLACKLIST too: when the account has any, wps asks once before sending (--yes skips the question; without a terminal it is needed).",
        positionals: [
            PositionalDescriptor("file", .file, optional: true, repeating: false),
        ],
        flags: [
            FlagDescriptor("campaign", .campaignID, "the campaign to add the prospects to (default: only the database)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["campaign_id"], aliases: ["campaign-id"], default: nil),
            FlagDescriptor("update", .bool, "update prospects that exist (given fields only)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["update"], aliases: [], default: nil),
            FlagDescriptor("force", .bool, "admit prospects whose status is not ACTIVE into the campaign (needs --campaign)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["force"], aliases: [], default: nil),
            FlagDescriptor("send-after", .string, "the earliest time to write to them: 2025-04-01T09:00:00+0200 (needs --campaign)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["send_after"], aliases: [], default: nil),
            FlagDescriptor("file-name", .string, "a label for the import", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["file_name"], aliases: [], default: nil),
            FlagDescriptor("batch-size", .integer, "prospects per request (from 1 up to the provider's limit, which is the default)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("parallel", .integer, "batches in flight at once (Woodpecker 1…7, default 7; Saleshandy 1…6, default 6)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("skip-invalid", .bool, "send the valid rows and list the skipped ones", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("delimiter", .delimiter, "the CSV delimiter: , ; or tab (default: told from the header)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("ignore-column", .string, "leave out a column of the file: its name as the header spells it (any case), or the number of one without a name", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("map", .string, "read a column of the file as one the import knows: \"SMTP Host=smtp_server,Sending Limit=daily_limit\" (names in any case, spaces or hyphens)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("encoding", .choice(["utf-8", "utf-16", "cp1252", "latin1"]), "how the file is written: utf-8 (the default; a UTF-16 file with a byte-order mark is read as such), utf-16, cp1252 (Excel's \"CSV (Windows)\"), latin1", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("report", .file, "write each row's outcome to a CSV file (line, email, outcome, code, message)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("allow-rejected", .bool, "exit 0 even when the API rejected some rows", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("journal", .file, "where to journal the import (default: under $XDG_STATE_HOME/wps/imports)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("yes", .bool, "do it without asking (needed without a terminal)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("sequence", .string, "the sequence to import into", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("step", .string, "the step the prospects enter (default: the sequence's first)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["stepId"], aliases: ["step-id"], default: nil),
            FlagDescriptor("conflict", .choice(["overwrite", "noUpdate", "addMissingFields"]), "what becomes of a prospect that exists: overwrite, noUpdate (default) or addMissingFields", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["conflictAction"], aliases: ["conflict-action"], default: nil),
            FlagDescriptor("verify-prospects", .bool, "have Saleshandy verify the addresses", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["verifyProspects"], aliases: [], default: nil),
            FlagDescriptor("tag", .string, "a tag for every imported prospect (repeatable; missing tags are created)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: ["tags"], aliases: ["tags"], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["prospect import leads.csv --campaign 777001 --report outcome.csv", "prospect import leads.csv --skip-invalid --update", "prospect import leads.csv --provider saleshandy --sequence sq7Kd2mPq1 --tag q4"], sends: ["POST /rest/v1/add_prospects_list", "POST /rest/v1/add_prospects_campaign (--campaign)", "GET /rest/v1/prospects (--force: any on the BLACKLIST?)", "GET /v1/sequences/{sequenceId}/steps (the step is the sequence's)", "POST /v1/sequences/prospects/import-with-field-name", "GET /v1/prospects/import-status/{requestId}"], destructive: false),
    CommandDescriptor(
        ["prospect", "list"], "List prospects: one page, or with --all every page in turn.", category: .api,
        discussion: "With --all, each page goes down the pipeline as it arrives while the next is fetched: where, select, each, count, first and last work a page at a time (first stops the fetching), so the whole account is never held; --output ndjson prints each page as it arrives.",
        positionals: [
        ],
        flags: [
            FlagDescriptor("campaign", .list(.campaignID), "only prospects in these campaigns: 777001,777002 (adds their status there)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["campaigns_id"], aliases: ["campaigns-id"], default: nil),
            FlagDescriptor("status", .choice(["ACTIVE", "BLACKLIST", "BOUNCED", "INVALID", "REPLIED"]), "only prospects with this global status", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["status"], aliases: [], default: nil),
            FlagDescriptor("search", .string, "field=value pairs: company=Acme,email=@acme.com (AND across fields, OR within one)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: ["search"], aliases: [], default: nil),
            FlagDescriptor("sort", .string, "+field or -field, comma-separated: -last_contacted,+company (default +id)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["sort"], aliases: [], default: nil),
            FlagDescriptor("page", .integer, "the page, from 1 (default 1)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["page"], aliases: [], default: nil),
            FlagDescriptor("per-page", .integer, "prospects per page (1…1000, default 100)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["per_page"], aliases: [], default: nil),
            FlagDescriptor("all", .bool, "every page, 1000 prospects a request", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("details", .bool, "each prospect's campaigns with its status and interest there", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["campaigns_details"], aliases: ["campaigns-details"], default: nil),
            FlagDescriptor("contacted", .bool, "only prospects that were (or were not) contacted", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["contacted"], aliases: [], default: nil),
            FlagDescriptor("interested", .choice(["INTERESTED", "NOT_INTERESTED", "MAYBE_LATER"]), "only prospects with this interest level", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["interested"], aliases: [], default: nil),
            FlagDescriptor("activity", .choice(["OPENED", "CLICKED"]), "only prospects that opened or clicked", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["activity"], aliases: [], default: nil),
            FlagDescriptor("newest-first", .bool, "the newest first (default: the oldest)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["prospect list --all | where status == \"REPLIED\" | count", "prospect list --campaign 777001 --search company=Acme", "prospect list --provider saleshandy --search acme.com"], sends: ["GET /rest/v1/prospects", "GET /v1/prospects"], destructive: false),
    CommandDescriptor(
        ["prospect", "responses"], "List one prospect's replies, oldest first.", category: .api,
        discussion: "Reads GET prospects/ID/responses. Each record: prospect_id, email, response_id (the inbox message's id, for inbox reply), campaign_id, step, campaign_email_sent, subject, message, delivered (UTC, without offset) and secondary_prospect_email.",
        positionals: [
            PositionalDescriptor("id", .integer, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("campaign", .list(.campaignID), "only replies in these campaigns: 777001,777002", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["campaign_id"], aliases: ["campaign-id"], default: nil),
        ],
        examples: ["prospect list --status REPLIED | each { prospect responses $it.id }"], sends: ["GET prospects/{id}/responses"], destructive: false),
    CommandDescriptor(
        ["prospect", "stop"], "Stop the follow-ups of prospects in one campaign.", category: .api,
        discussion: "Sets each prospect's status in the campaign to PAUSED with one add_prospects_campaign update (the campaign keeps running for the others; prospect set ID --campaign C --status ACTIVE resumes one). Prospects are named by email or id, or piped: records with email, prospect.email (webhook events) or id, with - or no prospect given. The campaign's prospects are read first: one not in the campaign is reported 'not in campaign' and nothing is sent for it (the update would enrol it); one already stopped (PAUSED, REPLIED, BOUNCED, BLACKLIST, INVALID there) is reported 'already stopped'. Returns {email, id, campaign_id, outcome, code, message} per prospect; exit 1 when the API rejected one.",
        positionals: [
            PositionalDescriptor("prospect", .prospectEmail, optional: true, repeating: true),
        ],
        flags: [
            FlagDescriptor("campaign", .campaignID, "the campaign the prospects are in", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["campaign_id"], aliases: ["campaign-id"], default: nil),
        ],
        examples: ["prospect add ann@acme.com --campaign 777001 | prospect stop - --campaign 777001", "prospect add ann@acme.com --campaign 777001 | each { prospect stop $it.email --campaign $it.campaign_id }"], sends: ["GET /rest/v1/prospects", "POST /rest/v1/add_prospects_campaign"], destructive: false),
    CommandDescriptor(
        ["prospect", "set"], "Change one prospect in one campaign: status, interest, send-after, snippets.", category: .api,
        discussion: "Sends add_prospects_campaign with update: true for the one prospect (named by email or id; an id is looked up). Only the fields given change. --status PAUSED stops its follow-ups in the campaign and ACTIVE resumes them (as prospect stop does); the other statuses are the global one. The campaign's prospects are read first: a prospect not in the campaign is an error and nothing is sent (the update would enrol it; prospect add --campaign does that). Returns {email, id, campaign_id, outcome, code, message}; exit 1 when the API rejected it.",
        positionals: [
            PositionalDescriptor("prospect", .prospectEmail, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("campaign", .campaignID, "the campaign the prospects are in", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["campaign_id"], aliases: ["campaign-id"], default: nil),
            FlagDescriptor("status", .choice(["ACTIVE", "BLACKLIST", "BOUNCED", "INVALID", "REPLIED", "PAUSED", "finished", "unsubscribed"]), "PAUSED stops its follow-ups in the campaign, ACTIVE resumes them; BLACKLIST, BOUNCED, INVALID, REPLIED set the global status", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["status"], aliases: [], default: nil),
            FlagDescriptor("interested", .choice(["INTERESTED", "NOT_INTERESTED", "MAYBE_LATER"]), "its interest level in the campaign", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["interested"], aliases: [], default: nil),
            FlagDescriptor("send-after", .string, "the earliest time to write to them: 2025-04-01T09:00:00+0200 (needs --campaign)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["send_after"], aliases: [], default: nil),
            FlagDescriptor("snippet1", .string, "snippet 1", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet1"], aliases: [], default: nil),
            FlagDescriptor("snippet2", .string, "snippet 2", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet2"], aliases: [], default: nil),
            FlagDescriptor("snippet3", .string, "snippet 3", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet3"], aliases: [], default: nil),
            FlagDescriptor("snippet4", .string, "snippet 4", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet4"], aliases: [], default: nil),
            FlagDescriptor("snippet5", .string, "snippet 5", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet5"], aliases: [], default: nil),
            FlagDescriptor("snippet6", .string, "snippet 6", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet6"], aliases: [], default: nil),
            FlagDescriptor("snippet7", .string, "snippet 7", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet7"], aliases: [], default: nil),
            FlagDescriptor("snippet8", .string, "snippet 8", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet8"], aliases: [], default: nil),
            FlagDescriptor("snippet9", .string, "snippet 9", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet9"], aliases: [], default: nil),
            FlagDescriptor("snippet10", .string, "snippet 10", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet10"], aliases: [], default: nil),
            FlagDescriptor("snippet11", .string, "snippet 11", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet11"], aliases: [], default: nil),
            FlagDescriptor("snippet12", .string, "snippet 12", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet12"], aliases: [], default: nil),
            FlagDescriptor("snippet13", .string, "snippet 13", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet13"], aliases: [], default: nil),
            FlagDescriptor("snippet14", .string, "snippet 14", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet14"], aliases: [], default: nil),
            FlagDescriptor("snippet15", .string, "snippet 15", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["snippet15"], aliases: [], default: nil),
            FlagDescriptor("sequence", .string, "the sequence the status is in", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("pause-days", .integer, "with --status paused: for how many days", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["pauseDelayInDays"], aliases: ["pause-delay-in-days"], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["prospect add ann@acme.com --campaign 777001 | prospect set - --campaign 777001 --interested INTERESTED", "prospect add ann@acme.com --campaign 777001; prospect set ann@acme.com --campaign 777001 --status ACTIVE --snippet1 \"saw your talk\"", "prospect import leads.csv --provider saleshandy --sequence sq7Kd2mPq1 | count; prospect set lead0@acme.com --provider saleshandy --sequence sq7Kd2mPq1 --status paused --pause-days 7"], sends: ["GET /rest/v1/prospects", "POST /rest/v1/add_prospects_campaign", "GET /v1/prospects (an email's id)", "PATCH /v1/prospects/status"], destructive: false),
    CommandDescriptor(
        ["report", "campaigns"], "General statistics per campaign and sending mailbox over a period (the last 30 days at most).", category: .api,
        discussion: "Days are UTC dates; Woodpecker reports at most the last 30 days, today included, which is also the default. The report is asked for, then polled until READY (a spinner on stderr meanwhile).",
        positionals: [
        ],
        flags: [
            FlagDescriptor("from", .string, "the first day: YYYY-MM-DD, today, yesterday or 7d (days ago); default 29d", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["from"], aliases: [], default: nil),
            FlagDescriptor("to", .string, "the last day, as --from; default today (UTC)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["to"], aliases: [], default: nil),
            FlagDescriptor("interval", .string, "the first polling interval: 250ms, 2s (it grows to 2s)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("max-wait", .string, "how long to wait for the report to be ready: 30s, 5m (default 10m)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["report campaigns --from 7d | where responded > 0"], sends: ["POST /rest/v2/reports/campaigns", "GET /rest/v2/reports/{hash}", "GET sandbox/clock (a sandbox only: when it refused the period, to read its today)"], destructive: false),
    CommandDescriptor(
        ["report", "messages"], "Emails sent per campaign, day, path, step and version over a period.", category: .api,
        discussion: "Days are UTC dates; Woodpecker reports at most the last 30 days, today included, which is also the default. The report is asked for, then polled until READY (a spinner on stderr meanwhile).",
        positionals: [
        ],
        flags: [
            FlagDescriptor("from", .string, "the first day: YYYY-MM-DD, today, yesterday or 7d (days ago); default 29d", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["from"], aliases: [], default: nil),
            FlagDescriptor("to", .string, "the last day, as --from; default today (UTC)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["to"], aliases: [], default: nil),
            FlagDescriptor("interval", .string, "the first polling interval: 250ms, 2s (it grows to 2s)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("max-wait", .string, "how long to wait for the report to be ready: 30s, 5m (default 10m)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["report messages --from 7d"], sends: ["POST /rest/v2/reports/messages", "GET /rest/v2/reports/{hash}", "GET sandbox/clock (a sandbox only: when it refused the period, to read its today)"], destructive: false),
    CommandDescriptor(
        ["report", "open-rate"], "Emails sent and opened per campaign, day, mailbox, path, step and version over a period.", category: .api,
        discussion: "Days are UTC dates; Woodpecker reports at most the last 30 days, today included, which is also the default. The report is asked for, then polled until READY (a spinner on stderr meanwhile).",
        positionals: [
        ],
        flags: [
            FlagDescriptor("from", .string, "the first day: YYYY-MM-DD, today, yesterday or 7d (days ago); default 29d", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["from"], aliases: [], default: nil),
            FlagDescriptor("to", .string, "the last day, as --from; default today (UTC)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["to"], aliases: [], default: nil),
            FlagDescriptor("interval", .string, "the first polling interval: 250ms, 2s (it grows to 2s)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("max-wait", .string, "how long to wait for the report to be ready: 30s, 5m (default 10m)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["report open-rate --from 7d"], sends: ["POST /rest/v2/reports/open_rate", "GET /rest/v2/reports/{hash}", "GET sandbox/clock (a sandbox only: when it refused the period, to read its today)"], destructive: false),
    CommandDescriptor(
        ["report", "steps"], "The general statistics per campaign, step and version over a period.", category: .api,
        discussion: "Days are UTC dates; Woodpecker reports at most the last 30 days, today included, which is also the default. The report is asked for, then polled until READY (a spinner on stderr meanwhile).",
        positionals: [
        ],
        flags: [
            FlagDescriptor("from", .string, "the first day: YYYY-MM-DD, today, yesterday or 7d (days ago); default 29d", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["from"], aliases: [], default: nil),
            FlagDescriptor("to", .string, "the last day, as --from; default today (UTC)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["to"], aliases: [], default: nil),
            FlagDescriptor("interval", .string, "the first polling interval: 250ms, 2s (it grows to 2s)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("max-wait", .string, "how long to wait for the report to be ready: 30s, 5m (default 10m)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["report steps --from 7d"], sends: ["POST /rest/v2/reports/complete_statistics_for_each_level_of_campaign", "GET /rest/v2/reports/{hash}", "GET sandbox/clock (a sandbox only: when it refused the period, to read its today)"], destructive: false),
    CommandDescriptor(
        ["webhook", "subscribe"], "Deliver events to a URL: one subscription per event (at most 3 URLs per event).", category: .api,
        discussion: "Reads the account's subscriptions first: an event already delivered to the URL is reported as 'already subscribed' and not sent again; an event that already has 3 other URLs (the API's limit per account) stops the command before anything is sent, naming them. Returns one record per event {event, target_url, status}.",
        positionals: [
            PositionalDescriptor("event", .choice(["prospect_replied", "prospect_blacklisted", "prospect_autoreplied", "followup_after_autoreply", "secondary_replied", "link_clicked", "campaign_sent", "prospect_saved", "email_opened", "prospect_interested", "prospect_maybe_later", "prospect_not_interested", "prospect_bounced", "prospect_invalid", "prospect_opt_out", "prospect_non_responsive", "campaign_completed", "task_created", "task_done", "task_ignored", "linkedin_automation_connection_request_accepted", "email-sent", "email-opened", "email-link-clicked", "reply-received", "email-bounced", "prospect-unsubscribed", "prospect-finished", "prospect-outcome-updated", "sequence-paused", "email-account-disconnected", "email-account-paused", "inbox-analyser-test-completed", "task-created", "task-updated", "bulk-task-updated", "call-task-updated", "linkedin-task-updated", "custom-task-updated", "whatsapp-task-updated"]), optional: false, repeating: true),
        ],
        flags: [
            FlagDescriptor("url", .string, "the URL the events are delivered to (an absolute http or https URL)", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["target_url"], aliases: ["target-url"], default: nil),
            FlagDescriptor("name", .string, "the webhook's name (default: wps and the URL's host)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("header", .string, "a header every delivery carries: NAME=VALUE (repeatable; a dry run masks it, results show its name only)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["webhook subscribe prospect_replied prospect_opt_out --url https://hooks.example.com/wps", "webhook subscribe reply-received email-bounced --provider saleshandy --url https://hooks.example.com/wps"], sends: ["GET webhooks", "POST /rest/v1/webhooks/subscribe", "POST /v1/webhook/create"], destructive: false),
    CommandDescriptor(
        ["webhook", "unsubscribe"], "Stop delivering events to a URL.", category: .api,
        discussion: "Reads the account's subscriptions first: an event that is not delivered to the URL is reported as 'not subscribed' (and on stderr) and nothing is sent for it. Returns one record per event {event, target_url, status}.",
        positionals: [
            PositionalDescriptor("event", .choice(["prospect_replied", "prospect_blacklisted", "prospect_autoreplied", "followup_after_autoreply", "secondary_replied", "link_clicked", "campaign_sent", "prospect_saved", "email_opened", "prospect_interested", "prospect_maybe_later", "prospect_not_interested", "prospect_bounced", "prospect_invalid", "prospect_opt_out", "prospect_non_responsive", "campaign_completed", "task_created", "task_done", "task_ignored", "linkedin_automation_connection_request_accepted"]), optional: false, repeating: true),
        ],
        flags: [
            FlagDescriptor("url", .string, "the URL the events are delivered to (an absolute http or https URL)", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["target_url"], aliases: ["target-url"], default: nil),
        ],
        examples: ["webhook unsubscribe prospect_replied --url https://hooks.example.com/wps"], sends: ["GET webhooks", "POST /rest/v1/webhooks/unsubscribe"], destructive: false),
    CommandDescriptor(
        ["webhook", "list"], "List the account's webhook subscriptions.", category: .api,
        discussion: "",
        positionals: [
        ],
        flags: [
            FlagDescriptor("event", .choice(["prospect_replied", "prospect_blacklisted", "prospect_autoreplied", "followup_after_autoreply", "secondary_replied", "link_clicked", "campaign_sent", "prospect_saved", "email_opened", "prospect_interested", "prospect_maybe_later", "prospect_not_interested", "prospect_bounced", "prospect_invalid", "prospect_opt_out", "prospect_non_responsive", "campaign_completed", "task_created", "task_done", "task_ignored", "linkedin_automation_connection_request_accepted"]), "only the subscriptions of this event", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["event"], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["webhook list | where event == \"prospect_replied\"", "webhook list --provider saleshandy"], sends: ["GET webhooks", "GET /v1/webhook"], destructive: false),
    CommandDescriptor(
        ["webhook", "listen"], "Receive webhook events and stream each down the pipeline as it arrives.", category: .api,
        discussion: "Serves an HTTP receiver (--host, default 127.0.0.1; --port, default a free one) at an unguessable path, subscribes its URL for the --event events (the public address with --url, for a tunnel), and hands each event down the pipeline the moment it arrives: batched arrays are unpacked, repeats dropped. The sender is answered 200 only after the event is in the --journal and its record went through the pipeline, so a crash loses nothing (the sender retries); a restart with the same journal listens at the same URL and yields first what was received and not delivered. Stops at --max events, after --for, or on Ctrl-C, then unsubscribes what it subscribed.",
        positionals: [
        ],
        flags: [
            FlagDescriptor("event", .list(.choice(["prospect_replied", "prospect_blacklisted", "prospect_autoreplied", "followup_after_autoreply", "secondary_replied", "link_clicked", "campaign_sent", "prospect_saved", "email_opened", "prospect_interested", "prospect_maybe_later", "prospect_not_interested", "prospect_bounced", "prospect_invalid", "prospect_opt_out", "prospect_non_responsive", "campaign_completed", "task_created", "task_done", "task_ignored", "linkedin_automation_connection_request_accepted"])), "the events to subscribe to and yield, comma-separated or repeated: prospect_replied,prospect_opt_out", secret: false, repeatable: true, required: false, requiredUnless: [], fields: ["event"], aliases: [], default: nil),
            FlagDescriptor("port", .integer, "the port to listen on (default: a free one, or the journal's)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("host", .string, "the address to listen on (default 127.0.0.1)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("url", .string, "the public address the API reaches this receiver at (a tunnel), without the path: https://abc.example.net", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("no-subscribe", .bool, "subscribe nothing: yield what arrives at the URL (subscribed some other way)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("journal", .file, "keep the port, the path token and every event here, so a restart loses and repeats none", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("max", .integer, "stop after this many events", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("for", .string, "stop after this long: 30s, 10m, 2h", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["webhook listen --event prospect_replied --for 1s | each { echo $it.prospect.email }"], sends: ["GET webhooks", "POST /rest/v1/webhooks/subscribe", "POST /rest/v1/webhooks/unsubscribe"], destructive: false),
    CommandDescriptor(
        ["sandbox", "advance"], "Move the sandbox's clock forward: what sending would do in that time happens now.", category: .api,
        discussion: "Only the sandbox has a clock to move (--sandbox, or a profile whose base URL is a wps sandbox); the real API answers 404. Every account of the sandbox moves, and a webhook delivery pass runs at once. Returns {now, seconds}.",
        positionals: [
            PositionalDescriptor("duration", .string, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["sandbox advance 3h"], sends: ["POST sandbox/clock/advance?by=DURATION (the sandbox's own route)"], destructive: false),
    CommandDescriptor(
        ["inbox", "list"], "List the prospects' replies, newest first: one page, or with --all every page.", category: .api,
        discussion: "At most one of --status, --interest and --out-of-campaign (the API takes one). Without --all one page comes back and, when more follow, stderr says so with the --cursor that continues; with --all each page goes down the pipeline as it arrives while the next is fetched. Each record is the API's message: id, prospect_id, prospect_email, campaign_id, step, mailbox_id, from_email, from_name, to_email, subject, message, delivered, read, prospect_status, prospect_interest_level.",
        positionals: [
        ],
        flags: [
            FlagDescriptor("status", .choice(["RESPONDED", "AUTOREPLIED", "BOUNCED", "BLACKLISTED", "OPT_OUT"]), "only replies of prospects with this status", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["prospect_status"], aliases: ["prospect-status"], default: nil),
            FlagDescriptor("interest", .choice(["INTERESTED", "MAYBE_LATER", "NOT_INTERESTED", "NOT_MARKED"]), "only replies of prospects with this interest level", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["prospect_interest_level"], aliases: ["prospect-interest-level"], default: nil),
            FlagDescriptor("out-of-campaign", .bool, "only replies that belong to no campaign (=false: only those that do)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["out_of_campaign"], aliases: [], default: nil),
            FlagDescriptor("campaign", .list(.campaignID), "only replies in these campaigns: 777001,777002", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["campaign_ids"], aliases: ["campaign-ids"], default: nil),
            FlagDescriptor("mailbox", .list(.mailboxID), "only replies fetched by these mailboxes: 123001,123002", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["mailbox_ids"], aliases: ["mailbox-ids"], default: nil),
            FlagDescriptor("search", .string, "a phrase of 3 or more characters (repeat, or separate by commas, for up to 20)", secret: false, repeatable: true, required: false, requiredUnless: [], fields: ["search_phrases"], aliases: ["search-phrases"], default: nil),
            FlagDescriptor("per-page", .integer, "messages per page (1…50, default 10)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["per_page"], aliases: [], default: nil),
            FlagDescriptor("cursor", .string, "start at this next_page_cursor of an earlier page", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["next_page_cursor"], aliases: ["next-page-cursor"], default: nil),
            FlagDescriptor("all", .bool, "every page, following each next_page_cursor", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["inbox list --interest INTERESTED --all", "inbox list --all --search \"next week\" | select id prospect_email subject"], sends: ["GET inbox/messages"], destructive: false),
    CommandDescriptor(
        ["inbox", "reply"], "Answer a prospect's reply from the inbox.", category: .api,
        discussion: "Sends POST inbox/messages/MESSAGE_ID/reply with body.html from --message; Woodpecker threads the reply and marks the original read. Addresses are checked before anything is sent. Returns {id, status: sent} with the fields given.",
        positionals: [
            PositionalDescriptor("message_id", .integer, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("message", .string, "the reply: HTML text, @reply.html, or @reply.md (Markdown)", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["html"], aliases: ["html"], default: nil),
            FlagDescriptor("subject", .string, "the subject (default: Re: and the original's)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["subject"], aliases: [], default: nil),
            FlagDescriptor("to", .string, "recipient addresses separated by commas (default: the original's author)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["to"], aliases: [], default: nil),
            FlagDescriptor("cc", .string, "CC addresses separated by commas", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["cc"], aliases: [], default: nil),
            FlagDescriptor("bcc", .string, "BCC addresses separated by commas (default: the mailbox's own BCC)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["bcc"], aliases: [], default: nil),
            FlagDescriptor("mailbox", .mailboxID, "the SMTP mailbox to send from (default: the one that received the original)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["mailbox_id"], aliases: ["mailbox-id"], default: nil),
            FlagDescriptor("quote", .bool, "quote the original message under the reply", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["quote_original_message"], aliases: ["quote-original-message"], default: nil),
        ],
        examples: ["inbox list --interest INTERESTED --all | where read == false | each { inbox reply $it.id --message \"<p>Great, how is Tuesday at 10?</p>\" }"], sends: ["POST inbox/messages/{id}/reply"], destructive: false),
    CommandDescriptor(
        ["sequence", "list"], "List the sequences, with their steps' ids.", category: .api,
        discussion: "",
        positionals: [
        ],
        flags: [
            FlagDescriptor("name", .string, "only sequences whose title contains this", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["sequenceName"], aliases: ["sequence-name"], default: nil),
            FlagDescriptor("page-size", .integer, "sequences a page (1…1000, default 100)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["pageSize"], aliases: [], default: nil),
            FlagDescriptor("page", .integer, "the page (from 1)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("sort", .choice(["asc", "desc"]), "the order", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("sort-by", .choice(["created", "title"]), "what to order by (default created)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["sortBy"], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["sequence list", "sequence list --name founders | first | get steps"], sends: ["GET /v1/sequences"], destructive: false),
    CommandDescriptor(
        ["sequence", "get"], "Fetch a sequence with its steps.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .string, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["sequence get sq7Kd2mPq1", "let s = sequence list | first; sequence get $s"], sends: ["GET /v1/sequences/{sequenceId}/steps", "GET /v1/sequences (its title and state)"], destructive: false),
    CommandDescriptor(
        ["sequence", "step", "add"], "Add a step to a sequence on a given day.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .string, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("day", .integer, "the day of the sequence it runs on (1…999)", secret: false, repeatable: false, required: true, requiredUnless: [], fields: ["absoluteDays"], aliases: ["absolute-days"], default: nil),
            FlagDescriptor("channel", .choice(["email", "linkedin-connection-request", "linkedin-message", "linkedin-inmail", "linkedin-view-profile", "linkedin-post-interaction", "task", "call-introduction", "call-demo", "call-follow-up", "call-reminder", "call-other", "whatsapp-message", "whatsapp-voice-message", "whatsapp-voice-call"]), "the step's channel (default email)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["type"], aliases: ["type"], default: nil),
            FlagDescriptor("subject", .string, "an email's (or InMail's) subject; repeat for A/B variants", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("content", .string, "an email's HTML: text or @FILE (@FILE.md is turned into HTML); repeat for variants", secret: false, repeatable: true, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("preheader", .string, "an email's preheader", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("message", .string, "a LinkedIn message's or InMail's text", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("connection-note", .string, "a LinkedIn connection request's note", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("note", .string, "a task step's note (at most 3000 characters)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["taskNote"], aliases: ["task-note"], default: nil),
            FlagDescriptor("priority", .choice(["urgent", "high", "normal", "low"]), "a task step's priority (default normal)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("assignee", .string, "the user who gets its tasks", secret: false, repeatable: false, required: false, requiredUnless: [], fields: ["assigneeId"], aliases: ["assignee-id"], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["sequence step add sq7Kd2mPq1 --day 3 --subject 'Following up' --content @followup.html", "sequence step add sq7Kd2mPq1 --day 5 --channel linkedin-message --message 'Saw your post'"], sends: ["POST /v1/sequences/{sequenceId}/steps"], destructive: false),
    CommandDescriptor(
        ["sequence", "stats"], "Show a sequence's prospect and email counts.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("id", .string, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["sequence stats sq7Kd2mPq1"], sends: ["POST /v1/analytics/stats (a read its API takes as a POST)"], destructive: false),
    CommandDescriptor(
        ["dnc", "list"], "List the do-not-contact lists.", category: .api,
        discussion: "",
        positionals: [
        ],
        flags: [
            FlagDescriptor("search", .string, "only lists whose name contains this", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["dnc list"], sends: ["GET /v1/dnc"], destructive: false),
    CommandDescriptor(
        ["dnc", "search"], "Find an email or domain on the do-not-contact lists.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("text", .string, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("type", .choice(["all", "email", "domain"]), "only emails, or only domains", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["dnc search acme.com"], sends: ["GET /v1/dnc/item/search"], destructive: false),
    CommandDescriptor(
        ["dnc", "add"], "Add emails and domains to a do-not-contact list.", category: .api,
        discussion: "",
        positionals: [
            PositionalDescriptor("list", .string, optional: false, repeating: false),
            PositionalDescriptor("item", .string, optional: false, repeating: true),
        ],
        flags: [
            FlagDescriptor("provider", .choice(["woodpecker", "saleshandy"]), "woodpecker (default) or saleshandy", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: "woodpecker"),
        ],
        examples: ["dnc add dnGl0ba1Ls bob@acme.com competitor.com"], sends: ["POST /v1/dnc"], destructive: false),
    CommandDescriptor(
        ["where"], "Keep the items for which a condition holds.", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("condition", .condition, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign list | where status == \"DRAFT\""], sends: [], destructive: false),
    CommandDescriptor(
        ["select"], "Keep only these fields.", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("field", .field, optional: false, repeating: true),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["get"], "Take the value at a path.", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("path", .field, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["sort-by"], "Sort by a field.", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("field", .field, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("reverse", .bool, "largest first", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["campaign list | sort-by name --reverse"], sends: [], destructive: false),
    CommandDescriptor(
        ["first"], "The first N items (default 1).", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("n", .integer, optional: true, repeating: false),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["last"], "The last N items (default 1).", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("n", .integer, optional: true, repeating: false),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["count"], "How many items.", category: .filter,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["length"], "How many items a list has, characters a text, or fields a record.", category: .filter,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: ["echo \"Q4 outreach\" | length"], sends: [], destructive: false),
    CommandDescriptor(
        ["each"], "Run a block for each item ($it).", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("block", .block, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["to"], "Render as json, yaml, csv or ndjson text.", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("format", .choice(["json", "yaml", "csv", "ndjson"]), optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["table"], "Render as a table.", category: .filter,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["open"], "Read a CSV, JSON, NDJSON or YAML file into values (CSV integers as numbers).", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("file", .file, optional: false, repeating: false),
        ],
        flags: [
            FlagDescriptor("raw", .bool, "keep every CSV field as text (ids with leading zeros are kept anyway)", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["save"], "Write the value to a file (format from its extension).", category: .filter,
        discussion: "",
        positionals: [
            PositionalDescriptor("file", .file, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["campaign list | save campaigns.csv"], sends: [], destructive: false),
    CommandDescriptor(
        ["help"], "Show the commands, or one command's usage; --json: the whole catalogue as JSON.", category: .shell,
        discussion: "",
        positionals: [
            PositionalDescriptor("command", .string, optional: true, repeating: true),
        ],
        flags: [
            FlagDescriptor("json", .bool, "the catalogue (or one command's entry) as JSON, for programs; see docs/catalog.md", secret: false, repeatable: false, required: false, requiredUnless: [], fields: [], aliases: [], default: nil),
        ],
        examples: ["help campaign new", "help --json", "help campaign new --json"], sends: [], destructive: false),
    CommandDescriptor(
        ["echo"], "Print values.", category: .shell,
        discussion: "",
        positionals: [
            PositionalDescriptor("value", .any, optional: true, repeating: true),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["env"], "Show the profile, provider, base URLs and variables (never keys).", category: .shell,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["profile", "list"], "List profiles.", category: .shell,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["profile", "use"], "Switch profile.", category: .shell,
        discussion: "",
        positionals: [
            PositionalDescriptor("name", .profile, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["version"], "Show wps's version.", category: .shell,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["history"], "Show the command history.", category: .shell,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["sleep"], "Wait a while (Ctrl-C ends it): 500ms, 2s, 1m.", category: .shell,
        discussion: "",
        positionals: [
            PositionalDescriptor("duration", .string, optional: false, repeating: false),
        ],
        flags: [
        ],
        examples: ["sleep 100ms"], sends: [], destructive: false),
    CommandDescriptor(
        ["clear"], "Clear the terminal screen.", category: .shell,
        discussion: "",
        positionals: [
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
    CommandDescriptor(
        ["exit"], "Leave the shell.", category: .shell,
        discussion: "",
        positionals: [
            PositionalDescriptor("code", .integer, optional: true, repeating: false),
        ],
        flags: [
        ],
        examples: [], sends: [], destructive: false),
])
