/// A domain to check and what it is used for: sending (its addresses' domain: MX, SPF, DMARC,
/// DKIM) and/or tracking (open, click, unsubscribe links: a CNAME or address).
public struct DomainTarget: Sendable, Equatable {
    /// Lower-cased, without a final dot.
    public let domain: String
    /// Whether mail is sent from addresses at the domain (a domain given by name is).
    public var sends: Bool
    /// The mailbox fields that name it as a tracking domain: `open_tracking_domain`, …
    public var trackingUses: [String]
    /// The services the mailboxes at the domain send through (by their SMTP hosts).
    public var sendingHosts: [SendingHost]

    public init(_ domain: String, sends: Bool = true, trackingUses: [String] = [], sendingHosts: [SendingHost] = []) {
        self.domain = domain.lowercased().trimmingSuffix(".")
        self.sends = sends
        self.trackingUses = trackingUses
        self.sendingHosts = sendingHosts
    }
}
