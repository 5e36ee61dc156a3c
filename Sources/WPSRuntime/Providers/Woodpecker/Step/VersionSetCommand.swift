import OutreachAPI
import WPSLanguage

/// `version set STEP VERSION …`: changes one A/B version of an email step (by id or letter).
enum VersionSetCommand {
    static let step = Positional<String>("step", .stepID, what: "STEP_ID", read: .text)
    static let version = Positional<String>("version", .versionID, what: "VERSION (an id or a letter A–E)", read: .text)
    static let subject = Flag<String>("subject", .string, "the subject", fields: ["subject"], read: .snippetText)
    static let message = Flag<String>(
        "message", .string, "the message, or @file.html / @file.md", fields: ["message"], read: .messageBody)
    static let signature = Flag<Signature>(
        "signature", .signature, "SENDER or NO_SIGNATURE", fields: ["signature"], read: .signature)
    static let trackOpens = Flag<Bool>("track-opens", "track opens", fields: ["track_opens"])

    static let definition = CommandDefinition(
        ["version", "set"], "Change one version of an email step.", category: .api, positionals: [step, version],
        flags: [SharedFlags.campaign, subject, message, signature, trackOpens],
        examples: [
            #"let c = campaign get 777001; version set $c.steps.followup.id A --subject "Quick question, {{FIRST_NAME}}""#
        ],
        sends: ["PATCH campaigns/{id}/steps/{step_id}/versions/{version_id}"], tests: ["transcript:commands"]
    ) { invocation, interpreter in
        let session = try interpreter.connection(for: invocation)
        let command = invocation.command
        let stepID = try invocation.required(step)
        let letterOrID = try invocation.required(version)
        let campaignID = try session.memory.campaignID(
            forStep: stepID, given: invocation[SharedFlags.campaign], at: command.range)
        var versionID = letterOrID
        if EmailVersion.letters.contains(letterOrID.uppercased()) {
            let campaign = try await session.connection.send(Woodpecker.GetCampaign(id: campaignID), for: command)
            let versions = campaign.steps.find(id: stepID)?.body?.versions ?? []
            guard let found = versions.first(where: { $0.version == letterOrID.uppercased() })?.id else {
                throw RuntimeError("step \(stepID) has no version \(letterOrID.uppercased())", at: command.range)
            }
            versionID = found
        }
        let newSubject = invocation[subject]
        let newMessage = invocation[message]
        let patch = VersionPatch(
            subject: newSubject, message: newMessage, signature: invocation[signature],
            track_opens: invocation[trackOpens])
        let request = Woodpecker.UpdateVersion(campaignID: campaignID, stepID: stepID, versionID: versionID, patch)
        return try ValueEncoder().encode(try await session.connection.send(request, for: command))
    }
}
