import Foundation
import Testing

@testable import OutreachAPI

/// `GET /rest/v1/prospects` and the reports as docs/contract/ describes them: the query, `204` with
/// `X-Total-Count`, the samples' spellings, and the rules checked before sending.
@Suite struct ProspectListingContractTests {
    @Test func theQueryIsEncodedInAFixedOrderWithPlusAsPercent2B() throws {
        let query = ProspectQuery(
            page: 2, per_page: 1000, sort: "+company,-last_contacted", status: "REPLIED", campaigns_id: [7, 8],
            search: [("email", "a b@x.com")])
        let url = try makeClient(TransportScript([])).prepare(Woodpecker.ListProspects(query)).url
        #expect(
            url == "http://sandbox.test/rest/v1/prospects?page=2&per_page=1000&sort=%2Bcompany,-last_contacted"
                + "&status=REPLIED&campaigns_id=7,8&search=email=a%20b%40x.com")
    }

    @Test func aPageCarriesTheTotalAndA204IsAnEmptyPage() async throws {
        let record =
            #"[{"id":100001,"email":"a@x.com","first_name":"Ann","status":"ACTIVE","last replied":null,"#
            + #""snipet1":"old spelling","snipper9":"nine","snippet2":"two"}]"#
        let script = TransportScript([
            ok(200, record, headers: ["X-Total-Count": "51"]), ok(204, "", headers: ["X-Total-Count": "51"]),
        ])
        let client = makeClient(script)
        let page = try await client.send(Woodpecker.ListProspects(ProspectQuery(page: 1)))
        #expect(page.total == 51 && page.prospects.count == 1)
        let first = try #require(page.prospects.first)
        #expect(first.fields.first_name == "Ann" && first.fields.snippets == [1: "old spelling", 9: "nine", 2: "two"])
        let past = try await client.send(Woodpecker.ListProspects(ProspectQuery(page: 99)))
        #expect(past.prospects.isEmpty && past.total == 51)
    }

    @Test func aRecordIsWrittenWithTheCurrentSpellingsAndTheLegacyCopies() throws {
        var fields = ProspectFields(email: "a@x.com")
        fields.snippets[1] = "one"
        let data = try JSONCoding.encode(ProspectRecord(id: 5, fields: fields))
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["snippet1"] as? String == "one" && object["snipet1"] as? String == "one")
        #expect(object["snippet9"] as? String == "" && object["snipper9"] == nil)
        #expect(object["last_replied"] is NSNull && object["status"] as? String == "ACTIVE")
    }

    /// The newer sample's `organization_id`, `encrypted` and `snippet_labels`, and a campaign's
    /// `campaign_email`, are read and written back, not dropped.
    @Test func aRecordKeepsTheOrganisationLabelsEncryptionAndCampaignEmail() throws {
        let sample =
            #"{"id":7,"email":"a@x.com","status":"ACTIVE","organization_id":42,"encrypted":false,"#
            + #""snippet_labels":{"Snippet 1":"Opening line","Snippet 2":"PS"},"#
            + #""campaigns_details":[{"campaign_id":1,"campaign_name":"Q4","campaign_status":"RUNNING","#
            + #""campaign_prospect_status":"ACTIVE","interested":null,"campaign_email":"sender@acme.com"}]}"#
        let record = try JSONCoding.decode(ProspectRecord.self, from: Data(sample.utf8))
        #expect(record.organization_id == 42 && record.encrypted == false)
        #expect(
            record.snippet_labels
                == .object([("Snippet 1", .string("Opening line")), ("Snippet 2", .string("PS"))]))
        #expect(record.campaigns_details?.first?.campaign_email == "sender@acme.com")
        let written = try JSONCoding.encode(record)
        let object = try #require(try JSONSerialization.jsonObject(with: written) as? [String: Any])
        #expect(object["organization_id"] as? Int == 42 && object["encrypted"] as? Bool == false)
        #expect((object["snippet_labels"] as? [String: String]) == ["Snippet 1": "Opening line", "Snippet 2": "PS"])
    }

    @Test func theListingRulesAreCheckedBeforeSending() {
        let query = ProspectQuery(
            page: 0, per_page: 1001, sort: "+company,,-id", status: "PAUSED", interested: "YES", activity: "READ",
            search: [("colour", "red")])
        #expect(
            Validation.prospectQuery(query).map(\.description) == [
                "page: must be 1 or more, got 0",
                "per_page: must be between 1 and 1000, got 1001",
                "status: must be one of ACTIVE, BLACKLIST, BOUNCED, INVALID, REPLIED, got 'PAUSED'",
                "interested: must be one of INTERESTED, NOT_INTERESTED, MAYBE_LATER, got 'YES'",
                "activity: must be one of OPENED, CLICKED, got 'READ'",
                "sort: has an empty item in '+company,,-id'",
                "search: cannot search by 'colour'",
            ])
        #expect(Validation.prospectSort("-sent_mails", activity: nil)?.description.contains("activity") == true)
        #expect(Validation.prospectSort(" company,-sent_mails", activity: "CLICKED") == nil)
        #expect(Validation.prospectSort("id,id", activity: nil)?.description == "sort: names 'id' twice")
    }

    @Test func aReportPeriodIsTwoDatesInOrderWithinThirtyDays() {
        #expect(Validation.reportPeriod(.init(from: "2026-11-04", to: "2026-12-03"), today: "2026-12-03").isEmpty)
        #expect(
            Validation.reportPeriod(.init(from: "2026-11-03", to: "2026-12-04"), today: "2026-12-03").map(\.description)
                == [
                    "to: must not be after today (2026-12-03, UTC), got 2026-12-04",
                    "from: must be within the last 30 days (UTC), got 2026-11-03",
                ])
        #expect(
            Validation.reportPeriod(.init(from: "2026-02-30", to: "yesterday")).map(\.description) == [
                "from: must be a date YYYY-MM-DD, got '2026-02-30'", "to: must be a date YYYY-MM-DD, got 'yesterday'",
            ])
        for day in [-1, 0, 59, 20_000, 20_790] {
            #expect(Validation.dayNumber(Validation.date(ofDay: day)) == day)
        }
        #expect(Validation.date(ofDay: 0) == "1970-01-01")
    }

    @Test func aReportIsAskedForAndReadOnceReady() async throws {
        let script = TransportScript([
            ok(200, #"{"hash":"abc"}"#), ok(200, #"{"status":"IN_PROGRESS"}"#),
            ok(200, #"{"status":"READY","report":{"description":"d","data":[{"id":1,"open_rate":"5.0%"}]}}"#),
        ])
        let client = makeClient(script)
        let hash = try await client.send(
            Woodpecker.RequestReport(.campaigns, .init(from: "2026-11-04", to: "2026-12-03")))
        #expect(hash.hash == "abc")
        #expect(try await client.send(Woodpecker.GetReport(hash: "abc")).isReady == false)
        let ready = try await client.send(Woodpecker.GetReport(hash: "abc"))
        #expect(ready.report?.data == [.object([("id", .number(1)), ("open_rate", .string("5.0%"))])])
        #expect(await script.requests.map(\.url).first == "http://sandbox.test/rest/v2/reports/campaigns")
    }
}
