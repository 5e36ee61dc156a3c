import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// Connects one mailbox and returns its SMTP id. With `roomy`, it may send 5,500 messages a day,
/// 10 to 20 seconds apart, so that a test's campaign is not held back by its limits.
func connectedAccount(
    _ client: some TestClientProtocol, _ sandbox: TestSandbox, key: String = "test-key", roomy: Bool = false
) async throws -> Int {
    var body = mailboxBody("acct-\(String(key.reversed()))@example.com")
    if roomy {
        body =
            String(body.dropLast())
            + #","daily_sending_limit":5500,"sending_wait_time_from":10,"sending_wait_time_to":20}"#
    }
    _ = try await client.call(.post, "/rest/v2/mailboxes/manual_connection/bulk", key: key, json: bulk(body))
    await sandbox.store.advanceClock(by: .seconds(61))
    let mailboxes = try #require(try await client.call(.get, "/rest/v2/mailboxes", key: key).body as? [[String: Any]])
    return try #require(mailboxes.first { $0["type"] as? String == "SMTP" }?["id"] as? Int)
}

/// Creates the test campaign (`campaignBody`) on `account`: its id, and the first step's id and
/// first version's id.
func createdCampaign(_ client: some TestClientProtocol, account: Int) async throws -> (
    id: Int, stepID: String, versionID: String
) {
    let campaign = try #require(
        try await client.call(.post, "/rest/v2/campaigns", json: String(format: campaignBody, "\(account)")).body
            as? [String: Any])
    let id = try #require(campaign["id"] as? Int)
    let first = try #require((campaign["steps"] as? [String: Any])?["followup"] as? [String: Any])
    let stepID = try #require(first["id"] as? String)
    let versionID = try #require(
        ((first["body"] as? [String: Any])?["versions"] as? [[String: Any]])?.first?["id"] as? String)
    return (id, stepID, versionID)
}

