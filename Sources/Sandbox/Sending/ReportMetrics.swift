import OutreachAPI

/// The general-statistics counts of a group of messages (a campaign and mailbox, or a step and
/// version), each counting distinct prospects, and their rates (docs/contract/reports.md).
struct ReportMetrics: Sendable, Hashable {
    /// What happened to one prospect within the group.
    struct Flags: OptionSet, Sendable, Hashable {
        let rawValue: UInt16
        static let bounced = Flags(rawValue: 1 << 0)
        static let opened = Flags(rawValue: 1 << 1)
        static let clicked = Flags(rawValue: 1 << 2)
        static let optedOut = Flags(rawValue: 1 << 3)
        static let responded = Flags(rawValue: 1 << 4)
        static let interested = Flags(rawValue: 1 << 5)
        static let maybeLater = Flags(rawValue: 1 << 6)
        static let notInterested = Flags(rawValue: 1 << 7)
        /// The three interest levels, of which a prospect has at most one.
        static let interestLevels: Flags = [.interested, .maybeLater, .notInterested]

        /// The events of one message.
        init(_ message: SentMessage) {
            var flags: Flags = []
            if message.bounced { flags.insert(.bounced) }
            if message.openedAt != nil { flags.insert(.opened) }
            if message.clickedAt != nil { flags.insert(.clicked) }
            if message.optedOut { flags.insert(.optedOut) }
            if message.repliedAt != nil { flags.insert(.responded) }
            switch message.interest {
            case .interested: flags.insert(.interested)
            case .maybeLater: flags.insert(.maybeLater)
            case .notInterested: flags.insert(.notInterested)
            case nil: break
            }
            self = flags
        }

        init(rawValue: UInt16) { self.rawValue = rawValue }
    }

    var contacted = 0
    var bounced = 0
    var opened = 0
    var clicked = 0
    var optedOut = 0
    var responded = 0
    var interested = 0
    var maybeLater = 0
    var notInterested = 0

    /// Prospects that were not bounced.
    var delivered: Int { contacted - bounced }

    /// The counts of the prospects whose events are `flags` (one entry per prospect).
    init(_ flags: some Sequence<Flags>) {
        for prospect in flags {
            contacted += 1
            if prospect.contains(.bounced) { bounced += 1 }
            if prospect.contains(.opened) { opened += 1 }
            if prospect.contains(.clicked) { clicked += 1 }
            if prospect.contains(.optedOut) { optedOut += 1 }
            if prospect.contains(.responded) { responded += 1 }
            if prospect.contains(.interested) { interested += 1 }
            if prospect.contains(.maybeLater) { maybeLater += 1 }
            if prospect.contains(.notInterested) { notInterested += 1 }
        }
    }

    /// The values of ``ReportKind/metrics``, in that order: rates as `"5.2%"`, bounces over
    /// contacted prospects, opens and responses over delivered ones.
    var values: [JSONValue] {
        [
            .number(Double(contacted)), .number(Double(bounced)), .string(Self.rate(bounced, of: contacted)),
            .number(Double(opened)), .string(Self.rate(opened, of: delivered)), .number(Double(clicked)),
            .number(Double(optedOut)), .number(Double(delivered)), .number(Double(responded)),
            .string(Self.rate(responded, of: delivered)), .number(Double(interested)), .number(Double(maybeLater)),
            .number(Double(notInterested)),
        ]
    }

    /// `part / whole` as a percentage with one decimal, rounded half up (`"5.2%"`); `"0.0%"`
    /// when `whole` is 0.
    static func rate(_ part: Int, of whole: Int) -> String {
        guard whole > 0, part >= 0 else { return "0.0%" }
        let tenths = (part * 1_000 + whole / 2) / whole
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
