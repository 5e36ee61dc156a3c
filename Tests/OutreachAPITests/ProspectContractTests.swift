import Foundation
import Testing

@testable import OutreachAPI

/// The prospect endpoints as docs/contract/ describes them: paths under /rest/v1, the v1 error
/// body, the request rules, and resending after a lost answer (safe: a duplicate is E_DUPLICATE).
@Suite struct ProspectContractTests {
    func prospect(_ email: String) -> ProspectFields {
        var fields = ProspectFields(email: email)
        fields.first_name = "Erlich"
        fields.snippets[1] = "Pied Piper board member"
        fields.snippets[15] = "last"
        return fields
    }

    @Test func pathsAreV1BesideTheV2Base() throws {
        let client = makeClient(TransportScript([]))
        let list = Woodpecker.AddProspectsList(ProspectListRequest(prospects: [prospect("a@example.com")]))
        #expect(try client.prepare(list).url == "http://sandbox.test/rest/v1/add_prospects_list")
        let campaign = Woodpecker.AddProspectsCampaign(
            ProspectCampaignRequest(campaign: .init(campaign_id: 7), prospects: [prospect("a@example.com")]))
        #expect(try client.prepare(campaign).url == "http://sandbox.test/rest/v1/add_prospects_campaign")
        // Errors and dry runs name them as the pages do, not by the path relative to the base.
        #expect(list.endpointDescription == "POST /rest/v1/add_prospects_list")
        #expect(Woodpecker.ListCampaigns().endpointDescription == "GET campaigns")
    }

    @Test func fieldsEncodeUnderTheAPIsNamesAndRoundTrip() throws {
        let request = ProspectCampaignRequest(
            campaign: .init(campaign_id: 1_234_567, send_after: "2025-04-01T00:01:01-0000"),
            prospects: [prospect("erlich@bachman.com")],
            force: false, file_name: "API import")
        let data = try JSONCoding.encode(request)
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let first = try #require((object["prospects"] as? [[String: Any]])?.first)
        #expect(
            first["email"] as? String == "erlich@bachman.com"
                && first["snippet1"] as? String == "Pied Piper board member")
        #expect(first["snippet15"] as? String == "last" && first["snippet2"] == nil && first["company"] == nil)
        #expect((object["campaign"] as? [String: Any])?["campaign_id"] as? Int == 1_234_567)
        #expect(try JSONCoding.decode(ProspectCampaignRequest.self, from: data) == request)
    }

    @Test func theRulesAreCheckedBeforeSending() {
        var bad = prospect("not-an-email")
        bad.status = "ACTVE"
        let request = ProspectCampaignRequest(
            campaign: .init(campaign_id: 0, send_after: "tomorrow"),
            prospects: [prospect("ok@example.com"), bad, ProspectFields(email: " ")])
        #expect(
            Validation.prospectCampaign(request).map(\.description) == [
                "campaign.campaign_id: must be a campaign id (a positive integer), got 0",
                "campaign.send_after: must be a date-time with an offset such as 2025-04-01T00:01:01-0000, got 'tomorrow'",
                "prospects[1].email: must be a valid email address, got 'not-an-email'",
                "prospects[1].status: must be one of ACTIVE, BLACKLIST, BOUNCED, INVALID, REPLIED, got 'ACTVE'",
                "prospects[2].email: must be provided",
            ])
        #expect(
            Validation.prospectList(ProspectListRequest(prospects: [])).map(\.description) == [
                "prospects: must hold at least one prospect"
            ])
        let many = ProspectListRequest(prospects: Array(repeating: prospect("a@example.com"), count: 20_001))
        #expect(
            Validation.prospectList(many).map(\.description) == [
                "prospects: holds 20001 prospects; at most 20000 fit in one request"
            ])
        #expect(
            Validation.prospectList(
                ProspectListRequest(prospects: Array(repeating: prospect("a@example.com"), count: 20_000))
            ).isEmpty)
        for good in ["2025-04-01T00:01:01-0000", "2025-04-01T00:01:01+02:00", "2025-04-01T00:01:01Z"] {
            #expect(Validation.isISODateTimeWithOffset(good), "\(good)")
        }
        for wrong in [
            "2025-04-01", "2025-04-01T00:01:01", "2025-13-01T00:01:01Z", "2025-04-01 00:01:01Z",
            "2025-04-01T00:01:01+2",
        ] {
            #expect(!Validation.isISODateTimeWithOffset(wrong), "\(wrong)")
        }
    }

    @Test func aV1ErrorDecodesWithItsCode() async throws {
        let body = #"{"status":{"status":"ERROR","code":"E_RECORD_NOT_FOUND","msg":"Campaign not found"}}"#
        let script = TransportScript([ok(400, body)])
        let request = ProspectCampaignRequest(campaign: .init(campaign_id: 9), prospects: [prospect("a@example.com")])
        let error = await #expect(throws: OutreachError.self) {
            _ = try await makeClient(script).send(Woodpecker.AddProspectsCampaign(request))
        }
        #expect(error?.apiError?.shape == .v1Status)
        #expect(error?.apiError?.code == "E_RECORD_NOT_FOUND" && error?.apiError?.message == "Campaign not found")
        #expect(error?.apiError?.status == 400)
        #expect(await script.requests.count == 1)  // a 400 is an answer: never resent
    }

    @Test func aLostAnswerIsLeftToTheCallerAndTheBulkAnswerDecodes() async throws {
        let answer =
            #"{"prospects":[{"email":"a@example.com","id":11},"#
            + #"{"email":"b@example.com","id":12,"prospect_campaign":"DUPLICATE"},"#
            + #"{"email":"c@example.com","status":"ERROR","code":"E_INV_STATUS","msg":"status BOUNCED"}],"#
            + #""status":{"status":"OK","code":"OK","msg":"OK"}}"#
        let script = TransportScript([.failure(.outcomeUnknown("dropped")), ok(200, answer)])
        let request = ProspectCampaignRequest(
            campaign: .init(campaign_id: 9), prospects: ["a", "b", "c"].map { prospect("\($0)@example.com") })
        let client = makeClient(script)
        // The caller resends (prospect import does, noting which rows' E_DUPLICATE it caused).
        let lost = await #expect(throws: OutreachError.self) {
            _ = try await client.send(Woodpecker.AddProspectsCampaign(request))
        }
        let sentOnce = await script.requests.count
        #expect(lost?.kind == .outcomeUnknown && sentOnce == 1)
        let response = try await client.send(Woodpecker.AddProspectsCampaign(request))
        #expect(await script.requests.count == 2)
        #expect(response.prospects.map(\.isDuplicate) == [false, true, false])
        #expect(response.prospects.map(\.isRejected) == [false, false, true])
        #expect(response.prospects[2].code == "E_INV_STATUS")
    }
}
