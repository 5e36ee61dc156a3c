import DomainCheck
import Foundation
import OutreachAPI
import WPSLanguage

/// `domain check DOMAIN…|FILE|-`: MX, SPF, DMARC and DKIM of sending domains and the CNAME of
/// tracking domains, one record per domain; exit 1 when a check fails unless `--allow-failures`.
///
/// It sends no API request, so it runs without a profile or key.
enum DomainCheckCommand {
    static let targets = Positional<Value>(
        "domain", .file, what: "a domain, a mailbox file or -", optional: true, repeating: true, read: .value)
    static let dkimSelector = Flag<String>(
        "dkim-selector", .string,
        "a DKIM selector to look for; repeatable (default: \(DomainChecker.commonDKIMSelectors.joined(separator: ", ")))",
        repeatable: true)
    static let dnsServer = Flag<String>(
        "dns-server", .string,
        "ask this name server, HOST[:PORT] with HOST an IPv4 address, instead of the system's resolver (default: $WPS_DNS_SERVER)"
    )
    static let tracking = Flag<String>(
        "tracking", .string,
        "a tracking domain (open, click, unsubscribe links) to check: it needs an address, directly or through a CNAME; repeatable",
        repeatable: true)
    static let allowFailures = Flag<Bool>("allow-failures", "exit 0 even when a check fails")

    /// The environment variable that names the default `--dns-server`.
    static let dnsServerVariable = "WPS_DNS_SERVER"

    static let definition = CommandDefinition(
        ["domain", "check"],
        "Check the DNS of sending and tracking domains: MX, SPF, DMARC, DKIM, tracking CNAMEs.",
        category: .api,
        discussion:
            "Give domains, or a mailbox file (CSV/JSON/NDJSON, - for stdin, or mailbox records piped in): then the "
            + "domains of its addresses and its open/click/unsubscribe tracking domains are checked. One record per "
            + "domain with a verdict (ok, warn, fail) per check and a hint per problem. SPF: one v=spf1 record, its "
            + "DNS lookups counted through includes (at most 10), +all/?all/no all flagged, and the include of the "
            + "mailboxes' sending service (Google, Microsoft 365, …) present. DMARC: _dmarc.DOMAIN, its p= policy "
            + "and rua (else the organizational domain's, inherited). DKIM: each selector found or not and its key "
            + "parsed. Tracking: an address, directly or through a CNAME. Asks the system's resolver unless "
            + "--dns-server (or $WPS_DNS_SERVER) names one, waiting 2 s for each answer and asking twice; a server that "
            + "does not answer the first query is one error (exit 1) and no domain is checked. Sends no API request, "
            + "so it needs no profile.",
        positionals: [targets], flags: [dkimSelector, dnsServer, tracking, allowFailures],
        examples: [
            "domain check example.com", "domain check boxes.csv --dkim-selector google",
            "domain check example.com --tracking track.example.com",
        ],
        tests: [
            "e2e:test_domain_check.py::test_a_good_domain_is_ok_everywhere",
            "e2e:test_domain_check.py::test_a_mailbox_file_checks_its_domains_and_shows_the_tracking_cname",
        ]
    ) { invocation, interpreter in
        let server = try dnsServer(invocation)
        let selectors = try dkimSelectors(invocation)
        let collected = try domainTargets(invocation)
        let resolver = DNSResolver(server: server)
        try await probe(resolver, asking: collected[0].domain, invocation)
        let checker = DomainChecker(dns: resolver, dkimSelectors: selectors)
        let reports = await checker.check(collected)
        let value = Value.list(reports.map(record))
        let failed = reports.filter { $0.verdict == .fail }
        if !failed.isEmpty, invocation[allowFailures] != true {
            let problems = failed.flatMap { report in
                report.checks.filter { $0.verdict == .fail }.flatMap { check in
                    check.hints.map { "\(report.domain) \(check.kind.rawValue): \($0)" }
                }
            }
            var error = RuntimeError(
                "\(failed.count) of \(reports.count) domain\(reports.count == 1 ? "" : "s") failed a check:\n  "
                    + problems.joined(separator: "\n  ") + "\n--allow-failures carries on",
                at: invocation.command.range, exitCode: 1)
            error.result = value
            throw error
        }
        return value
    }

