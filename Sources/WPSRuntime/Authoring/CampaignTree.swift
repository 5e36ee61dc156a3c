import OutreachAPI

/// `campaign show`: a campaign drawn as a tree — START, then each EMAIL step with its window in
/// the notation and its versions A–E with subjects, each wait drawn between the two steps it
/// separates; ids dimmed on a terminal.
enum CampaignTree {
    static func render(_ campaign: Campaign, dim: Bool) -> String {
        func faint(_ text: String) -> String { dim ? "\u{1B}[2m\(text)\u{1B}[0m" : text }
        var lines: [String] = []
        let settings = campaign.settings
        var facts = [campaign.status.rawValue]
        if let zone = settings.timezone { facts.append(zone) }
        if let enroll = settings.daily_enroll { facts.append("\(enroll)/day") }
        facts.append("accounts " + (campaign.email_account_ids.isEmpty ? "none" : campaign.email_account_ids.map(String.init).joined(separator: ",")))
        lines.append("\(campaign.name)  " + faint("#\(campaign.id)") + "  " + facts.joined(separator: " · "))
        let path = campaign.steps.path
        lines.append("START" + (path.first?.id.map { "  " + faint($0) } ?? ""))
        for (index, step) in path.enumerated().dropFirst() {
            let isLast = index == path.count - 1
            let branch = isLast ? "└─ " : "├─ "
            let stem = isLast ? "   " : "│  "
            var head = "\(branch)\(step.type.rawValue) \(index)"
            if let window = step.delivery_time { head += "  " + WindowNotation.format(window) }
            if let id = step.id { head += "  " + faint(id) }
            lines.append(head)
            for version in step.body?.versions ?? [] {
                let letter = version.version ?? "?"
                let subject = version.subject.flatMap { $0.isEmpty ? nil : "\"\($0)\"" } ?? "(no subject: same thread)"
                var extras: [String] = []
                if version.signature == .noSignature { extras.append("no signature") }
                if version.track_opens == true { extras.append("tracks opens") }
                lines.append(stem + "  \(letter)  \(subject)" + (extras.isEmpty ? "" : "  (" + extras.joined(separator: ", ") + ")") + (version.id.map { "  " + faint($0) } ?? ""))
            }
            // The step's followup_after is the wait between it and the next step: drawn between them.
            if !isLast { lines.append("│  ↓ wait " + waitText(step.followup_after)) }
            // The last step's own wait applies to a step added after it: said, not hidden.
            if isLast { lines.append("   ↓ wait " + waitText(step.followup_after) + " before a step added after it") }
        }
        return lines.joined(separator: "\n")
    }

    /// `3 days`, `13 hours`; absent is the API's default, 1 day.
    static func waitText(_ after: FollowupAfter?) -> String {
        guard let after else { return "1 day" }
        let unit = after.range == .hour ? "hour" : "day"
        return "\(after.value) \(unit)\(after.value == 1 ? "" : "s")"
    }
}
