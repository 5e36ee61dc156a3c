import OutreachAPI

/// The rows of each report, computed from sent messages: the values of each row in
/// ``ReportKind/columns`` order (docs/contract/reports.md, gap 29 for the keys of the last three).
///
/// Only messages sent (by their UTC day) from `fromDay` to `toDay`, both included, count, and
/// events count against the day the message was sent.
enum ReportRows {
    /// The rows of `kind`; `campaigns` gives each campaign's name and status.
    static func rows(
        _ kind: ReportKind, messages: [SentMessage], campaigns: [Int: SendingCampaign], fromDay: Int, toDay: Int
    ) -> [[JSONValue]] {
        let perDay = Double(DeliverySchedule.secondsPerDay)
        let inPeriod = messages.lazy.filter {
            let day = Int(($0.sentAt / perDay).rounded(.down))
            return day >= fromDay && day <= toDay
        }
        func name(_ id: Int) -> JSONValue { .string(campaigns[id]?.name ?? "") }
        func status(_ id: Int) -> JSONValue { .string(campaigns[id]?.status ?? "") }
        func day(_ message: SentMessage) -> Int { Int((message.sentAt / perDay).rounded(.down)) }
        let main = JSONValue.string("main")
        switch kind {
        case .campaigns:
            let groups = distinctProspects(inPeriod) { Key(campaign: $0.campaignID, mailbox: $0.mailbox) }
            return groups.keys.sorted().map { key in
                [.number(Double(key.campaign)), name(key.campaign), status(key.campaign), .string(key.mailbox)]
                    + ReportMetrics(groups[key, default: [:]].values).values
            }
        case .complete_statistics_for_each_level_of_campaign:
            let groups = distinctProspects(inPeriod) {
                Key(campaign: $0.campaignID, step: $0.stepIndex, version: $0.version)
            }
            return groups.keys.sorted().map { key in
                [
                    .number(Double(key.campaign)), name(key.campaign), status(key.campaign),
                    .number(Double(key.step)), .string(key.version),
                ] + ReportMetrics(groups[key, default: [:]].values).values
            }
        case .messages:
            var sent: [Key: Int] = [:]
            for message in inPeriod {
                let key = Key(
                    campaign: message.campaignID, day: day(message), step: message.stepIndex, version: message.version)
                sent[key, default: 0] += 1
            }
            return sent.keys.sorted().map { key in
                [
                    .number(Double(key.campaign)), name(key.campaign), .string(Validation.date(ofDay: key.day)), main,
                    .number(Double(key.step)), .string(key.version), .number(Double(sent[key, default: 0])),
                ]
            }
        case .open_rate:
            var counts: [Key: (sent: Int, opened: Int)] = [:]
            for message in inPeriod {
                let key = Key(
                    campaign: message.campaignID, day: day(message), mailbox: message.mailbox, step: message.stepIndex,
                    version: message.version)
                counts[key, default: (0, 0)].sent += 1
                if message.openedAt != nil { counts[key, default: (0, 0)].opened += 1 }
            }
            return counts.keys.sorted().map { key in
                let count = counts[key] ?? (0, 0)
                return [
                    .number(Double(key.campaign)), name(key.campaign), .string(Validation.date(ofDay: key.day)),
                    .string(key.mailbox), main, .number(Double(key.step)), .string(key.version),
                    .number(Double(count.sent)), .number(Double(count.opened)),
                    .string(ReportMetrics.rate(count.opened, of: count.sent)),
                ]
            }
        }
    }

    /// Each group's prospects with the events of their messages in it. A prospect has one
    /// interest level: its latest reply's (one who replied twice, interested and then not, is
    /// counted once, as not interested), so the three levels never add up to more than
    /// `responded`.
    static func distinctProspects(
        _ messages: some Sequence<SentMessage>, _ key: (SentMessage) -> Key
    ) -> [Key: [Int: ReportMetrics.Flags]] {
        var groups: [Key: [Int: (flags: ReportMetrics.Flags, lastReply: Double)]] = [:]
        for message in messages {
            var entry = groups[key(message)]?[message.prospectID] ?? ([], -.infinity)
            var events = ReportMetrics.Flags(message)
            if let replied = message.repliedAt, replied >= entry.lastReply {
                entry.flags.subtract(.interestLevels)
                entry.lastReply = replied
            } else {
                events.subtract(.interestLevels)
            }
            entry.flags.formUnion(events)
            groups[key(message), default: [:]][message.prospectID] = entry
        }
        return groups.mapValues { $0.mapValues(\.flags) }
    }

    /// A group of a report, ordered by campaign id, then day, mailbox, step and version.
    struct Key: Hashable, Comparable {
        var campaign: Int
        var day = 0
        var mailbox = ""
        var step = 0
        var version = ""

        static func < (lhs: Key, rhs: Key) -> Bool {
            (lhs.campaign, lhs.day, lhs.mailbox, lhs.step, lhs.version)
                < (rhs.campaign, rhs.day, rhs.mailbox, rhs.step, rhs.version)
        }
    }
}
