import OutreachAPI
import WPSLanguage

/// `campaign show`: a campaign drawn as a tree — START, then each EMAIL step with its window in
/// the notation and its versions A–E with subjects, each wait drawn between the two steps it
/// separates; ids dimmed on a terminal.
///
/// Given a width, every line fits it: an id at the end of a line is shortened (`3f2a9c1d…`), then
/// left out, before the line's own text is cut with `…`; the tree's stems are never cut.
enum CampaignTree {
    static func render(_ campaign: Campaign, dim: Bool, width: Int? = nil) -> String {
        let fitter = LineFitter(width: width, dim: dim)
        var lines: [String] = []
        let settings = campaign.settings
        var facts = [campaign.status.rawValue]
        if let zone = settings.timezone { facts.append(zone) }
        if let enroll = settings.daily_enroll { facts.append("\(enroll)/day") }
        let accounts = campaign.email_account_ids.map(String.init).joined(separator: ",")
        facts.append("accounts " + (accounts.isEmpty ? "none" : accounts))
        lines.append(fitter.header(campaign.name, id: "#\(campaign.id)", facts: facts.joined(separator: " · ")))
        let path = campaign.steps.path
        lines.append(fitter.fit("START", id: path.first?.id))
        for (index, step) in path.enumerated().dropFirst() {
            let isLast = index == path.count - 1
            let branch = isLast ? "└─ " : "├─ "
            let stem = isLast ? "   " : "│  "
            var head = "\(step.type.rawValue) \(index)"
            if let window = step.delivery_time { head += "  " + WindowNotation.format(window) }
            lines.append(fitter.fit(head, id: step.id, after: branch))
            for version in step.body?.versions ?? [] {
                let letter = version.version ?? "?"
                let subject = version.subject.flatMap { $0.isEmpty ? nil : "\"\($0)\"" } ?? "(no subject: same thread)"
                var extras: [String] = []
                if version.signature == .noSignature { extras.append("no signature") }
                if version.track_opens == true { extras.append("tracks opens") }
                let text =
                    "\(letter)  \(subject)" + (extras.isEmpty ? "" : "  (" + extras.joined(separator: ", ") + ")")
                lines.append(fitter.fit(text, id: version.id, after: stem + "  "))
            }
            // The step's followup_after is the wait between it and the next step: drawn between them.
            if !isLast { lines.append(fitter.fit("↓ wait " + waitText(step.followup_after), id: nil, after: "│  ")) }
            // The last step's own wait applies to a step added after it: said, not hidden.
            if isLast {
                lines.append(
                    fitter.fit(
                        "↓ wait " + waitText(step.followup_after) + " before a step added after it", id: nil,
                        after: "   "))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// `3 days`, `13 hours`; absent is the API's default, 1 day.
    static func waitText(_ after: FollowupAfter?) -> String {
        guard let after else { return "1 day" }
        let unit = after.range == .hour ? "hour" : "day"
        return "\(after.value) \(unit)\(after.value == 1 ? "" : "s")"
    }

    /// Fits one line of the tree to the width: `prefix` (the stems) kept, then the text, then the
    /// id (dimmed on a terminal).
    struct LineFitter {
        let width: Int?
        let dim: Bool

        func faint(_ text: String) -> String { dim ? "\u{1B}[2m\(text)\u{1B}[0m" : text }

        func fit(_ text: String, id: String?, after prefix: String = "") -> String {
            let room = width.map { $0 - DisplayWidth.of(prefix) }
            guard let id else { return prefix + cut(text, to: room) }
            guard let room else { return prefix + text + "  " + faint(id) }
            let used = DisplayWidth.of(text) + 2
            if used + DisplayWidth.of(id) <= room { return prefix + text + "  " + faint(id) }
            // An id is read by its first characters: 8 of them and `…` still name it on screen.
            let short = String(id.prefix(8)) + "…"
            if id.count > 9, used + DisplayWidth.of(short) <= room { return prefix + text + "  " + faint(short) }
            return prefix + cut(text, to: room)
        }

        /// `NAME  #ID  FACTS`: the facts are cut first, then the id goes, then the name is cut.
        func header(_ name: String, id: String, facts: String) -> String {
            guard let width else { return name + "  " + faint(id) + "  " + facts }
            let head = DisplayWidth.of(name) + 2 + DisplayWidth.of(id)
            if head + 2 + DisplayWidth.of(facts) <= width { return name + "  " + faint(id) + "  " + facts }
            if head + 2 + 4 <= width { return name + "  " + faint(id) + "  " + cut(facts, to: width - head - 2) }
            if head <= width { return name + "  " + faint(id) }
            return cut(name, to: width)
        }

        func cut(_ text: String, to room: Int?) -> String {
            guard let room else { return text }
            return TableRenderer.cut(text, to: max(room, 1))
        }
    }
}
