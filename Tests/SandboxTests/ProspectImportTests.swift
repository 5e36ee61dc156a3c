import Foundation
import Hummingbird
import HummingbirdTesting
import TestSupport
import Testing

@testable import Sandbox

/// `add_prospects_list` and `add_prospects_campaign`: docs/contract gaps 1–13.
@Suite struct ProspectImportTests {
    @Test func entriesComeInRequestOrderWithIdsFrom100001() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.addToList([
                prospectJSON("ann@example.com", ["first_name": "Ann"]), prospectJSON("bob@example.com"),
            ])
            #expect(answer.status == 200)
            let status = try #require((answer.body as? [String: Any])?["status"] as? [String: String])
            #expect(status == ["status": "OK", "code": "OK", "msg": "OK"])
            #expect(answer.entries.map { $0["email"] as? String } == ["ann@example.com", "bob@example.com"])
            #expect(answer.entries.map { $0["id"] as? Int } == [100001, 100002])
            // An accepted entry is {email, id} only.
            #expect(answer.entries.allSatisfy { Set($0.keys) == ["email", "id"] })
            // Ids are global: another account's next prospect counts on.
            let other = try await client.addToList([prospectJSON("ann@example.com")], key: "other-key")
            #expect(other.entries.first?["id"] as? Int == 100003)
        }
    }

    @Test func reAddingWithoutUpdateIsADuplicateAndKeepsTheData() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            _ = try await client.addToList([prospectJSON("ann@example.com", ["first_name": "Ann"])])
            let again = try await client.addToList([prospectJSON(" ANN@example.com ", ["first_name": "Annie"])])
            #expect(again.status == 200)
            let entry = try #require(again.entries.first)
            #expect(entry["status"] as? String == "ERROR")
            #expect(entry["code"] as? String == "E_DUPLICATE")
            #expect(entry["id"] as? Int == 100001)
            #expect(entry["email"] as? String == " ANN@example.com ")
            #expect(try await client.prospects().records.first?["first_name"] as? String == "Ann")
        }
    }

    @Test func updateKeepsAbsentAndNullClearsEmptyReplacesTheRest() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            _ = try await client.addToList([
                prospectJSON(
                    "ann@example.com", ["first_name": "Ann", "last_name": "Lee", "company": "Acme", "snippet3": "s3"])
            ])
            await sandbox.store.advanceClock(by: .seconds(3600))
            let updated = try await client.addToList(
                [
                    #"{"email":"ann@example.com","first_name":"Anna","last_name":"","company":null,"status":"REPLIED","unknown":5}"#,
                    prospectJSON("new@example.com"),
                ], extra: #""update":true"#)
            #expect(updated.entries.map { $0["id"] as? Int } == [100001, 100002])
            #expect(updated.entries.allSatisfy { $0["code"] == nil })
            let records = try await client.prospects().records
            let ann = try #require(records.first)
            #expect(ann["first_name"] as? String == "Anna")
            #expect(ann["last_name"] as? String == "")
            #expect(ann["company"] as? String == "Acme")
            #expect(ann["snippet3"] as? String == "s3")
            #expect(ann["snipet3"] as? String == "s3")
            #expect(ann["status"] as? String == "REPLIED")
            #expect(ann["unknown"] == nil)
            // New prospects get "" for every field left out, ACTIVE, and null dates that never happened.
            let new = try #require(records.last)
            #expect(new["first_name"] as? String == "")
            #expect(new["snippet15"] as? String == "")
            #expect(new["status"] as? String == "ACTIVE")
            #expect(new["last_contacted"] is NSNull)
            #expect(new["last_replied"] is NSNull)
            #expect(new["snipper9"] == nil)
            let updatedText = try #require(ann["updated"] as? String)
            #expect(updatedText.hasSuffix("+0000") && updatedText.count == 24)
        }
    }

    @Test func theSameEmailTwiceInOneRequestIsADuplicateOfTheFirst() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.addToList(
                [
                    prospectJSON("ann@example.com", ["first_name": "First"]),
                    prospectJSON("Ann@Example.com ", ["first_name": "Second"]),
                ], extra: #""update":true"#)
            #expect(answer.entries[0]["id"] as? Int == 100001)
            #expect(answer.entries[1]["code"] as? String == "E_DUPLICATE")
            #expect(answer.entries[1]["msg"] as? String == "duplicate of prospects[0] in this request")
            #expect(answer.entries[1]["id"] as? Int == 100001)
            #expect(try await client.prospects().records.first?["first_name"] as? String == "First")
        }
    }

    @Test func badEmailsAndStatusesAreRejectedPerEntry() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.addToList([
                #"{"first_name":"No email"}"#, prospectJSON(""), prospectJSON("not-an-address"),
                prospectJSON("ann@mail.invalid"), prospectJSON("bob@example.com", ["status": "PAUSED"]),
                prospectJSON("eve@example.com", ["interested": "VERY"]), prospectJSON("ok@example.com"),
            ])
            #expect(answer.status == 200)
            let codes = answer.entries.map { $0["code"] as? String }
            #expect(
                codes == ["E_EMAIL", "E_EMAIL", "E_EMAIL", "E_EMAIL_NOT_EXISTS", "E_WRONG_PARAM", "E_WRONG_PARAM", nil])
            #expect(answer.entries[0]["msg"] as? String == "email is required")
            #expect(answer.entries[0]["email"] as? String == "")
            #expect((answer.entries[2]["msg"] as? String)?.hasPrefix("prospects[2].email: ") == true)
            #expect((answer.entries[4]["msg"] as? String)?.hasPrefix("prospects[4].status: must be one of") == true)
            #expect(answer.entries[6]["id"] as? Int == 100001)
            #expect(try await client.prospects().total == 1)
        }
    }

    @Test func everyGlobalStatusIsAcceptedOnInput() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let statuses = ["ACTIVE", "BLACKLIST", "BOUNCED", "INVALID", "REPLIED"]
            let answer = try await client.addToList(
                statuses.map { prospectJSON("\($0.lowercased())@example.com", ["status": $0]) })
            #expect(answer.entries.allSatisfy { $0["code"] == nil })
            let records = try await client.prospects().records
            #expect(records.map { $0["status"] as? String } == statuses)
        }
    }

    @Test(arguments: [
        (#"{"prospects":[]}"#, "E_REQUIRED_ELEMENT", "prospects"),
        (#"{"file_name":"x"}"#, "E_REQUIRED_ELEMENT", "prospects"),
        (#"{"prospects":null}"#, "E_REQUIRED_ELEMENT", "prospects"),
        (#"{"prospects":{"email":"a@example.com"}}"#, "E_WRONG_PARAM", "prospects: must be a list, got an object"),
        (
            #"{"prospects":[{"email":"a@example.com"},{"email":"b@example.com"},{"email":"c@example.com"},{"email":"d@example.com","first_name":5}]}"#,
            "E_WRONG_PARAM", "prospects[3].first_name: must be a string, got 5"
        ),
        (#"{"prospects":[{"email":null}]}"#, "E_WRONG_PARAM", "prospects[0].email: must be a string, got null"),
        (#"{"prospects":[{"email":"a@example.com","snippet2":[]}]}"#, "E_WRONG_PARAM", "prospects[0].snippet2"),
        (#"{"prospects":[7]}"#, "E_WRONG_PARAM", "prospects[0]: must be an object, got 7"),
        (#"{"update":"yes","prospects":[{"email":"a@example.com"}]}"#, "E_WRONG_PARAM", "update: must be a boolean"),
        (#"{"prospects":[{"email":"a@example.com"}"#, "E_WRONG_PARAM", "not valid JSON"),
        (#"[1]"#, "E_WRONG_PARAM", "must be a JSON object"),
        ("", "E_WRONG_PARAM", "empty"),
    ])
    func requestLevelProblemsAnswer400AndStoreNothing(body: String, code: String, message: String) async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.v1(.post, "/rest/v1/add_prospects_list", json: body)
            #expect(answer.status == 400)
            #expect(answer.code == code)
            #expect(answer.msg?.contains(message) == true, "\(answer.msg ?? "")")
            #expect(try await client.prospects().status == 204)
        }
    }

    @Test func moreThan20000ProspectsAnswer400AndStoreNothing() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.addToList(numberedProspects(20_001))
            #expect(answer.status == 400)
            #expect(answer.code == "E_WRONG_PARAM")
            #expect(answer.msg == "prospects: at most 20000 per request, got 20001")
            #expect(try await client.prospects().total == 0)
            let exactly = try await client.addToList(numberedProspects(20_000))
            #expect(exactly.status == 200)
            #expect(exactly.entries.count == 20_000)
            #expect(exactly.entries.last?["id"] as? Int == 120_000)
        }
    }

    @Test func aBodyDeclaredAsSomethingElseThanJSONIsAWrongParam() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.execute(
                uri: "/rest/v1/add_prospects_list", method: .post,
                headers: [.contentType: "text/plain", .init("x-api-key")!: "k"],
                body: ByteBuffer(string: prospectsBody([prospectJSON("a@example.com")]))
            ) { $0 }
            #expect(answer.status == .badRequest)
            #expect(String(buffer: answer.body).contains("E_WRONG_PARAM"))
        }
    }
}

/// `add_prospects_campaign`: enrolment, `force`, `send_after`, campaign checks (gaps 7, 9–11).
@Suite struct ProspectCampaignImportTests {
    @Test func addsNewAndDatabaseProspectsAndAnswersEnrolledOnesWithDuplicate() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            _ = try await client.addToList([prospectJSON("known@example.com", ["first_name": "Kept"])])
            let added = try await client.addToCampaign(
                campaign,
                [prospectJSON("known@example.com", ["first_name": "Ignored"]), prospectJSON("new@example.com")])
            #expect(added.status == 200)
            #expect(added.entries.map { $0["id"] as? Int } == [100001, 100002])
            #expect(added.entries.allSatisfy { $0["code"] == nil })
            let again = try await client.addToCampaign(campaign, [prospectJSON("known@example.com")])
            #expect(again.entries.first?["code"] as? String == "E_DUPLICATE")
            #expect(again.entries.first?["id"] as? Int == 100001)
            let listed = try await client.prospects("campaigns_id=\(campaign)")
            #expect(listed.records.map { $0["email"] as? String } == ["known@example.com", "new@example.com"])
            #expect(listed.records.first?["first_name"] as? String == "Kept")
            let detail = try #require((listed.records.first?["campaigns_details"] as? [[String: Any]])?.first)
            #expect(detail["campaign_id"] as? Int == campaign)
            #expect(detail["campaign_name"] as? String == "Q4")
            #expect(detail["campaign_status"] as? String == "DRAFT")
            #expect(detail["campaign_prospect_status"] as? String == "ACTIVE")
            #expect((detail["campaign_email"] as? String)?.hasSuffix("@example.com") == true)
        }
    }

    @Test func updateChangesDataAndInterestOfEnrolledProspects() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            _ = try await client.addToCampaign(campaign, [prospectJSON("a@example.com", ["snippet1": "old"])])
            let updated = try await client.addToCampaign(
                campaign, [prospectJSON("a@example.com", ["snippet1": "new", "interested": "INTERESTED"])],
                sendAfter: "2999-01-01T00:00:00+02:00", extra: #""update":true"#)
            #expect(updated.entries.first?["code"] == nil)
            let record = try #require(try await client.prospects("campaigns_id=\(campaign)").records.first)
            #expect(record["snippet1"] as? String == "new")
            let detail = try #require((record["campaigns_details"] as? [[String: Any]])?.first)
            #expect(detail["interested"] as? String == "INTERESTED")
            let tenant = try #require(await sandbox.store.tenants.values.first)
            let enrolment = try #require(tenant.enrolments[campaign]?[100001])
            #expect(enrolment.sendAfter == SandboxTime.seconds(fromISO: "2998-12-31T22:00:00Z"))
            #expect(try await client.prospects("interested=INTERESTED").total == 1)
            #expect(try await client.prospects("interested=MAYBE_LATER").status == 204)
        }
    }

    @Test func nonActiveProspectsNeedForceWhichAdmitsEveryStatusAndKeepsIt() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            _ = try await client.addToList([
                prospectJSON("bounced@example.com", ["status": "BOUNCED"]),
                prospectJSON("black@example.com", ["status": "BLACKLIST"]),
            ])
            let refused = try await client.addToCampaign(
                campaign,
                [
                    prospectJSON("bounced@example.com"), prospectJSON("black@example.com"),
                    prospectJSON("fresh@example.com", ["status": "REPLIED"]),
                ])
            #expect(refused.entries.map { $0["code"] as? String } == ["E_INV_STATUS", "E_INV_STATUS", "E_INV_STATUS"])
            #expect(refused.entries.map { $0["id"] as? Int } == [100001, 100002, nil])
            #expect(try await client.prospects("campaigns_id=\(campaign)").status == 204)
            #expect(try await client.prospects().total == 2)  // the refused new one was not created
            let forced = try await client.addToCampaign(
                campaign, [prospectJSON("bounced@example.com"), prospectJSON("black@example.com")],
                extra: #""force":true"#)
            #expect(forced.entries.allSatisfy { $0["code"] == nil })
            let records = try await client.prospects("campaigns_id=\(campaign)").records
            #expect(records.map { $0["status"] as? String } == ["BOUNCED", "BLACKLIST"])
        }
    }

    @Test func everyCampaignStatusAcceptsAndUnknownCampaignsAreNotFound() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            #expect(try await client.call(.post, "/rest/v2/campaigns/\(campaign)/stop").status == 200)
            #expect(
                try await client.addToCampaign(campaign, [prospectJSON("a@example.com")]).entries.first?["id"] != nil)
            let unknown = try await client.addToCampaign(999, [prospectJSON("b@example.com")])
            #expect(unknown.status == 400)
            #expect(unknown.code == "E_RECORD_NOT_FOUND")
            let otherAccount = try await client.addToCampaign(campaign, [prospectJSON("b@example.com")], key: "other")
            #expect(otherAccount.code == "E_RECORD_NOT_FOUND")
            #expect(try await client.prospects("search=email=b@example.com").status == 204)
        }
    }

    @Test(arguments: [
        (#"{"prospects":[{"email":"a@example.com"}]}"#, "E_REQUIRED_ELEMENT", "campaign.campaign_id"),
        (#"{"campaign":{},"prospects":[{"email":"a@example.com"}]}"#, "E_REQUIRED_ELEMENT", "campaign.campaign_id"),
        (#"{"campaign":{"campaign_id":"7"},"prospects":[{"email":"a@example.com"}]}"#, "E_WRONG_PARAM", "an integer"),
        (#"{"campaign":{"campaign_id":0},"prospects":[{"email":"a@example.com"}]}"#, "E_WRONG_PARAM", "positive"),
        (
            #"{"campaign":{"campaign_id":7,"send_after":"2025-04-01"},"prospects":[{"email":"a@example.com"}]}"#,
            "E_WRONG_PARAM", "campaign.send_after: "
        ),
        (
            #"{"campaign":{"campaign_id":7,"send_after":"2025-04-01T00:01:01"},"prospects":[{"email":"a@example.com"}]}"#,
            "E_WRONG_PARAM", "campaign.send_after: "
        ),
        (#"{"campaign":{"campaign_id":7},"prospects":[]}"#, "E_REQUIRED_ELEMENT", "prospects"),
        (
            #"{"campaign":{"campaign_id":7},"force":1,"prospects":[{"email":"a@example.com"}]}"#, "E_WRONG_PARAM",
            "force"
        ),
    ])
    func campaignRequestProblems(body: String, code: String, message: String) async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let answer = try await client.v1(.post, "/rest/v1/add_prospects_campaign", json: body)
            #expect(answer.status == 400)
            #expect(answer.code == code)
            #expect(answer.msg?.contains(message) == true, "\(answer.msg ?? "")")
        }
    }

    @Test func sendAfterInThePastMeansNowAndOffsetsAreStoredAsUTC() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            for (index, text) in ["2025-04-01T00:01:01-0000", "2999-04-01T00:01:01Z", "2999-04-01T02:01:01+02:00"]
                .enumerated()
            {
                let answer = try await client.addToCampaign(
                    campaign, [prospectJSON("p\(index)@example.com")], sendAfter: text)
                #expect(answer.status == 200)
            }
            let tenant = try #require(await sandbox.store.tenants.values.first)
            let enrolments = try #require(tenant.enrolments[campaign])
            let past = try #require(enrolments[100001])
            #expect(past.sendAfter == past.added)
            #expect(enrolments[100002]?.sendAfter == SandboxTime.seconds(fromISO: "2999-04-01T00:01:01+0000"))
            #expect(enrolments[100003]?.sendAfter == enrolments[100002]?.sendAfter)
            #expect(enrolments.order == [100001, 100002, 100003])
        }
    }

    @Test func deletingACampaignDropsItsEnrolments() async throws {
        let sandbox = try await TestSandbox()
        try await sandbox.app.test(.router) { client in
            let campaign = try await sandboxCampaign(client, sandbox)
            _ = try await client.addToCampaign(campaign, [prospectJSON("a@example.com")])
            #expect(try await client.call(.delete, "/rest/v2/campaigns/\(campaign)").status == 200)
            #expect(try await client.prospects("campaigns_id=\(campaign)").status == 204)
            let record = try #require(try await client.prospects("campaigns_details=true").records.first)
            #expect((record["campaigns_details"] as? [Any])?.isEmpty == true)
        }
    }
}
