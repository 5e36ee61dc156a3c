import DomainCheck
import Foundation
import OutreachAPI
import WPSLanguage

/// The domains `domain check` looks at, from what it was given: domain names, mailbox files
/// (CSV, JSON, NDJSON; `-` for standard input) or mailbox records piped in.
///
/// A mailbox row is read through `mailbox import`'s column maps (Woodpecker's, then
/// Saleshandy's names and aliases): it gives the domain of its address (a sending domain, with
/// the service its SMTP host belongs to) and its tracking domains. Each domain comes once, in
/// first-seen order, with every use merged; a row that gives none is kept in ``skipped``.
struct DomainTargets {
    typealias Manual = ManualMailboxTarget.Field
    typealias Saleshandy = SaleshandyAccountTarget.Field

    /// The fields that name a tracking domain.
    static let trackingFields: [Manual] = [.open_tracking_domain, .click_tracking_domain, .unsubscribe_tracking_domain]
    /// Every column a row may use, for reading the source.
    static let known = ManualMailboxTarget.known.union(SaleshandyAccountTarget.known)

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
            let manual = ManualMailboxTarget.map.resolve(row, checking: false)
            let saleshandy = SaleshandyAccountTarget.map.resolve(row, checking: false)
            var gave = false
            let skippedBefore = skipped.count
            if let email = manual.text(.smtp_email) ?? saleshandy.text(.smtpEmailAddress) {
                let domain = email.lastIndex(of: "@").map { String(email[email.index(after: $0)...]) } ?? ""
                if Validation.isValidDomain(domain) {
                    let smtpHost = manual.text(.smtp_server) ?? saleshandy.text(.smtpHost)
                    let host = smtpHost.flatMap(SendingHost.serving(smtpHost:))
                    merge(DomainTarget(domain, sendingHosts: host.map { [$0] } ?? []))
                    gave = true
                } else {
                    skipped.append("\(place): '\(email)' has no domain to check")
                }
            }
            for field in Self.trackingFields {
                guard let value = manual.text(field) else { continue }
                let domain = Self.host(of: value)
                if Validation.isValidDomain(domain) {
                    merge(DomainTarget(domain, sends: false, trackingUses: [field.name]))
                    gave = true
                } else {
                    skipped.append("\(place): \(field.name) '\(value)' is not a domain")
                }
            }
            if !gave, skipped.count == skippedBefore {
                skipped.append("\(place): no address or tracking domain")
            }
        }
    }

    /// The columns read, as messages name them: `smtp_email, email, smtpEmailAddress`.
    static var columnsRead: String {
        let email = [Manual.smtp_email.name] + Manual.smtp_email.aliases + [Saleshandy.smtpEmailAddress.name]
        return (email + trackingFields.map(\.name)).joined(separator: ", ")
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
