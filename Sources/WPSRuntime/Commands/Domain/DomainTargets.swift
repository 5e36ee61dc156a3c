import DomainCheck
import Foundation
import WPSLanguage

/// The domains `domain check` looks at, from what it was given: domain names, mailbox files
/// (CSV, JSON, NDJSON; `-` for standard input) or mailbox records piped in.
///
/// A mailbox gives the domain of its address (a sending domain, with the service its SMTP host
/// belongs to) and its tracking domains. Each domain comes once, in first-seen order, with every
/// use merged.
struct DomainTargets {
    /// The mailbox columns that name a tracking domain.
    static let trackingColumns = ["open_tracking_domain", "click_tracking_domain", "unsubscribe_tracking_domain"]
    static let emailColumns = ["smtp_email", "email", "smtpemailaddress"]
    static let smtpHostColumns = ["smtp_server", "host", "smtp_host", "smtphost"]

    private(set) var targets: [DomainTarget] = []

    /// Adds a domain named on the line.
    mutating func addDomain(_ name: String) {
        merge(DomainTarget(name))
    }

    /// Adds the domains of a mailbox file's rows (or of records).
    mutating func addMailboxes(_ source: ImportSource) throws {
        var reader = try source.rows(known: ManualMailboxTarget.map.known)
        while let row = try reader.next() {
            guard row.problem == nil else { continue }
            if let email = row.value(Self.emailColumns), let at = email.lastIndex(of: "@") {
                let domain = String(email[email.index(after: at)...])
                if DomainTarget.looksLikeDomain(domain) {
                    let host = row.value(Self.smtpHostColumns).flatMap(SendingHost.serving(smtpHost:))
                    merge(DomainTarget(domain, sendingHosts: host.map { [$0] } ?? []))
                }
            }
            for column in Self.trackingColumns {
                guard let value = row.value([column]) else { continue }
                let domain = Self.host(of: value)
                if DomainTarget.looksLikeDomain(domain) {
                    merge(DomainTarget(domain, sends: false, trackingUses: [column]))
                }
            }
        }
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
