import Foundation
import OutreachAPI

/// One webhook event the sandbox's sending produced: its name, when it happened (sandbox clock),
/// and the message it is about. Worked out from ``AccountSending/messages``, never stored
/// (docs/contract/webhooks.md, proposals 4 and 5).
struct SandboxEvent: Sendable {
    var name: String
    var time: Double
    var message: SentMessage

    /// The events of `messages` that happened in (`since`, `upTo`], of the kinds in `wanted`, in
    /// the order of time, then prospect, then step; with `completions` (by campaign id), each
    /// campaign's `campaign_completed`, about its last message.
    static func events(
        _ messages: [SentMessage], completions: [Int: Double] = [:], since: Double, upTo: Double,
        wanted: Set<String>
    ) -> [SandboxEvent] {
        var result: [SandboxEvent] = []
        func add(_ name: String, _ time: Double?, _ message: SentMessage) {
            guard let time, time > since, time <= upTo, wanted.contains(name) else { return }
            result.append(SandboxEvent(name: name, time: time, message: message))
        }
        for message in messages {
            add("campaign_sent", message.sentAt, message)
            if message.bounced { add("prospect_bounced", message.sentAt, message) }
            add("email_opened", message.openedAt, message)
            add("link_clicked", message.clickedAt, message)
            if let replied = message.repliedAt {
                add("prospect_replied", replied, message)
                switch message.interest {
                case .interested?: add("prospect_interested", replied, message)
                case .maybeLater?: add("prospect_maybe_later", replied, message)
                case .notInterested?: add("prospect_not_interested", replied, message)
                case nil: break
                }
            }
            if message.optedOut {
                let time = message.sentAt + SendingRule.Rates.optOutDelay
                add("prospect_opt_out", time, message)
                add("prospect_blacklisted", time, message)
            }
        }
        if wanted.contains("campaign_completed") {
            var last: [Int: SentMessage] = [:]
            for message in messages where completions[message.campaignID] != nil {
                if let known = last[message.campaignID], known.sentAt >= message.sentAt { continue }
                last[message.campaignID] = message
            }
            for (campaign, time) in completions {
                if let message = last[campaign] { add("campaign_completed", time, message) }
            }
        }
        return result.sorted {
            ($0.time, $0.message.prospectID, $0.message.stepIndex) < (
                $1.time, $1.message.prospectID, $1.message.stepIndex
            )
        }
    }

    /// The payload the API would POST for this event: `method`, `prospect`, `timestamp`,
    /// `firm_id`, and the event's own keys.
    func payload(prospect: Prospect?, campaign: SendingCampaign?, firmID: Int) -> [String: Any] {
        var person: [String: Any] = ["id": message.prospectID, "email": prospect?.email ?? ""]
        if let prospect {
            for (index, column) in Prospect.columns.enumerated() where index < prospect.values.count {
                person[column] = prospect.values[index]
            }
        }
        let status: String =
            switch name {
            case "prospect_replied", "prospect_interested", "prospect_maybe_later", "prospect_not_interested":
                "REPLIED"
            case "prospect_bounced": "BOUNCED"
            case "prospect_opt_out", "prospect_blacklisted": "BLACKLIST"
            default: "ACTIVE"
            }
        person["status"] = status
        person["interested"] = message.repliedAt.flatMap { _ in message.interest?.rawValue } ?? ""
        person["campaign_id"] = message.campaignID
        person["campaign_name"] = campaign?.name ?? ""
        person["campaign_email"] = message.mailbox
        person["campaign_emails"] = campaign?.mailboxes ?? []
        person["step"] = message.stepIndex
        person["step_type"] = "EMAIL"
        person["last_contacted"] = SandboxTime.v1Text(message.sentAt)
        var body: [String: Any] = [
            "method": name, "prospect": person, "timestamp": SandboxTime.v1Text(time), "firm_id": firmID,
        ]
        if name == "campaign_completed" {
            body["campaign"] = ["id": message.campaignID, "name": campaign?.name ?? "", "status": "COMPLETED"]
        }
        let subject = "Step \(message.stepIndex) (\(message.version))"
        switch name {
        case "prospect_replied":
            body["email"] = [
                "id": replyID, "mail_id": messageID, "subject": "Re: " + subject,
                "sender": prospect?.email ?? "", "email": prospect?.email ?? "",
                "date": SandboxTime.v1Text(time), "message": "<p>Thanks for writing. (sandbox reply)</p>",
            ]
        case "campaign_sent":
            body["email"] = [
                "id": messageID, "campaign_id": message.campaignID,
                "message_id": "<\(message.campaignID).\(message.prospectID).\(message.stepIndex)@sandbox.invalid>",
                "email_from": message.mailbox, "email_to": prospect?.email ?? "", "subject": subject,
                "sent": SandboxTime.v1Text(message.sentAt), "host": "sandbox.invalid", "step": message.stepIndex,
            ]
        case "link_clicked":
            body["click_url"] = "https://example.com/"
            body["step"] = message.stepIndex
            body["email_no"] = "#\(message.stepIndex)"
        default:
            break
        }
        return body
    }

    /// A stable id for the message (campaign, prospect and step).
    private var messageID: Int {
        (message.campaignID % 100_000) * 1_000_000 + message.prospectID % 1_000_000 + message.stepIndex
    }
    private var replyID: Int { messageID * 10 + 1 }
}
