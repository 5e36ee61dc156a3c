import Foundation
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// The message of an error answer, whatever the endpoint's shape: `details[0]` of `{code,
/// details}`, `message` of `{type, message}` and `{message}`, `detail` of the problem body.
func errorMessage(_ body: Any?) -> String? {
    guard let object = body as? [String: Any] else { return nil }
    if let details = object["details"] as? [String] { return details.first }
    return object["message"] as? String ?? object["detail"] as? String
}

/// An EMAIL step as JSON; `after` is the raw `followup_after` member (or nil), `next` the raw
/// `followup` step (or nil).
func emailStepJSON(_ message: String, subject: String? = nil, after: String? = nil, next: String? = nil) -> String {
    let subjectJSON = subject.map { "\"\($0)\"" } ?? "null"
    return #"{"type":"EMAIL","delivery_time":{"MONDAY":[{"from":"08:00","to":"18:00"}]},"#
        + #""body":{"versions":[{"subject":\#(subjectJSON),"message":"\#(message)","signature":"SENDER","track_opens":true}]}"#
        + (after.map { #","followup_after":"# + $0 } ?? "") + (next.map { #","followup":"# + $0 } ?? "") + "}"
}

/// The steps of a campaign answer, START first.
func stepPath(_ campaign: Any?) -> [[String: Any]] {
    var steps: [[String: Any]] = []
    var current = (campaign as? [String: Any])?["steps"] as? [String: Any]
    while let step = current {
        steps.append(step)
        current = step["followup"] as? [String: Any]
    }
    return steps
}

func followupAfter(_ step: [String: Any]) -> [String: Int?]? {
    guard let after = step["followup_after"] as? [String: Any] else { return nil }
    return [(after["range"] as? String) ?? "?": after["value"] as? Int]
}

@Suite struct StepRuleTests {
    @Test func followupAfterTakesEachDefaultOnItsOwn() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let fourth = emailStepJSON("<p>4</p>", after: #"{"range":"DAY","value":2}"#)
            let third = emailStepJSON("<p>3</p>", after: "{}", next: fourth)
            let second = emailStepJSON("<p>2</p>", after: #"{"value":5}"#, next: third)
            let first = emailStepJSON("<p>1</p>", subject: "Hi", after: #"{"range":"HOUR"}"#, next: second)
            let body =
                #"{"name":"Defaults","email_account_ids":[\#(account)],"#
                + #""settings":{"timezone":"Europe/Berlin","daily_enroll":10},"steps":{"type":"START","followup":\#(first)}}"#
            let created = try await client.call(.post, "/rest/v2/campaigns", json: body)
            #expect(created.status == 201, "\(String(describing: created.body))")
            let steps = stepPath(created.body).dropFirst().map(followupAfter)
            #expect(steps == [["HOUR": 1], ["DAY": 5], ["DAY": 1], ["DAY": 2]])

            let id = try #require((created.body as? [String: Any])?["id"] as? Int)
            let leaf = try #require(stepPath(created.body).last?["id"] as? String)
            let added = try await client.call(
                .post, "/rest/v2/campaigns/\(id)/steps",
                json: #"{"parent_id":"\#(leaf)","step":\#(emailStepJSON("<p>5</p>", after: #"{"range":"HOUR"}"#))}"#)
            #expect(added.status == 200)
            #expect(stepPath(added.body).last.flatMap(followupAfter) == ["HOUR": 1])

            let outOfRange = emailStepJSON("<p>1</p>", subject: "Hi", after: #"{"value":0}"#)
            let invalid = try await client.call(
                .post, "/rest/v2/campaigns",
                json: body.replacingOccurrences(of: first, with: outOfRange))
            #expect(invalid.status == 400)
            #expect(
                errorMessage(invalid.body)?.contains("steps.followup.followup_after.value: must be in 1…9999, got 0")
                    == true)
        }
    }

    @Test func addingAStepKeepsItsWholeFollowupSubtree() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let (id, _, _) = try await createdCampaign(client, account: account)
            let before = stepPath(try await client.call(.get, "/rest/v2/campaigns/\(id)").body)
            let leaf = try #require(before.last?["id"] as? String)

            let nested = emailStepJSON(
                "<p>A</p>", after: #"{"range":"DAY","value":2}"#,
                next: emailStepJSON("<p>B</p>", after: #"{"range":"HOUR","value":13}"#, next: emailStepJSON("<p>C</p>"))
            )
            let added = try await client.call(
                .post, "/rest/v2/campaigns/\(id)/steps", json: #"{"parent_id":"\#(leaf)","step":\#(nested)}"#)
            #expect(added.status == 200)
            let after = stepPath(added.body)
            #expect(after.count == before.count + 3)
            let new = Array(after.suffix(3))
            let messages = new.map {
                (($0["body"] as? [String: Any])?["versions"] as? [[String: Any]])?.first?["message"] as? String
            }
            #expect(messages == ["<p>A</p>", "<p>B</p>", "<p>C</p>"])
            #expect(new.map(followupAfter) == [["DAY": 2], ["HOUR": 13], ["DAY": 1]])
            let ids = after.compactMap { $0["id"] as? String }
            #expect(ids.count == after.count && Set(ids).count == ids.count)
            #expect(ids.allSatisfy { UUID(uuidString: $0) != nil && $0 == $0.lowercased() })
            let versionIDs = new.compactMap {
                (($0["body"] as? [String: Any])?["versions"] as? [[String: Any]])?.first?["id"] as? String
            }
            #expect(versionIDs.count == 3 && versionIDs.allSatisfy { $0.count == 64 })
            #expect(new.last?.keys.contains("followup") == true && new.last?["followup"] is NSNull)

            // The campaign keeps them, and a step can be added after the new leaf.
            let stored = stepPath(try await client.call(.get, "/rest/v2/campaigns/\(id)").body)
            #expect(stored.compactMap { $0["id"] as? String } == ids)
            let newLeaf = try #require(ids.last)
            let again = try await client.call(
                .post, "/rest/v2/campaigns/\(id)/steps",
                json: #"{"parent_id":"\#(newLeaf)","step":\#(emailStepJSON("<p>D</p>"))}"#)
            #expect(again.status == 200 && (stepPath(again.body)).count == after.count + 1)
        }
    }

    @Test func aNestedStepIsCheckedByTheSameRules() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let account = try await connectedAccount(client, sandbox)
            let (id, _, _) = try await createdCampaign(client, account: account)
            let before = stepPath(try await client.call(.get, "/rest/v2/campaigns/\(id)").body)
            let leaf = try #require(before.last?["id"] as? String)
            let broken = emailStepJSON("<p>A</p>", next: #"{"type":"EMAIL","followup_after":{"range":"WEEK"}}"#)
            let answer = try await client.call(
                .post, "/rest/v2/campaigns/\(id)/steps", json: #"{"parent_id":"\#(leaf)","step":\#(broken)}"#)
            #expect(answer.status == 400)
            let message = try #require(errorMessage(answer.body))
            #expect(message.contains("step.followup.delivery_time: must be provided"))
            #expect(message.contains("step.followup.body: must be provided"))
            #expect(message.contains("step.followup.followup_after.range: must be DAY or HOUR, got WEEK"))
            #expect(stepPath(try await client.call(.get, "/rest/v2/campaigns/\(id)").body).count == before.count)

            // A/B testing anywhere in the subtree needs a paid plan.
            let freeAccount = try await connectedAccount(client, sandbox, key: "free-trial")
            let free = try #require(
                try await client.call(
                    .post, "/rest/v2/campaigns", key: "free-trial", json: String(format: campaignBody, "\(freeAccount)")
                )
                .body as? [String: Any])
            let freeID = try #require(free["id"] as? Int)
            let freeLeaf = try #require(stepPath(free).last?["id"] as? String)
            let ab = emailStepJSON("<p>A</p>", subject: "A").replacingOccurrences(
                of: #""track_opens":true}]}"#,
                with:
                    #""track_opens":true},{"subject":"B","message":"<p>B</p>","signature":"SENDER","track_opens":true}]}"#
            )
            let abNested = try await client.call(
                .post, "/rest/v2/campaigns/\(freeID)/steps", key: "free-trial",
                json: #"{"parent_id":"\#(freeLeaf)","step":\#(emailStepJSON("<p>A</p>", next: ab))}"#)
            #expect(abNested.status == 403)
            #expect((abNested.body as? [String: Any])?["type"] as? String == "MISSING_FEATURES")
        }
    }
}