    /// `--dns-server`, else `$WPS_DNS_SERVER`, else nil (the system's resolver).
    static func dnsServer(_ invocation: Invocation) throws -> DNSServer? {
        let given = invocation[dnsServer]
        guard
            let text = given
                ?? ProcessInfo.processInfo.environment[dnsServerVariable].flatMap({ $0.isEmpty ? nil : $0 })
        else { return nil }
        guard let server = DNSServer(text) else {
            let origin = given == nil ? "$\(dnsServerVariable)" : "--dns-server"
            throw RuntimeError(
                "\(origin) must be HOST[:PORT] with HOST an IPv4 address (127.0.0.1:5353), got '\(text)'",
                at: given == nil ? invocation.command.range : invocation.range(of: dnsServer))
        }
        return server
    }

    /// `--dkim-selector`s, each a DNS name (labels of letters, digits, `-` and `_`).
    static func dkimSelectors(_ invocation: Invocation) throws -> [String] {
        let selectors = invocation.all(dkimSelector)
        for selector in selectors where !isSelector(selector) {
            throw RuntimeError(
                "--dkim-selector must be a DNS label such as google or s1 (letters, digits, - and _, dots between), "
                    + "got '\(selector)'",
                at: invocation.range(of: dkimSelector))
        }
        return selectors
    }

    static func isSelector(_ text: String) -> Bool {
        let labels = text.split(separator: ".", omittingEmptySubsequences: false)
        return text.utf8.count <= 253
            && labels.allSatisfy { label in
                (1...63).contains(label.utf8.count)
                    && label.unicodeScalars.allSatisfy {
                        $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-" || $0 == "_")
                    }
            }
    }

    /// One query before the checks: a server that does not answer it would fail every check
    /// of every domain, each with its own hint, when what failed is DNS.
    static func probe(_ resolver: DNSResolver, asking domain: String, _ invocation: Invocation) async throws {
        do { _ = try await resolver.lookup(domain, .mx) } catch let error as DNSError where error.isNoAnswer {
            let advice =
                resolver.server == nil
                ? "check the network, or name a server with --dns-server HOST[:PORT]"
                : "check that it runs and serves \(domain)"
            throw RuntimeError(
                "DNS server \(resolver.serverName) does not answer (asked \(error.query): timeout, SERVFAIL or REFUSED, "
                    + "twice, 2 s each): no domain was checked; \(advice)",
                at: invocation.command.range, exitCode: 1)
        } catch {
            // Any other failure is the domain's, reported by its checks.
        }
    }

    /// The domains the arguments (or the piped records) name.
    static func domainTargets(_ invocation: Invocation) throws -> [DomainTarget] {
        var collected = DomainTargets()
        let given = invocation.all(targets)
        let trackingDomains = invocation.all(tracking)
        var fromRecords = false
        if given.isEmpty {
            switch invocation.input {
            case .list(let items) where !items.isEmpty:
                fromRecords = true
                try add(items, to: &collected, invocation)
            case .record, .string:
                fromRecords = true
                try add([invocation.input], to: &collected, invocation)
            default:
                guard !trackingDomains.isEmpty else {
                    throw RuntimeError(
                        "domain check needs DOMAIN…, a mailbox FILE, - (stdin), mailbox records piped in, or --tracking",
                        at: invocation.command.range)
                }
            }
        } else {
            try add(given, to: &collected, invocation)
        }
        for text in trackingDomains {
            let domain = DomainTargets.host(of: text)
            guard Validation.isValidDomain(domain) else {
                throw RuntimeError(
                    "--tracking must be a domain name such as track.example.com, got '\(text)'",
                    at: invocation.range(of: tracking))
            }
            collected.addDomain(domain, trackingUse: "--tracking")
        }
        guard !collected.targets.isEmpty else {
            let what = fromRecords ? "the records have" : "the file has"
            let rows = collected.skipped.prefix(5).joined(separator: "\n  ")
            throw RuntimeError(
                "no domain to check: \(what) no address or tracking domain (looked for \(DomainTargets.columnsRead)"
                    + (fromRecords ? ", and details.email of mailbox records" : "") + ")"
                    + (rows.isEmpty ? "" : ":\n  " + rows)
                    + (collected.skipped.count > 5 ? "\n  … and \(collected.skipped.count - 5) more" : ""),
                at: given.isEmpty ? invocation.command.range : invocation.range(of: targets))
        }
        // Rows that gave nothing are said, not dropped in silence.
        for row in collected.skipped {
            FileHandle.standardError.write(Data("warning: domain check skips \(row)\n".utf8))
        }
        return collected.targets
    }

