import Foundation
import OutreachAPI

/// Turns request bodies into stored campaigns the way the API answers them: ids on every step
/// and version, version letters in order, documented defaults filled in, a null subject as
/// `""`, and the whole day written `00:00–00:00`.
enum CampaignBuilder {
    /// Markers in a campaign's name that make the sandbox behave like a campaign built in the
    /// Woodpecker editor (documented in the README as sandbox rules).
    static let unsupportedFeaturesMarker = "[editor]"
    static let activeWorkflowMarker = "[workflow]"

    static func campaign(id: Int, from draft: CampaignDraft, root: Step) -> Campaign {
        Campaign(
            id: id, name: name(draft.name, id: id), status: .draft, email_account_ids: draft.email_account_ids ?? [],
            settings: settings(draft.settings), steps: materialize(root))
    }

    static func name(_ name: String?, id: Int) -> String {
        guard let name, !name.isEmpty else { return "My campaign \(id)" }
        return name
    }

    static func settings(_ settings: CampaignSettings?, over current: CampaignSettings? = nil) -> CampaignSettings {
        CampaignSettings(
            timezone: settings?.timezone ?? current?.timezone,
            prospect_timezone: settings?.prospect_timezone ?? current?.prospect_timezone ?? false,
            daily_enroll: settings?.daily_enroll ?? current?.daily_enroll,
            gdpr_unsubscribe: settings?.gdpr_unsubscribe ?? current?.gdpr_unsubscribe ?? false,
            list_unsubscribe: settings?.list_unsubscribe ?? current?.list_unsubscribe ?? false)
    }

    /// Assigns ids and fills defaults on a step and everything after it.
    static func materialize(_ step: Step) -> Step {
        var result = step
        result.id = stepID()
        if step.type == .email {
            result.delivery_time = step.delivery_time.map(normalize)
            result.followup_after = step.followup_after ?? .default
            result.body = step.body.map { body in
                StepBody(
                    versions: body.versions.enumerated().map { index, version in
                        var copy = version
                        copy.id = versionID()
                        copy.version = EmailVersion.letters[min(index, EmailVersion.letters.count - 1)]
                        copy.subject = version.subject ?? ""
                        return copy
                    })
            }
        }
        result.followup = step.followup.map(materialize)
        return result
    }

    static func normalize(_ deliveryTime: DeliveryTime) -> DeliveryTime {
        var result = deliveryTime
        for (day, windows) in deliveryTime.days {
            result[day] = windows.map {
                $0.from == "00:00" && $0.to == "24:00" ? TimeWindow(from: "00:00", to: "00:00") : $0
            }
        }
        return result
    }

    /// Rebuilds a single-path step tree from its steps in order.
    static func chain(_ steps: [Step]) -> Step? {
        var next: Step?
        for var step in steps.reversed() {
            step.followup = next
            next = step
        }
        return next
    }

    /// The campaign as a create request, to check it against the documented rules on run.
    static func draft(of campaign: Campaign) -> CampaignDraft {
        func strip(_ step: Step) -> Step {
            var copy = step
            copy.id = nil
            copy.body = step.body.map { body in
                StepBody(
                    versions: body.versions.map { version in
                        var v = version
                        v.id = nil
                        v.version = nil
                        return v
                    })
            }
            copy.followup = step.followup.map(strip)
            return copy
        }
        return CampaignDraft(
            name: campaign.name, email_account_ids: campaign.email_account_ids, settings: campaign.settings,
            steps: strip(campaign.steps))
    }

    static func usesABTesting(_ step: Step) -> Bool {
        step.path.contains { ($0.body?.versions.count ?? 0) > 1 }
    }

    static func stepID() -> String { UUID().uuidString.lowercased() }

    static func versionID() -> String {
        (UUID().uuidString + UUID().uuidString).replacingOccurrences(of: "-", with: "").lowercased()
    }
}
