import DomainCheck
import Foundation
import OutreachAPI
import WPSLanguage

/// The domains `domain check` looks at, from what it was given: domain names, mailbox files
/// (CSV, JSON, NDJSON; `-` for standard input) or mailbox records piped in.
///
/// A mailbox row is read through `mailbox import`'s column maps (each provider's names and
/// aliases, in registration order): it gives the domain of its address (a sending domain, with
/// the service its SMTP host belongs to) and its tracking domains. Each domain comes once, in
/// first-seen order, with every use merged; a row that gives none is kept in ``skipped``.
struct DomainTargets {
    /// Every column a row may use, for reading the source.
    static let known = ProviderKits.mailboxConnections.reduce(into: Set<String>()) { $0.formUnion($1.rowColumns) }

    private(set) var targets: [DomainTarget] = []
    /// The rows that gave no domain, and why: `boxes.csv:3: has 9 fields, the header has 8`.
    private(set) var skipped: [String] = []

    /// Adds a domain named on the line: a sending domain, or with `trackingUse` a tracking one.
    mutating func addDomain(_ name: String, trackingUse: String? = nil) {
        merge(DomainTarget(name, sends: trackingUse == nil, trackingUses: trackingUse.map { [$0] } ?? []))
    }

    /// Adds the domains of a mailbox file's rows (or of records).
    mutating func addMailboxes(_ source: ImportSource) throws {
        var reader = try source.rows(known: Self.known)
        while let row = try reader.next() {
            let place = "\(source.name):\(row.place)"
            if let problem = row.problem {
                skipped.append("\(place): \(problem)")
                continue
            }
            let fields = ProviderKits.mailboxConnections.map { $0.domainFields(of: row) }
            var gave = false
            let skippedBefore = skipped.count
            if let email = fields.lazy.compactMap(\.email).first {
                let domain = email.lastIndex(of: "@").map { String(email[email.index(after: $0)...]) } ?? ""
                if Validation.isValidDomain(domain) {
                    let smtpHost = fields.lazy.compactMap(\.smtpHost).first
                    let host = smtpHost.flatMap(SendingHost.serving(smtpHost:))
                    merge(DomainTarget(domain, sendingHosts: host.map { [$0] } ?? []))
                    gave = true
                } else {
                    skipped.append("\(place): '\(email)' has no domain to check")
                }
            }
            var seen: Set<String> = []
            for (field, value) in fields.flatMap(\.tracking) where seen.insert(field).inserted {
                let domain = Self.host(of: value)
                if Validation.isValidDomain(domain) {
                    merge(DomainTarget(domain, sends: false, trackingUses: [field]))
                    gave = true
                } else {
                    skipped.append("\(place): \(field) '\(value)' is not a domain")
                }
            }
            if !gave, skipped.count == skippedBefore {
                skipped.append("\(place): no address or tracking domain")
            }
        }
    }

    /// The columns read, as messages name them: `smtp_email, email, smtpEmailAddress`.
    static var columnsRead: String {
        let connections = ProviderKits.mailboxConnections
        return (connections.flatMap(\.domainColumns.email) + connections.flatMap(\.domainColumns.tracking))
            .joined(separator: ", ")
    }

    /// `https://track.example.com/x` → `track.example.com`.
    static func host(of text: String) -> String {
        var rest = Substring(text.trimmingCharacters(in: .whitespaces))
        if let scheme = rest.range(of: "://") { rest = rest[scheme.upperBound...] }
        if let slash = rest.firstIndex(of: "/") { rest = rest[..<slash] }
        return String(rest)
    }

    private mutating func merge(_ target: DomainTarget) {
        guard let index = targets.firstIndex(where: { $0.domain == target.domain }) else {
            targets.append(target)
            return
        }
        targets[index].sends = targets[index].sends || target.sends
        for use in target.trackingUses where !targets[index].trackingUses.contains(use) {
            targets[index].trackingUses.append(use)
        }
        for host in target.sendingHosts where !targets[index].sendingHosts.contains(host) {
            targets[index].sendingHosts.append(host)
        }
    }
}