    private static func add(_ values: [Value], to collected: inout DomainTargets, _ invocation: Invocation) throws {
        let records = values.flatMap { $0.items }.compactMap { value -> Value? in
            guard case .record(let record) = value else { return nil }
            return .record(mailboxFields(record))
        }
        if !records.isEmpty { try mailboxes(.records(records), into: &collected, invocation) }
        for value in values.flatMap(\.items) {
            if case .record = value { continue }
            let text = value.text
            var isDirectory: ObjCBool = false
            if text == "-" {
                try mailboxes(
                    .standardInput(FileHandle.standardInput.readDataToEndOfFile()), into: &collected, invocation)
            } else if FileManager.default.fileExists(atPath: text, isDirectory: &isDirectory), !isDirectory.boolValue {
                let source: ImportSource
                do { source = try .file(text) } catch {
                    throw RuntimeError(error.message, at: invocation.range(of: targets))
                }
                try mailboxes(source, into: &collected, invocation)
            } else if Validation.isValidDomain(text.hasSuffix(".") ? String(text.dropLast()) : text) {
                collected.addDomain(text)
            } else {
                throw RuntimeError(
                    "'\(text)' is neither a domain name nor a file", at: invocation.range(of: targets))
            }
        }
    }

    private static func mailboxes(_ source: ImportSource, into collected: inout DomainTargets, _ invocation: Invocation)
        throws
    {
        do { try collected.addMailboxes(source) } catch let error as RuntimeError {
            throw RuntimeError(error.message, at: invocation.range(of: targets))
        }
    }

    /// A record of `mailbox list` (`{id, type, details: {email, server, …}}`) as the import's
    /// columns (`email`, and `host` for the SMTP entry, whose server is the SMTP host); any other
    /// record as it is.
    static func mailboxFields(_ record: Record) -> Record {
        guard case .record(let details)? = record["details"], record["email"] == nil, record["smtp_email"] == nil
        else { return record }
        var fields = Record()
        if let email = details["email"] { fields["email"] = email }
        if record["type"]?.text.uppercased() != "IMAP", let server = details["server"] { fields["host"] = server }
        return fields
    }

    /// A report as the record the command returns: the verdicts as columns, then every hint
    /// (`spf: …`), then what each check found.
    static func record(_ report: DomainReport) -> Value {
        var record: Record = ["domain": .string(report.domain), "verdict": .string(report.verdict.rawValue)]
        for kind in CheckKind.allCases {
            let verdict: Value = report[kind].map { .string($0.verdict.rawValue) } ?? .null
            record[kind.rawValue] = verdict
        }
        record["hints"] = .list(
            report.checks.flatMap { check in check.hints.map { .string("\(check.kind.rawValue): \($0)") } })
        var found = Record()
        for check in report.checks { found[check.kind.rawValue] = .string(check.found) }
        record["found"] = .record(found)
        return .record(record)
    }
}