@Suite struct CampaignRuleTests {
    @Test func createdCampaignHasDocumentedIdsAndDefaults() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let created = try await client.call(
                .post, "/rest/v2/campaigns", json: String(format: campaignBody, "\(account)"))
            #expect(created.status == 201)
            let campaign = try #require(created.body as? [String: Any])
            #expect(campaign["status"] as? String == "DRAFT")
            let settings = try #require(campaign["settings"] as? [String: Any])
            #expect(settings["prospect_timezone"] as? Bool == false)
            #expect(settings["gdpr_unsubscribe"] as? Bool == false)
            let start = try #require(campaign["steps"] as? [String: Any])
            let first = try #require(start["followup"] as? [String: Any])
            #expect(
                (first["delivery_time"] as? [String: Any])?["MONDAY"] as? [[String: String]] == [
                    ["from": "00:00", "to": "00:00"]
                ])
            let after = first["followup_after"] as? [String: Any]
            #expect(after?["range"] as? String == "DAY" && after?["value"] as? Int == 1)
            let second = try #require(first["followup"] as? [String: Any])
            let version = try #require((second["body"] as? [String: Any])?["versions"] as? [[String: Any]]).first
            #expect(version?["subject"] as? String == "")
            #expect(version?["version"] as? String == "A")
            let id = try #require(version?["id"] as? String)
            #expect(id.count == 64 && id.allSatisfy { $0.isHexDigit && !$0.isUppercase })
            #expect(second.keys.contains("followup") && second["followup"] is NSNull)
        }
    }

    @Test func invalidCampaignsAre400WithTheProblems() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.call(
                .post, "/rest/v2/campaigns",
                json:
                    #"{"email_account_ids":[1],"settings":{"timezone":"Mars/Olympus","daily_enroll":0},"steps":{"type":"START"}}"#
            )
            #expect(answer.status == 400)
            let body = try #require(answer.body as? [String: Any])
            #expect(body["type"] as? String == "INPUT_DATA_VALIDATION_FAILURE")
            #expect(body.keys.contains("details") && body["details"] is NSNull)
            let message = try #require(body["message"] as? String)
            #expect(message.contains("settings.timezone: must be an IANA time zone"))
            #expect(message.contains("settings.daily_enroll: must be greater than 0"))
            #expect(message.contains("steps.followup: must be provided"))
        }
    }

    @Test func freePlanAccountsLackABTesting() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox, key: "free-trial")
            let ab = String(format: campaignBody, "\(account)").replacingOccurrences(
                of: #"{"subject":"Hi","message":"<p>Hi</p>","signature":"SENDER","track_opens":true}"#,
                with:
                    #"{"subject":"Hi","message":"<p>Hi</p>","signature":"SENDER","track_opens":true},{"subject":"Hey","message":"<p>Hey</p>","signature":"SENDER","track_opens":true}"#
            )
            let answer = try await client.call(.post, "/rest/v2/campaigns", key: "free-trial", json: ab)
            #expect(answer.status == 403)
            #expect((answer.body as? [String: Any])?["type"] as? String == "MISSING_FEATURES")
            #expect((answer.body as? [String: Any])?["message"] as? String == "Upgrade your plan")
        }
    }

    @Test func editorAndWorkflowMarkers() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let editor = String(format: campaignBody, "\(account)").replacingOccurrences(
                of: #""name":"Q4""#, with: #""name":"Q4 [editor]""#)
            let created = try #require(
                try await client.call(.post, "/rest/v2/campaigns", json: editor).body as? [String: Any])
            let id = try #require(created["id"] as? Int)
            let get = try await client.call(.get, "/rest/v2/campaigns/\(id)")
            #expect(get.status == 409)
            #expect((get.body as? [String: Any])?["type"] as? String == "API_UNSUPPORTED_CAMPAIGN_FEATURES")

            let workflow = String(format: campaignBody, "\(account)").replacingOccurrences(
                of: #""name":"Q4""#, with: #""name":"Q4 [workflow]""#)
            let second = try #require(
                try await client.call(.post, "/rest/v2/campaigns", json: workflow).body as? [String: Any])
            let delete = try await client.call(.delete, "/rest/v2/campaigns/\(second["id"] as? Int ?? 0)")
            #expect(delete.status == 409)
            #expect((delete.body as? [String: Any])?["type"] as? String == "CAMPAIGN_RELATED_TO_ACTIVE_WORKFLOW")
        }
    }

    @Test func runChecksTheCampaignAgainstTheCreateRules() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let (id, stepID, versionID) = try await createdCampaign(client, account: account)
            // The version endpoint does not check for an empty subject (as documented)…
            let patched = try await client.call(
                .patch, "/rest/v2/campaigns/\(id)/steps/\(stepID)/versions/\(versionID)", json: #"{"subject":""}"#)
            #expect(patched.status == 200)
            // …but run does: the first EMAIL step needs one.
            let run = try await client.call(.post, "/rest/v2/campaigns/\(id)/run")
            #expect(run.status == 400)
            #expect((run.body as? [String: Any])?["type"] as? String == "INPUT_DATA_VALIDATION_FAILURE")
        }
    }

    @Test func impossibleTransitions() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let campaign = try #require(
                try await client.call(.post, "/rest/v2/campaigns", json: String(format: campaignBody, "\(account)"))
                    .body as? [String: Any])
            let id = try #require(campaign["id"] as? Int)
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/pause").status == 409)
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/make_editable").status == 200)
            #expect(
                (try await client.call(.get, "/rest/v2/campaigns/\(id)").body as? [String: Any])?["status"] as? String
                    == "DRAFT")
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(id)/stop").status == 200)
            let rerun = try await client.call(.post, "/rest/v2/campaigns/\(id)/run")
            #expect(rerun.status == 409)
            #expect((rerun.body as? [String: Any])?["type"] as? String == "VALIDATION_FAILURE")
            #expect(try await client.call(.post, "/rest/v2/campaigns/abc/run").status == 404)
        }
    }
}
